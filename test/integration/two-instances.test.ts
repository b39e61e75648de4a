/**
 * Two gateway processes on one real Redis behave as one: a token is single-use across both, and a per-email
 * limit reached through instance A holds on instance B.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signResetToken } from '../../src/reset/ott/token.js';
import { auditSecret } from '../support/log-audit.js';
import { eventually, sandboxStoreEnv } from '../support/gateway.js';
import { type Instance, startInstance, stop } from '../support/instances.js';
import { startPostmarkServer, type PostmarkServer } from '../support/postmark-server.js';
import { REDIS_URL, redisAvailable, uniqueRedisPrefix } from '../support/requirements.js';
import { SandboxHarness } from '../support/sandbox.js';

const SECRET = 'two-instances-secret-two-instances-secret';
const PUBLIC_URL = 'http://gateway.test';

const run = await redisAvailable();

describe.runIf(run)('two gateway instances on one Redis', () => {
  let sandbox: SandboxHarness;
  let postmark: PostmarkServer;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    sandbox = await SandboxHarness.start({ quota: { requestsPerWindow: 1_000_000, windowMs: 30_000 } });
    postmark = await startPostmarkServer('pm-token');
    const env = {
      ...sandboxStoreEnv(sandbox.url),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      PUBLIC_URL,
      RESET_STRATEGY: 'ott',
      RESET_TOKEN_SECRET: SECRET,
      POSTMARK_SERVER_TOKEN: 'pm-token',
      POSTMARK_API_URL: postmark.url,
      MAIL_FROM: 'shop@example.com',
      REDIS_URL,
      REDIS_KEY_PREFIX: uniqueRedisPrefix(),
      RATE_LIMIT_REQUEST_RESET_PER_EMAIL: '2/3600',
      SIGN_IN_RESEND_COOLDOWN: '0',
    };
    [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
    for (const instance of [a, b]) await eventually(async () => ((await fetch(`${instance.url}/ready`)).ok ? true : undefined), 10_000);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
    await postmark?.close();
    await sandbox?.close();
  });

  const graphql = async (instance: Instance, query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${instance.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, raw: await response.text() };
  };

  it('bootstraps one OTT attribute between them', async () => {
    const { body } = await sandbox.rest<{ data: Array<{ name: string }> }>('GET', '/v3/customers/attributes?name=reset_ott');
    expect(body.data.filter((attribute) => attribute.name === 'reset_ott')).toHaveLength(1);
  });

  it('lets exactly one of 50 concurrent uses of one token win, split across both instances', async () => {
    const { body } = await sandbox.rest<{ data: Array<{ id: number }> }>('GET', '/v3/customers/attributes?name=reset_ott');
    const attributeId = body.data[0]?.id;
    const keys = { secrets: [SECRET], issuer: PUBLIC_URL, audience: `${PUBLIC_URL}/password-reset`, ttlSeconds: 600 };
    for (let round = 0; round < 20; round++) {
      const ott = createHash('sha256').update(`round-${round}-${Math.random()}`).digest('base64url');
      await sandbox.rest('PUT', '/v3/customers/attribute-values', [
        { customer_id: 2, attribute_id: attributeId, value: createHash('sha256').update(ott).digest('hex') },
      ]);
      const token = signResetToken(keys, { shopperId: '2', ott });
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          graphql(i % 2 === 0 ? a : b, 'mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename } }', {
            input: { newPassword: `Two-Instances-${round}-Pw`, token },
          }),
        ),
      );
      const wins = results.filter((r) => r.raw.includes('ResetPasswordSuccess')).length;
      expect(wins, `round ${round}`).toBe(1);
      expect(results.filter((r) => r.raw.includes('InvalidResetTokenError'))).toHaveLength(49);
    }
    expect(await sandbox.canLogin('john@example.com', 'Two-Instances-19-Pw')).toBe(true);
  }, 60_000);

  it('holds a per-email limit reached through A on B, with the same answer', async () => {
    const request = (instance: Instance) =>
      graphql(instance, 'mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { accepted message } }', {
        email: 'jane@example.com',
      });
    const resetMails = () => postmark.delivered.filter((m) => m.to === 'jane@example.com' && m.tag === 'password-reset').length;
    // Each mailed before the next: requests while one is pending would collapse into it.
    const answers = [];
    for (const [instance, mailsAfter] of [[a, 1], [a, 2], [b, 2]] as const) {
      answers.push(await request(instance));
      await eventually(async () => (resetMails() >= mailsAfter ? true : undefined));
    }
    expect(new Set(answers.map((r) => `${r.status} ${r.raw}`)).size).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(resetMails()).toBe(2);
  });

  /** A fresh code for john, asked through `instance`, read from the mail Postmark received. */
  async function signInCode(instance: Instance): Promise<string> {
    const before = postmark.delivered.filter((m) => m.tag === 'sign-in').length;
    await graphql(instance, 'mutation ($email: String!) { requestSignInCode(input: { email: $email }) { accepted } }', { email: 'john@example.com' });
    const mail = await eventually(async () => postmark.delivered.filter((m) => m.tag === 'sign-in')[before]);
    const code = /is: (\d{6})/.exec(mail.textBody ?? '')?.[1] ?? '';
    auditSecret(code);
    return code;
  }

  const SIGN_IN = `mutation ($code: String!) {
    signInWithCode(input: { email: "john@example.com", code: $code, mode: CUSTOMER_LOGIN_JWT }) { __typename }
  }`;

  it('lets exactly one of 50 concurrent sign-ins with one code win, split across both instances, 100 times over', async () => {
    for (let trial = 0; trial < 100; trial++) {
      const code = await signInCode(trial % 2 === 0 ? a : b);
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => graphql(i % 2 === 0 ? a : b, SIGN_IN, { code })));
      expect(results.filter((r) => r.raw.includes('LoginJwtHandoff')).length, `trial ${trial}`).toBe(1);
      expect(results.filter((r) => r.raw.includes('InvalidSignInCodeError'))).toHaveLength(49);
    }
  }, 120_000);

  it('shares the wrong-guess count: two wrong codes through A and one through B kill the code for both', async () => {
    const code = await signInCode(a);
    const wrong = code === '000000' ? '111111' : '000000';
    await graphql(a, SIGN_IN, { code: wrong });
    await graphql(a, SIGN_IN, { code: wrong });
    await graphql(b, SIGN_IN, { code: wrong });
    expect((await graphql(a, SIGN_IN, { code })).raw).toContain('InvalidSignInCodeError');
    expect((await graphql(b, SIGN_IN, { code })).raw).toContain('InvalidSignInCodeError');
  });
});
