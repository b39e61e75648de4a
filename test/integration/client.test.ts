/**
 * The typed client (`headless-auth-gateway/client`) against a real gateway and sandbox: typed successes, expected
 * failures as values (a discriminated union on `ok` and `error.code`), the shopper's IP forwarded by a server-side
 * caller, cookies passed on, and the unexpected thrown with the request id.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayClient, ERROR_CODES, GatewayRequestError } from '../../src/client/index.js';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { auditSecret } from '../support/log-audit.js';
import { linkParams, SandboxHarness } from '../support/sandbox.js';

let gw: TestGateway;
let sandbox: SandboxHarness;
beforeAll(async () => {
  gw = await startTestGateway({
    env: { TRUSTED_PROXIES: '127.0.0.1', RATE_LIMIT_REQUEST_RESET_PER_IP: '2/600', SIGN_IN_RESEND_COOLDOWN: '0' },
  });
  sandbox = SandboxHarness.connect(gw.sandboxUrl);
});
afterAll(async () => gw.close());

const client = (shopperIp?: string, cookie?: string, onResponse?: (response: Response) => void) =>
  createGatewayClient({ url: `${gw.url}/graphql`, ...(shopperIp ? { shopperIp } : {}), ...(cookie ? { cookie } : {}), ...(onResponse ? { onResponse } : {}) });

describe('the typed client', () => {
  it('lists exactly the error codes the gateway has', () => {
    const source = readFileSync(new URL('../../src/errors.ts', import.meta.url), 'utf8');
    const codes = [...source.matchAll(/readonly code = '(\w+)'/g)].map((m) => m[1]);
    expect([...ERROR_CODES].sort()).toEqual(codes.sort());
  });

  it('runs a native reset: typed success, and the failures as values with their codes and details', async () => {
    const gateway = client('198.51.100.10');
    expect(await gateway.passwordPolicy()).toMatchObject({ ok: true, value: { minLength: 8, rejectCommon: true } });
    expect(await gateway.requestPasswordReset({ email: 'john@example.com' })).toMatchObject({ ok: true, value: { accepted: true } });
    const mail = await eventually(async () => (await sandbox.mail('john@example.com'))[0]);
    const { c, t } = linkParams(mail.links[0] ?? '');
    auditSecret(t ?? '');

    const weak = await gateway.resetPassword({ newPassword: 'short', token: t, customerId: Number(c) });
    expect(weak).toMatchObject({ ok: false, error: { code: 'PASSWORD_POLICY', failures: expect.arrayContaining([expect.objectContaining({ rule: 'MIN_LENGTH' })]) } });
    const forged = await gateway.resetPassword({ newPassword: 'Client-Passw0rd-1', token: 'forged', customerId: Number(c) });
    expect(forged).toMatchObject({ ok: false, error: { code: 'INVALID_RESET_TOKEN' } });
    const done = await gateway.resetPassword({ newPassword: 'Client-Passw0rd-1', token: t, customerId: Number(c) });
    auditSecret('Client-Passw0rd-1');
    expect(done).toEqual({ ok: true, value: { customer: { id: '2', entityId: 2, email: 'john@example.com', firstName: 'John', lastName: 'Smith' }, session: null } });
  });

  it("forwards the shopper's IP, so per-IP limits count shoppers, not the storefront server", async () => {
    const first = client('203.0.113.1');
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await first.requestPasswordReset({ email: `limit-${i}@example.com` }));
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(results[2]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } });
    // Another shopper behind the same storefront server is not affected.
    expect(await client('203.0.113.2').requestPasswordReset({ email: 'limit-x@example.com' })).toMatchObject({ ok: true });
  });

  it('signs in with a code, as a session or as a storefront handoff, passing the flow cookie along', async () => {
    let setCookie = '';
    const asking = client('198.51.100.20', undefined, (response) => {
      setCookie = response.headers.get('set-cookie') ?? setCookie;
    });
    expect(await asking.requestSignInCode({ email: 'jane@example.com' })).toMatchObject({ ok: true });
    expect(setCookie).toMatch(/^__Host-signin_flow=/);
    const readCode = async () =>
      eventually(async () => {
        const mails = gw.mail() as Array<{ to: string; subject: string; text: string; links: string[] }>;
        const mail = mails.find((m) => m.to === 'jane@example.com' && m.subject.includes('sign-in code'));
        return mail ? { code: /is: (\d{6})/.exec(mail.text)?.[1] ?? '', token: new URL(mail.links.find((l) => l.includes('sign-in-link')) ?? '').searchParams.get('token') ?? '' } : undefined;
      });
    const { code } = await readCode();
    auditSecret(code);
    expect(await asking.signInWithCode({ email: 'jane@example.com', code: code === '000000' ? '111111' : '000000' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_SIGN_IN_CODE' },
    });
    const session = await asking.signInWithCode({ email: 'jane@example.com', code });
    expect(session).toMatchObject({ ok: true, value: { kind: 'session', customer: { entityId: 1 }, session: { customerAccessToken: expect.any(String) } } });
    if (session.ok && session.value.kind === 'session') auditSecret(session.value.session.customerAccessToken);

    // The link, redeemed server-side with the shopper's flow cookie forwarded: a handoff for the storefront.
    await asking.requestSignInCode({ email: 'jane@example.com' });
    const { token } = await eventually(async () => {
      const next = await readCode();
      return next.code !== code ? next : undefined;
    });
    auditSecret(token);
    const withCookie = client('198.51.100.20', setCookie.split(';')[0]);
    expect(await withCookie.signInLinkStatus(token)).toEqual({ ok: true, value: 'SAME_BROWSER' });
    const handoff = await withCookie.signInWithLink({ token, mode: 'CUSTOMER_LOGIN_JWT' });
    expect(handoff).toMatchObject({ ok: true, value: { kind: 'handoff', customerEntityId: 1, channelId: 1, redirectTo: '/account.php' } });
    if (handoff.ok && handoff.value.kind === 'handoff') auditSecret(handoff.value.customerLoginJwt);
  });

  it('throws the unexpected, with the request id the gateway logged', async () => {
    await sandbox.setFaults([{ route: '*', status: 500 }]);
    try {
      const error = await client().loginWithJwt({ jwt: 'not-a-jwt' }).catch((e: unknown) => e);
      // An SSO assertion that is not a JWT is an expected failure, never an upstream call...
      expect(error).toMatchObject({ ok: false, error: { code: 'INVALID_JWT' } });
      // ...while BigCommerce failing a password reset is not expected.
      const thrown = await client().resetPassword({ newPassword: 'Client-Passw0rd-2', token: 't', customerId: 1 }).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(GatewayRequestError);
      expect(thrown).toMatchObject({ message: 'Unexpected error.', requestId: expect.stringMatching(/^[\w-]{8,}$/) });
    } finally {
      await sandbox.setFaults([]);
    }
  });
});
