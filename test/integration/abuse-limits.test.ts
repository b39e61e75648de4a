/**
 * Rate limits trigger at the configured counts and reset after the window, with the in-memory store and with
 * Redis. Each limit is set low here (the harness default is generous).
 */
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { REDIS_URL, redisAvailable, uniqueRedisPrefix } from '../support/requirements.js';
import { SandboxHarness } from '../support/sandbox.js';

const REQUEST = 'mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { accepted message } }';
const RESET = `mutation ($input: ResetPasswordInput!) {
  resetPassword(input: $input) { __typename ... on RateLimitedError { code retryAfterSeconds } }
}`;
const LOGIN = `mutation ($jwt: String!) {
  loginWithJwt(input: { jwt: $jwt }) { __typename ... on RateLimitedError { retryAfterSeconds } }
}`;
const WINDOW_MS = 1100;

const stores: Array<[string, Record<string, string>]> = [['memory', {}]];
if (await redisAvailable()) stores.push(['redis', { REDIS_URL, REDIS_KEY_PREFIX: uniqueRedisPrefix() }]);

describe.each(stores)('rate limits (%s store)', (_kind, storeEnv) => {
  let gw: TestGateway;
  let sandbox: SandboxHarness;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: {
        ...storeEnv,
        RATE_LIMIT_REQUEST_RESET_PER_IP: '4/1',
        RATE_LIMIT_REQUEST_RESET_PER_EMAIL: '2/1',
        RATE_LIMIT_RESET_PASSWORD_PER_IP: '4/1',
        RATE_LIMIT_RESET_PASSWORD_PER_TOKEN: '2/1',
        RATE_LIMIT_LOGIN_PER_IP: '2/1',
      },
    });
    sandbox = SandboxHarness.connect(gw.sandboxUrl);
  });
  afterAll(async () => gw.close());
  const pause = () => new Promise((resolve) => setTimeout(resolve, WINDOW_MS));

  it('requestPasswordReset per IP: 429 with Retry-After after the configured count, open again after the window', async () => {
    await pause();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await gw.graphql(REQUEST, { email: `someone${i}@example.com` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const limited = await gw.graphql(REQUEST, { email: 'other@example.com' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    await pause();
    expect((await gw.graphql(REQUEST, { email: 'again@example.com' })).status).toBe(200);
  });

  it('requestPasswordReset per email: extra mails silently dropped, the answer unchanged', async () => {
    // Its own gateway with an hour-long window: each mail is awaited before the next request (requests while one is
    // pending would collapse into it, see below), and a loaded machine must not see the window roll over meanwhile.
    const limited = await startTestGateway({ env: { ...storeEnv, REDIS_KEY_PREFIX: uniqueRedisPrefix(), RATE_LIMIT_REQUEST_RESET_PER_EMAIL: '2/3600' } });
    const mails = SandboxHarness.connect(limited.sandboxUrl);
    try {
      const answers = [];
      for (let i = 0; i < 3; i++) {
        answers.push((await limited.graphql(REQUEST, { email: 'jane@example.com' })).raw);
        const expected = Math.min(i + 1, 2);
        await eventually(async () => ((await mails.mail('jane@example.com')).length === expected ? true : undefined));
      }
      expect(new Set(answers).size).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await mails.mail('jane@example.com')).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });

  it('collapses repeated requests for one email while its job is pending into one mail', async () => {
    await pause();
    await sandbox.setFaults([{ route: 'graphql:requestResetPassword', latencyMs: 600 }]);
    try {
      const before = (await sandbox.mail('john@example.com')).length;
      // Within the per-email limit (2): the second request is collapsed into the first, not refused.
      await Promise.all([gw.graphql(REQUEST, { email: 'john@example.com' }), gw.graphql(REQUEST, { email: 'john@example.com' })]);
      await eventually(async () => ((await sandbox.mail('john@example.com')).length > before ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await sandbox.mail('john@example.com')).toHaveLength(before + 1);
    } finally {
      await sandbox.setFaults([]);
    }
  });

  it('resetPassword per token: naming other customers does not buy a token more tries', async () => {
    await pause();
    const kinds = [];
    for (const customerId of [1, 2, 3]) {
      const result = await gw.graphql(RESET, { input: { newPassword: 'Valid-Passw0rd-1', token: 'one-token', customerId } });
      kinds.push((result.body.data?.resetPassword as { __typename: string }).__typename);
    }
    expect(kinds).toEqual(['InvalidResetTokenError', 'InvalidResetTokenError', 'RateLimitedError']);
  });

  it('resetPassword per token: RateLimitedError after the count; another token is unaffected', async () => {
    await pause();
    const attempt = (token: string) => gw.graphql(RESET, { input: { newPassword: 'Valid-Passw0rd-1', token, customerId: 1 } });
    const kinds = [];
    for (let i = 0; i < 3; i++) kinds.push((await attempt('same-token')).body.data?.resetPassword);
    expect(kinds.map((k) => (k as { __typename: string }).__typename)).toEqual([
      'InvalidResetTokenError',
      'InvalidResetTokenError',
      'RateLimitedError',
    ]);
    expect(kinds[2]).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect((await attempt('other-token')).body.data?.resetPassword).toMatchObject({ __typename: 'InvalidResetTokenError' });
    await pause();
    expect((await attempt('same-token')).body.data?.resetPassword).toMatchObject({ __typename: 'InvalidResetTokenError' });
  });

  it('resetPassword per IP: RateLimitedError after the count, whatever the token', async () => {
    await pause();
    const kinds = [];
    for (let i = 0; i < 5; i++) {
      const result = await gw.graphql(RESET, { input: { newPassword: 'Valid-Passw0rd-1', token: `token-${i}`, customerId: 1 } });
      kinds.push((result.body.data?.resetPassword as { __typename: string }).__typename);
    }
    expect(kinds).toEqual([...Array(4).fill('InvalidResetTokenError'), 'RateLimitedError']);
  });

  it('loginWithJwt per IP: RateLimitedError after the count', async () => {
    await pause();
    const token = () =>
      jwt.sign({ iss: 'sandbox-client-id', iat: Math.floor(Date.now() / 1000), jti: randomUUID(), operation: 'customer_login', store_hash: 'sandbox', customer_id: 1 }, 'wrong-secret');
    const kinds = [];
    for (let i = 0; i < 3; i++) kinds.push((await gw.graphql(LOGIN, { jwt: token() })).body.data?.loginWithJwt);
    expect(kinds.map((k) => (k as { __typename: string }).__typename)).toEqual(['InvalidJwtError', 'InvalidJwtError', 'RateLimitedError']);
  });
});

describe('client IP and the per-IP HTTP limit', () => {
  it('ignores X-Forwarded-For from untrusted peers, and honours it behind TRUSTED_PROXIES', async () => {
    const untrusted = await startTestGateway({ env: { RATE_LIMIT_HTTP_PER_IP: '3/60' } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await fetch(`${untrusted.url}/reset-password`, { headers: { 'x-forwarded-for': `203.0.113.${i}` } })).status);
      }
      // Spoofed addresses did not buy new budgets: the socket address (127.0.0.1) is the client.
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await untrusted.close();
    }

    const behindProxy = await startTestGateway({ env: { RATE_LIMIT_HTTP_PER_IP: '3/60', TRUSTED_PROXIES: '127.0.0.1,10.0.0.0/8' } });
    try {
      const fromClient = (ip: string) => fetch(`${behindProxy.url}/reset-password`, { headers: { 'x-forwarded-for': `${ip}, 10.1.2.3` } });
      const first = [];
      for (let i = 0; i < 4; i++) first.push((await fromClient('198.51.100.7')).status);
      expect(first).toEqual([200, 200, 200, 429]);
      const limited = await fromClient('198.51.100.7');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another client behind the same proxies has its own budget.
      expect((await fromClient('198.51.100.8')).status).toBe(200);
    } finally {
      await behindProxy.close();
    }
  });
});

describe('upstream budget', () => {
  it('stops BigCommerce calls once the budget is spent; the refused work waits for the next window', async () => {
    // 3 calls per minute, none reserved: readiness's first scheduled check (it spends from the budget like any
    // background call; the next is minutes away), the private token mint and one requestResetPassword.
    const gw = await startTestGateway({
      env: { UPSTREAM_BUDGET: '3/60', UPSTREAM_INTERACTIVE_RESERVE: '0', QUEUE_CONCURRENCY: '1', READINESS_INTERVAL: '300' },
    });
    const sandbox = SandboxHarness.connect(gw.sandboxUrl);
    try {
      await gw.graphql(REQUEST, { email: 'jane@example.com' });
      await eventually(async () => ((await sandbox.mail('jane@example.com')).length > 0 ? true : undefined));
      await gw.graphql(REQUEST, { email: 'john@example.com' });
      await eventually(async () => (gw.logs.some((l) => l.includes('requestResetPassword failed: rate_limited')) ? true : undefined));
      // The refusal came from the gateway's own budget: BigCommerce never saw the call, so no mail.
      expect(await sandbox.mail('john@example.com')).toEqual([]);
    } finally {
      await gw.close();
    }
  });
});
