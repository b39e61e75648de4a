/**
 * Nothing unauthenticated spends upstream budget per request (issue 15, rows 1 and 2), driven at the volumes an
 * attacker used, against the sandbox with 150 ms of upstream latency and the shipped limits and budget
 * (60 BigCommerce calls per 30 s, a quarter kept for shoppers):
 * - waves of 70 concurrent `GET /ready` took every login and reset down for 30 s when each probe that found its
 *   cache stale called BigCommerce;
 * - 60 `passwordResetTokenStatus` queries from one IP drained the budget when each read BigCommerce.
 * After either, shoppers' logins and resets must all work, and the probes and queries must have cost (almost) no
 * BigCommerce calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { auditSecret } from '../support/log-audit.js';
import { type PostmarkServer, startPostmarkServer } from '../support/postmark-server.js';
import { customerLoginJwt, SandboxHarness } from '../support/sandbox.js';

const POSTMARK_TOKEN = 'unauthenticated-cost-postmark-token';
const LOGIN = 'mutation ($input: LoginWithJwtInput!) { loginWithJwt(input: $input) { __typename } }';
const RESET = 'mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename } }';
const STATUS = 'query ($token: String) { passwordResetTokenStatus(token: $token) { status } }';

let gw: TestGateway;
let postmark: PostmarkServer;
let sandbox: SandboxHarness;

beforeAll(async () => {
  postmark = await startPostmarkServer(POSTMARK_TOKEN);
  gw = await startTestGateway({
    limits: 'default',
    env: {
      RESET_STRATEGY: 'ott',
      RESET_TOKEN_SECRET: 'unauthenticated-cost-secret-0123456789abcdef',
      POSTMARK_SERVER_TOKEN: POSTMARK_TOKEN,
      POSTMARK_API_URL: postmark.url,
      MAIL_FROM: 'Shop <shop@example.com>',
      // One test client sends everything: the HTTP flood limit is not what is under test here.
      RATE_LIMIT_HTTP_PER_IP: '100000/60',
      RATE_LIMIT_REQUEST_RESET_PER_IP: '1000/60',
      UPSTREAM_TIMEOUT_MS: '3000',
    },
  });
  sandbox = SandboxHarness.connect(gw.sandboxUrl);
  await eventually(async () => ((await fetch(`${gw.url}/ready`)).ok ? true : undefined), 10_000);
  await sandbox.setFaults([{ route: '*', latencyMs: 150 }]);
}, 30_000);
afterAll(async () => {
  await sandbox?.setFaults([]);
  await gw?.close();
  await postmark?.close();
});

/** BigCommerce calls the gateway made to an endpoint, from its own metrics. */
async function upstreamCalls(endpoint: string): Promise<number> {
  const text = await gw.gateway.metrics.registry.getSingleMetricAsString('hag_upstream_request_duration_seconds');
  let total = 0;
  for (const match of text.matchAll(/_count\{([^}]*)\} (\d+)/g)) {
    if ((match[1] ?? '').includes(`endpoint="${endpoint}"`)) total += Number(match[2]);
  }
  return total;
}

async function resetLink(email: string): Promise<string> {
  const before = postmark.delivered.length;
  await gw.graphql('mutation ($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { accepted } }', { input: { email } });
  const mail = await eventually(async () => postmark.delivered.slice(before).find((m) => m.to === email), 10_000);
  const token = new URL(/https?:\/\/\S+password-reset\?token=[\w.-]+/.exec(mail.textBody ?? '')?.[0] ?? '').searchParams.get('token') ?? '';
  auditSecret(token);
  return token;
}

/** What shoppers do while (or right after) the attack: 12 logins and a reset. Every one must work. */
async function shoppers(resetToken: string, newPassword: string) {
  const logins = [];
  for (let i = 0; i < 12; i++) {
    const token = customerLoginJwt({ iat: Math.floor(Date.now() / 1000), customer_id: 1 });
    logins.push((await gw.graphql<{ loginWithJwt: { __typename: string } }>(LOGIN, { input: { jwt: token } })).body.data?.loginWithJwt.__typename);
  }
  auditSecret(newPassword);
  const reset = (await gw.graphql<{ resetPassword: { __typename: string } }>(RESET, { input: { token: resetToken, newPassword } })).body.data
    ?.resetPassword.__typename;
  return { logins, reset };
}

describe('unauthenticated requests cost nothing upstream', () => {
  it('waves of 70 concurrent GET /ready: only the scheduled checks reach BigCommerce; every login and the reset work', async () => {
    const token = await resetLink('jane@example.com');
    const before = await upstreamCalls('GET /time');
    const started = Date.now();
    const statuses: number[] = [];
    // Each wave comes once any answer cached from an earlier probe has gone stale (the old code kept one for 10 s).
    for (let wave = 0; wave < 2; wave++) {
      await new Promise((resolve) => setTimeout(resolve, 10_500));
      statuses.push(...(await Promise.all(Array.from({ length: 70 }, async () => (await fetch(`${gw.url}/ready`)).status))));
    }
    const probeCalls = (await upstreamCalls('GET /time')) - before;
    expect(statuses.filter((status) => status === 200)).toHaveLength(140);
    // The schedule (READINESS_INTERVAL, 10 s) is all that reaches BigCommerce: no probe adds a call.
    expect(probeCalls).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 10_000) + 1);
    const { logins, reset } = await shoppers(token, 'After-Probes-Passw0rd-1');
    expect(logins).toEqual(Array(12).fill('LoginSuccess'));
    expect(reset).toBe('ResetPasswordSuccess');
  }, 60_000);

  it('60 token status queries from one IP read nothing from BigCommerce and are limited; every login and the reset work', async () => {
    const token = await resetLink('john@example.com');
    const before = await upstreamCalls('GET /customers');
    const answers = await Promise.all(
      Array.from({ length: 60 }, async () => {
        const result = await gw.graphql<{ passwordResetTokenStatus: { status: string } }>(STATUS, { token });
        return result.status === 429 ? 'RATE_LIMITED' : result.body.data?.passwordResetTokenStatus.status;
      }),
    );
    expect((await upstreamCalls('GET /customers')) - before).toBe(0);
    expect(answers.filter((answer) => answer === 'VALID')).toHaveLength(30);
    expect(answers.filter((answer) => answer === 'RATE_LIMITED')).toHaveLength(30);
    const { logins, reset } = await shoppers(token, 'After-Status-Passw0rd-1');
    expect(logins).toEqual(Array(12).fill('LoginSuccess'));
    expect(reset).toBe('ResetPasswordSuccess');
  }, 60_000);
});
