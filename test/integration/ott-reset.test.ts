/**
 * The ott flow over real sockets: the sandbox as BigCommerce, a local Postmark-compatible server driven by the
 * real postmark client, and the gateway in between.
 */
import { createHash } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RESET_TOKEN_TYP, signResetToken } from '../../src/reset/ott/token.js';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { startPostmarkServer, type PostmarkServer } from '../support/postmark-server.js';
import { auditSecret } from '../support/log-audit.js';
import { SandboxHarness } from '../support/sandbox.js';

const SECRET = 'ott-test-secret-ott-test-secret-0123456789';
const POSTMARK_TOKEN = 'postmark-server-token-for-tests';
const TTL = 600;

const REQUEST = 'mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { accepted } }';
const RESET = `mutation ($input: ResetPasswordInput!) {
  resetPassword(input: $input) {
    __typename
    ... on Error { code }
    ... on ResetPasswordSuccess { customer { entityId email } session { customerAccessToken } }
  }
}`;
const STATUS = 'query ($token: String) { passwordResetTokenStatus(token: $token) { status expiresAt } }';

let gw: TestGateway;
let postmark: PostmarkServer;
let sandbox: SandboxHarness;
[SECRET, POSTMARK_TOKEN].forEach(auditSecret);

function ottEnv(extra: Record<string, string> = {}) {
  return {
    RESET_STRATEGY: 'ott',
    RESET_TOKEN_SECRET: SECRET,
    RESET_TOKEN_TTL: String(TTL),
    POSTMARK_SERVER_TOKEN: POSTMARK_TOKEN,
    POSTMARK_API_URL: postmark.url,
    MAIL_FROM: 'shop@example.com',
    ...extra,
  };
}

beforeAll(async () => {
  postmark = await startPostmarkServer(POSTMARK_TOKEN);
  gw = await startTestGateway({ env: ottEnv(), sandbox: { quota: { requestsPerWindow: 1_000_000, windowMs: 30_000 } } });
  sandbox = SandboxHarness.connect(gw.sandboxUrl);
  await eventually(async () => ((await fetch(`${gw.url}/ready`)).ok ? true : undefined));
});
afterEach(async () => sandbox.setFaults([]));
afterAll(async () => {
  await gw.close();
  await postmark.close();
});

const keys = () => ({ secrets: [SECRET], issuer: gw.url, audience: `${gw.url}/password-reset`, ttlSeconds: TTL });

async function attributeId(): Promise<number> {
  const { body } = await sandbox.rest<{ data: Array<{ id: number; name: string }> }>('GET', '/v3/customers/attributes?name=reset_ott');
  const attribute = body.data.find((a) => a.name === 'reset_ott');
  if (!attribute) throw new Error('the gateway did not bootstrap its attribute');
  return attribute.id;
}

async function storedValue(customerId: number): Promise<string | undefined> {
  const id = await attributeId();
  const { body } = await sandbox.rest<{ data: Array<{ attribute_id: number; attribute_value: string }> }>(
    'GET',
    `/v3/customers/attribute-values?customer_id:in=${customerId}&attribute_id:in=${id}`,
  );
  return body.data[0]?.attribute_value;
}

/** requestPasswordReset through the gateway, and the link from the mail Postmark received. */
async function requestLink(email: string): Promise<{ link: URL; token: string }> {
  const before = postmark.delivered.length;
  await gw.graphql(REQUEST, { email });
  const mail = await eventually(async () => postmark.delivered.slice(before).find((m) => m.to === email && m.tag === 'password-reset'));
  const href = mail.textBody?.match(/https?:\/\/\S+/)?.[0];
  const link = new URL(href as string);
  const token = link.searchParams.get('token') as string;
  auditSecret(token);
  return { link, token };
}

/** A token the way the gateway makes one, planted directly (for the concurrency and rejection tests). */
async function plantToken(customerId: number, options: { ott?: string; now?: number } = {}): Promise<string> {
  const ott = options.ott ?? createHash('sha256').update(String(Math.random())).digest('base64url');
  await sandbox.rest('PUT', '/v3/customers/attribute-values', [
    { customer_id: customerId, attribute_id: await attributeId(), value: createHash('sha256').update(ott).digest('hex') },
  ]);
  const token = signResetToken(keys(), { shopperId: String(customerId), ott }, options.now);
  auditSecret(token);
  return token;
}

async function reset(input: Record<string, unknown>, headers: Record<string, string> = {}) {
  const result = await gw.graphql(RESET, { input }, { headers });
  return result.body.data?.resetPassword as { __typename: string; code?: string; session?: unknown } | undefined;
}

describe('ott reset flow', () => {
  it('runs end to end: mail through Postmark, handoff, reset, login; no BigCommerce mail; "password changed" mail', async () => {
    const sandboxMailBefore = (await sandbox.mail('jane@example.com')).length;
    const { link, token } = await requestLink('jane@example.com');
    const mail = postmark.delivered.at(-1);
    expect(mail).toMatchObject({ path: '/email', from: 'shop@example.com', messageStream: 'outbound', trackLinks: 'None', trackOpens: false });
    expect(link.origin + link.pathname).toBe(`${gw.url}/password-reset`);

    // The JWT: HS256, typed, no email or other PII; the attribute holds only the OTT's hash.
    const decoded = jwt.decode(token, { complete: true });
    expect(decoded?.header).toEqual({ alg: 'HS256', typ: RESET_TOKEN_TYP });
    const payload = decoded?.payload as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'sub']);
    expect(payload.exp).toBe((payload.iat as number) + TTL);
    expect(JSON.stringify(payload)).not.toContain('@');
    expect(Buffer.from(payload.jti as string, 'base64url')).toHaveLength(32);
    expect(await storedValue(1)).toBe(createHash('sha256').update(payload.jti as string).digest('hex'));

    // Mail scanners may GET the link any number of times: nothing is consumed.
    for (let i = 0; i < 3; i++) await fetch(link, { redirect: 'manual' });
    const handoff = await fetch(link, { redirect: 'manual' });
    expect(handoff.status).toBe(303);
    const maxAge = Number(handoff.headers.get('set-cookie')?.match(/Max-Age=(\d+)/)?.[1]);
    expect(maxAge).toBeGreaterThan(TTL - 5);
    expect(maxAge).toBeLessThanOrEqual(TTL);
    const cookie = handoff.headers.get('set-cookie')?.split(';')[0] as string;
    expect((await gw.graphql(STATUS, {}, { headers: { cookie } })).body.data).toMatchObject({ passwordResetTokenStatus: { status: 'VALID' } });

    const newPassword = 'Ott-Passw0rd-Fresh';
    auditSecret(newPassword);
    expect(await reset({ newPassword }, { cookie })).toMatchObject({ __typename: 'ResetPasswordSuccess', customer: { entityId: 1 } });
    expect(await sandbox.canLogin('jane@example.com', newPassword)).toBe(true);
    expect(await sandbox.canLogin('jane@example.com', 'Password123')).toBe(false);

    // force_password_reset: false was sent: BigCommerce mailed nothing of its own.
    expect(await sandbox.mail('jane@example.com')).toHaveLength(sandboxMailBefore);
    const changed = await eventually(async () => postmark.delivered.find((m) => m.to === 'jane@example.com' && m.tag === 'password-changed'));
    expect(changed.textBody).toContain("wasn't you");
    expect(changed.textBody).not.toMatch(/token=|Ott-Passw0rd/);
    expect(await storedValue(1)).toBeUndefined();

    expect((await gw.graphql(STATUS, { token })).body.data).toMatchObject({ passwordResetTokenStatus: { status: 'USED' } });
    expect(await reset({ newPassword: 'Another-Passw0rd-2', token })).toMatchObject({ __typename: 'InvalidResetTokenError' });
  });

  it('lets exactly one of 50 concurrent resets with one token win, 200 times over', async () => {
    let doubleWins = 0;
    for (let round = 0; round < 200; round++) {
      const token = await plantToken(2);
      const results = await Promise.all(Array.from({ length: 50 }, () => reset({ newPassword: `Round-${round}-Passw0rd`, token })));
      const kinds = results.map((r) => r?.__typename);
      const wins = kinds.filter((k) => k === 'ResetPasswordSuccess').length;
      if (wins !== 1) doubleWins++;
      expect(wins, `round ${round}`).toBe(1);
      expect(kinds.filter((k) => k === 'InvalidResetTokenError')).toHaveLength(49);
    }
    expect(doubleWins).toBe(0);
    expect(await sandbox.canLogin('john@example.com', 'Round-199-Passw0rd')).toBe(true);
  }, 120_000);

  it.each([
    ['expired (TTL + 1 s ago)', async () => plantToken(3, { now: Math.floor(Date.now() / 1000) - TTL - 1 }), 'EXPIRED'],
    ['wrongly signed', async () => jwt.sign({ sub: '3', jti: 'x'.repeat(43) }, 'wrong-secret-wrong-secret-wrong-secret!!', { algorithm: 'HS256', header: { alg: 'HS256', typ: RESET_TOKEN_TYP } }), 'INVALID'],
    ['alg none', async () => retype(await plantToken(3), { alg: 'none' }, ''), 'INVALID'],
    ['signed HS512', async () => resign(await plantToken(3), { algorithm: 'HS512' }), 'INVALID'],
    ['of another typ', async () => resign(await plantToken(3), { header: { alg: 'HS256', typ: 'JWT' } }), 'INVALID'],
    ['for another audience', async () => resign(await plantToken(3), {}, { aud: 'https://elsewhere.example' }), 'INVALID'],
    ['for another customer', async () => signResetToken(keys(), { shopperId: '1', ott: (jwt.decode(await plantToken(3)) as jwt.JwtPayload).jti as string }), 'INVALID'],
  ])('rejects a token %s with InvalidResetTokenError, and status says so', async (_case, make, status) => {
    const token = await make();
    auditSecret(token);
    expect((await gw.graphql(STATUS, { token })).body.data).toMatchObject({ passwordResetTokenStatus: { status } });
    expect(await reset({ newPassword: 'Valid-Passw0rd-9', token })).toMatchObject({ __typename: 'InvalidResetTokenError', code: 'INVALID_RESET_TOKEN' });
  });

  it("a token naming another customer does not spend that customer's genuine link", async () => {
    const genuine = await plantToken(3);
    const ott = (jwt.decode(genuine) as jwt.JwtPayload).jti as string;
    // Signed (a leaked secret, or a bug elsewhere) for customer 1 with customer 3's OTT: refused, and harmless.
    const crossed = signResetToken(keys(), { shopperId: '1', ott });
    auditSecret(crossed);
    expect(await reset({ newPassword: 'Valid-Passw0rd-9', token: crossed })).toMatchObject({ __typename: 'InvalidResetTokenError' });
    expect((await gw.graphql(STATUS, { token: genuine })).body.data).toMatchObject({ passwordResetTokenStatus: { status: 'VALID' } });
    expect(await reset({ newPassword: 'Genuine-Passw0rd-7', token: genuine })).toMatchObject({ __typename: 'ResetPasswordSuccess' });
  });

  it('still accepts a token 1 s before it expires', async () => {
    const token = await plantToken(3, { now: Math.floor(Date.now() / 1000) - TTL + 2 });
    expect((await gw.graphql(STATUS, { token })).body.data).toMatchObject({ passwordResetTokenStatus: { status: 'VALID' } });
    expect(await reset({ newPassword: 'Valid-Passw0rd-9', token })).toMatchObject({ __typename: 'ResetPasswordSuccess' });
  });

  it('kills older links when a newer one is requested', async () => {
    const older = await requestLink('john@example.com');
    const newer = await requestLink('john@example.com');
    expect((await gw.graphql(STATUS, { token: older.token })).body.data).toMatchObject({ passwordResetTokenStatus: { status: 'INVALID' } });
    expect(await reset({ newPassword: 'Valid-Passw0rd-9', token: older.token })).toMatchObject({ __typename: 'InvalidResetTokenError' });
    expect(await reset({ newPassword: 'Valid-Passw0rd-9', token: newer.token })).toMatchObject({ __typename: 'ResetPasswordSuccess' });
  });

  it('does not burn the link on a weak password', async () => {
    const token = await plantToken(3);
    expect(await reset({ newPassword: 'weak', token })).toMatchObject({ __typename: 'PasswordPolicyError' });
    // Contains the email's local part: known only after the token is checked, still not burning it.
    expect(await reset({ newPassword: 'reset-required-1', token })).toMatchObject({ __typename: 'PasswordPolicyError' });
    expect(await reset({ newPassword: 'Good-Passw0rd-3', token })).toMatchObject({ __typename: 'ResetPasswordSuccess' });
  });
});

describe('ott failure handling', () => {
  it('BigCommerce failing before anything is consumed leaves the same link usable', async () => {
    const token = await plantToken(3);
    await sandbox.setFaults([{ route: 'DELETE /v3/customers/attribute-values', status: 500 }]);
    expect((await gw.graphql(RESET, { input: { newPassword: 'Good-Passw0rd-4', token } })).body.errors?.[0]?.message).toBe('Unexpected error.');
    await sandbox.setFaults([]);
    // The OTT is consumed before the password is set: with the consume failing, the password never changed.
    expect(await sandbox.canLogin('reset-required@example.com', 'Good-Passw0rd-4')).toBe(false);
    expect(await reset({ newPassword: 'Good-Passw0rd-4', token })).toMatchObject({ __typename: 'ResetPasswordSuccess' });
  });

  it('a password update that failed without taking keeps the old password, and the same link works again', async () => {
    const token = await plantToken(3);
    await sandbox.setFaults([{ route: 'PUT /v3/customers', status: 500, times: 1 }]);
    const failed = await gw.graphql(RESET, { input: { newPassword: 'Never-Set-Passw0rd', token } });
    expect(failed.body.errors?.[0]?.message).toBe('Unexpected error.');
    expect(await sandbox.canLogin('reset-required@example.com', 'Never-Set-Passw0rd')).toBe(false);
    expect((await gw.graphql(STATUS, { token })).body.data).toMatchObject({ passwordResetTokenStatus: { status: 'VALID' } });
    expect(await reset({ newPassword: 'Recovered-Passw0rd-5', token })).toMatchObject({ __typename: 'ResetPasswordSuccess' });
    expect(await sandbox.canLogin('reset-required@example.com', 'Recovered-Passw0rd-5')).toBe(true);
  });

  it('a password update applied upstream whose answer comes after the timeout: success, and the notice goes out', async () => {
    const token = await plantToken(2);
    const noticesBefore = postmark.delivered.filter((m) => m.to === 'john@example.com' && m.tag === 'password-changed').length;
    // The harness times upstream calls out after 2 s; BigCommerce applies the update and answers after 4 s.
    await sandbox.setFaults([{ route: 'PUT /v3/customers', answerDelayMs: 4000, times: 1 }]);
    expect(await reset({ newPassword: 'Late-Answer-Passw0rd-1', token })).toMatchObject({ __typename: 'ResetPasswordSuccess', customer: { entityId: 2 } });
    expect(await sandbox.canLogin('john@example.com', 'Late-Answer-Passw0rd-1')).toBe(true);
    await eventually(async () =>
      postmark.delivered.filter((m) => m.to === 'john@example.com' && m.tag === 'password-changed').length > noticesBefore ? true : undefined,
    );
    expect(await reset({ newPassword: 'Late-Answer-Passw0rd-2', token })).toMatchObject({ __typename: 'InvalidResetTokenError' });
  });

  it('a failed update whose link cannot be restored says so: PASSWORD_NOT_CHANGED, old password kept, link spent', async () => {
    const token = await plantToken(3);
    await sandbox.setFaults([
      { route: 'PUT /v3/customers', status: 503, times: 1 },
      { route: 'PUT /v3/customers/attribute-values', status: 503, times: 1 },
    ]);
    expect(await reset({ newPassword: 'Not-Restored-Passw0rd', token })).toMatchObject({
      __typename: 'PasswordNotChangedError',
      code: 'PASSWORD_NOT_CHANGED',
    });
    expect(await sandbox.canLogin('reset-required@example.com', 'Not-Restored-Passw0rd')).toBe(false);
    expect(await sandbox.canLogin('reset-required@example.com', 'Recovered-Passw0rd-5')).toBe(true);
    expect(await reset({ newPassword: 'Not-Restored-Passw0rd', token })).toMatchObject({ __typename: 'InvalidResetTokenError' });
  });
});

describe('ott mail delivery', () => {
  it('Postmark answering 500 then 200 still delivers the reset mail once', async () => {
    const before = postmark.delivered.filter((m) => m.to === 'john@example.com').length;
    postmark.failNext('server-error');
    await requestLink('john@example.com');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(postmark.delivered.filter((m) => m.to === 'john@example.com')).toHaveLength(before + 1);
  });

  it('an inactive recipient is not retried', async () => {
    postmark.inactive.add('jane@example.com');
    try {
      const attempts = postmark.attempts;
      await gw.graphql(REQUEST, { email: 'jane@example.com' });
      await eventually(async () => (postmark.attempts > attempts ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 1500)); // longer than every backoff of the queue
      expect(postmark.attempts).toBe(attempts + 1);
      expect(gw.logs.some((l) => l.includes('"reason":"inactive_recipient"') && !l.includes('jane@'))).toBe(true);
    } finally {
      postmark.inactive.delete('jane@example.com');
    }
  });

  it('uses a Postmark template when an alias is configured', async () => {
    const templated = await startTestGateway({
      env: ottEnv({ POSTMARK_TEMPLATE_PASSWORD_RESET: 'password-reset-v2' }),
    });
    try {
      const before = postmark.delivered.length;
      await templated.graphql(REQUEST, { email: 'john@example.com' });
      const mail = await eventually(async () => postmark.delivered.slice(before).find((m) => m.templateAlias));
      expect(mail).toMatchObject({ path: '/email/withTemplate', templateAlias: 'password-reset-v2', messageStream: 'outbound' });
      expect(mail.templateModel?.action_url).toMatch(new RegExp(`^${templated.url}/password-reset\\?token=`));
      auditSecret(mail.templateModel?.action_url ?? '');
    } finally {
      await templated.close();
    }
  });
});

describe('login after reset', () => {
  it('returns a working session when enabled', async () => {
    const withLogin = await startTestGateway({ env: ottEnv({ LOGIN_AFTER_RESET: 'true' }) });
    try {
      await eventually(async () => ((await fetch(`${withLogin.url}/ready`)).ok ? true : undefined));
      const other = SandboxHarness.connect(withLogin.sandboxUrl);
      const id = (await other.rest<{ data: Array<{ id: number; name: string }> }>('GET', '/v3/customers/attributes?name=reset_ott')).body.data[0]?.id;
      const ott = 'A'.repeat(43);
      await other.rest('PUT', '/v3/customers/attribute-values', [
        { customer_id: 1, attribute_id: id, value: createHash('sha256').update(ott).digest('hex') },
      ]);
      const token = signResetToken({ ...keys(), issuer: withLogin.url, audience: `${withLogin.url}/password-reset` }, { shopperId: '1', ott });
      const result = await withLogin.graphql(RESET, { input: { newPassword: 'Login-After-Passw0rd', token } });
      const session = (result.body.data?.resetPassword as { session: { customerAccessToken: string } }).session;
      expect(session.customerAccessToken).toBeTruthy();
      expect(await other.customerFor(session.customerAccessToken)).toMatchObject({ entityId: 1 });
    } finally {
      await withLogin.close();
    }
  });
});

function resign(token: string, options: jwt.SignOptions, override: Record<string, unknown> = {}): string {
  const payload = jwt.decode(token) as Record<string, unknown>;
  const algorithm = options.algorithm ?? 'HS256';
  return jwt.sign({ ...payload, ...override }, SECRET, { algorithm, header: { alg: algorithm, typ: RESET_TOKEN_TYP }, ...options });
}

function retype(token: string, header: Record<string, unknown>, signature: string): string {
  const [, payload] = token.split('.');
  return `${Buffer.from(JSON.stringify({ ...header, typ: RESET_TOKEN_TYP })).toString('base64url')}.${payload}.${signature}`;
}
