/**
 * The whole native flow over real sockets: requestPasswordReset → BigCommerce's (sandbox) mail with its c/t link
 * → handoff GET → resetPassword with the cookie → login at BigCommerce with the new password.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { auditSecret } from '../support/log-audit.js';
import { SandboxHarness } from '../support/sandbox.js';

const REQUEST = 'mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { accepted message } }';
const RESET = `mutation ($input: ResetPasswordInput!) {
  resetPassword(input: $input) {
    __typename
    ... on Error { code message }
    ... on PasswordPolicyError { failures { rule message } }
    ... on ResetPasswordSuccess { customer { entityId email firstName } session { customerAccessToken } }
  }
}`;

let gw: TestGateway;
let sandbox: SandboxHarness;

beforeAll(async () => {
  gw = await startTestGateway();
  sandbox = SandboxHarness.connect(gw.sandboxUrl);
});
afterAll(async () => {
  await gw.close();
});

async function requestLink(email: string): Promise<URL> {
  const before = (await sandbox.mail(email)).length;
  const response = await gw.graphql(REQUEST, { email });
  expect(response.body.data).toEqual({
    requestPasswordReset: { accepted: true, message: 'If an account exists for this email address, a password reset link is on its way.' },
  });
  const mail = await eventually(async () => {
    const list = await sandbox.mail(email);
    return list.length > before ? list[0] : undefined;
  });
  const link = mail.links.find((l) => l.includes('/password-reset?'));
  expect(link).toBeDefined();
  const url = new URL(link as string);
  auditSecret(url.searchParams.get('t') ?? '');
  return url;
}

async function followLink(link: URL) {
  const response = await fetch(link, { redirect: 'manual' });
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { response, setCookie, cookie: setCookie.split(';')[0] ?? '' };
}

describe('native reset flow', () => {
  it('resets the password end to end and the old password stops working', async () => {
    const link = await requestLink('Jane@Example.com ');
    expect(link.origin).toBe(gw.url);
    expect(link.searchParams.get('c')).toBe('1');

    // A mail scanner prefetching the link any number of times consumes nothing.
    for (let i = 0; i < 3; i++) await followLink(link);

    const { response, setCookie, cookie } = await followLink(link);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${gw.url}/reset-password`);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(setCookie).toMatch(/^__Host-reset_handoff=[\w-]+; Path=\/; Max-Age=3600; HttpOnly; Secure; SameSite=Strict$/);
    auditSecret(cookie.split('=')[1] ?? '');

    const newPassword = 'Fresh-Passw0rd-9';
    auditSecret(newPassword);
    const reset = await gw.graphql(RESET, { input: { newPassword } }, { headers: { cookie } });
    expect(reset.body.data?.resetPassword).toEqual({
      __typename: 'ResetPasswordSuccess',
      customer: { entityId: 1, email: 'jane@example.com', firstName: 'Jane' },
      session: null,
    });
    expect(reset.headers.get('set-cookie')).toMatch(/^__Host-reset_handoff=; Path=\/; Max-Age=0;/);

    expect(await sandbox.canLogin('jane@example.com', newPassword)).toBe(true);
    expect(await sandbox.canLogin('jane@example.com', 'Password123')).toBe(false);

    // The same link again: the handoff still sets a cookie (it checks nothing), but the token is spent.
    const again = await followLink(link);
    const reuse = await gw.graphql(RESET, { input: { newPassword: 'Another-Passw0rd-1' } }, { headers: { cookie: again.cookie } });
    expect(reuse.body.data?.resetPassword).toMatchObject({ __typename: 'InvalidResetTokenError', code: 'INVALID_RESET_TOKEN' });
    expect(await sandbox.canLogin('jane@example.com', newPassword)).toBe(true);
  });

  it('accepts the c/t values as input fields too, and checks the policy before BigCommerce', async () => {
    const link = await requestLink('john@example.com');
    const token = link.searchParams.get('t');
    const weak = await gw.graphql(RESET, { input: { newPassword: 'xQz-k', token, customerId: 2 } });
    expect(weak.body.data?.resetPassword).toMatchObject({
      __typename: 'PasswordPolicyError',
      code: 'PASSWORD_POLICY',
      // Gateway floor and the store's own rule (numbers), reported at once.
      failures: [{ rule: 'MIN_LENGTH' }, { rule: 'NUMBERS' }],
    });
    // The weak attempt did not reach BigCommerce, so the token still works.
    const ok = await gw.graphql(RESET, { input: { newPassword: 'John-Passw0rd-22', token, customerId: 2 } });
    auditSecret('John-Passw0rd-22');
    expect(ok.body.data?.resetPassword).toMatchObject({ __typename: 'ResetPasswordSuccess', customer: { entityId: 2 } });
  });

  it('answers InvalidResetTokenError for a forged token, a wrong customer, or no credential at all', async () => {
    const link = await requestLink('reset-required@example.com');
    const token = link.searchParams.get('t');
    for (const input of [
      { newPassword: 'Valid-Passw0rd-1', token: 'forged', customerId: 3 },
      { newPassword: 'Valid-Passw0rd-1', token, customerId: 1 },
      { newPassword: 'Valid-Passw0rd-1', token, customerId: 999999 },
      { newPassword: 'Valid-Passw0rd-1', token },
      { newPassword: 'Valid-Passw0rd-1' },
    ]) {
      const result = await gw.graphql(RESET, { input });
      expect(result.body.data?.resetPassword, JSON.stringify(input)).toMatchObject({ __typename: 'InvalidResetTokenError' });
    }
  });

  it('maps BigCommerce refusing the password (CustomerPasswordError) to PasswordPolicyError', async () => {
    const link = await requestLink('reset-required@example.com');
    // Passes the gateway floor (8+ chars) but not the store rule (needs a number).
    const result = await gw.graphql(RESET, {
      input: { newPassword: 'OnlyLettersHere', token: link.searchParams.get('t'), customerId: 3 },
    });
    expect(result.body.data?.resetPassword).toMatchObject({ __typename: 'PasswordPolicyError' });
  });

  it('answers a reset whose answer was lost as unconfirmed: the gateway cannot tie the change to a genuine `t`', async () => {
    const link = await requestLink('jane@example.com');
    // The harness times upstream calls out after 2 s; BigCommerce applies the reset and answers after 4 s.
    await sandbox.setFaults([{ route: 'graphql:resetPassword', answerDelayMs: 4000, times: 1 }]);
    const result = await gw.graphql(RESET, { input: { newPassword: 'Late-Native-Passw0rd-1', token: link.searchParams.get('t'), customerId: 1 } });
    auditSecret('Late-Native-Passw0rd-1');
    expect(result.body.data?.resetPassword).toMatchObject({ __typename: 'PasswordChangeUnconfirmedError', code: 'PASSWORD_CHANGE_UNCONFIRMED' });
    // It did take (the customer finds out by signing in), but nothing the gateway could check proved it.
    expect(await sandbox.canLogin('jane@example.com', 'Late-Native-Passw0rd-1')).toBe(true);
  });

  it('is no password oracle during an upstream fault: a made-up `t` with the right or a wrong guess gets one answer', async () => {
    // Jane's current password is known to the test (a guess an attacker might make), and passes the policy.
    const link = await requestLink('jane@example.com');
    const current = 'Current-Native-Passw0rd-7';
    auditSecret(current);
    await gw.graphql(RESET, { input: { newPassword: current, token: link.searchParams.get('t'), customerId: 1 } });
    expect(await sandbox.canLogin('jane@example.com', current)).toBe(true);
    const auditBefore = gw.audit.length;
    const attempt = async (guess: string) => {
      await sandbox.setFaults([{ route: 'graphql:resetPassword', answerDelayMs: 4000, times: 1 }]);
      const answer = await gw.graphql(RESET, { input: { newPassword: guess, token: 'made-up-token', customerId: 1 } });
      return answer.body.data?.resetPassword;
    };
    auditSecret('Wrong-Guess-Passw0rd-3');
    const right = await attempt(current);
    const wrong = await attempt('Wrong-Guess-Passw0rd-3');
    expect(right).toEqual(wrong);
    expect(right).toMatchObject({ __typename: 'PasswordChangeUnconfirmedError' });
    expect(gw.audit.slice(auditBefore).some((line) => line.includes('reset.password_changed'))).toBe(false);
    expect(await sandbox.canLogin('jane@example.com', current)).toBe(true);
  });

  it('a reset BigCommerce failed without applying answers that it is unconfirmed, and the same link works again', async () => {
    const link = await requestLink('john@example.com');
    const token = link.searchParams.get('t');
    await sandbox.setFaults([{ route: 'graphql:resetPassword', status: 503, times: 1 }]);
    const failed = await gw.graphql(RESET, { input: { newPassword: 'Native-Retry-Passw0rd-1', token, customerId: 2 } });
    expect(failed.body.data?.resetPassword).toMatchObject({ __typename: 'PasswordChangeUnconfirmedError' });
    expect(await sandbox.canLogin('john@example.com', 'Native-Retry-Passw0rd-1')).toBe(false);
    const again = await gw.graphql(RESET, { input: { newPassword: 'Native-Retry-Passw0rd-1', token, customerId: 2 } });
    auditSecret('Native-Retry-Passw0rd-1');
    expect(again.body.data?.resetPassword).toMatchObject({ __typename: 'ResetPasswordSuccess' });
  });

  it('gives a handoff without a valid link no cookie but still sends the browser on', async () => {
    const { response, setCookie } = await followLink(new URL(`${gw.url}/password-reset?c=abc&t=`));
    expect(response.status).toBe(303);
    expect(setCookie).toMatch(/^__Host-reset_handoff=; Path=\/; Max-Age=0/);
  });
});
