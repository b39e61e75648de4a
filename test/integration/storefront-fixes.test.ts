/**
 * Fixed on the way to the backend seam (issue 17, item 7), each failing before:
 * (a) a lost password-update answer is settled, and login-after-reset signs in, on a storefront the customer may use
 *     (a customer limited to channel 2 was told "not changed" and got no session: the default channel was asked);
 * (b) a client-supplied Customer Login JWT in handoff mode keeps its own `redirect_to` (else SIGN_IN_REDIRECT_PATH),
 *     instead of always `/account.php`;
 * (c) the "password changed" mail for a channel-2 reset carries that channel's name and sender.
 */
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { auditSecret } from '../support/log-audit.js';
import { type PostmarkServer, startPostmarkServer } from '../support/postmark-server.js';
import { SandboxHarness } from '../support/sandbox.js';

const POSTMARK_TOKEN = 'storefront-fixes-postmark-token';
const RESET = `mutation ($input: ResetPasswordInput!) {
  resetPassword(input: $input) { __typename ... on ResetPasswordSuccess { customer { id } session { customerAccessToken } } }
}`;
const REQUEST = 'mutation ($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { accepted } }';

let gw: TestGateway;
let postmark: PostmarkServer;
let sandbox: SandboxHarness;

beforeAll(async () => {
  postmark = await startPostmarkServer(POSTMARK_TOKEN);
  gw = await startTestGateway({
    env: (sandboxUrl) => ({
      RESET_STRATEGY: 'ott',
      RESET_TOKEN_SECRET: 'storefront-fixes-secret-0123456789abcdef',
      LOGIN_AFTER_RESET: 'true',
      POSTMARK_SERVER_TOKEN: POSTMARK_TOKEN,
      POSTMARK_API_URL: postmark.url,
      MAIL_FROM: 'Sandbox Store <store@example.com>',
      SIGN_IN_REDIRECT_PATH: '/account/orders',
      // Channel 2 has a name and a sender of its own.
      BIGCOMMERCE_CHANNELS: JSON.stringify([
        { id: 1, storefrontUrl: sandboxUrl, siteUrl: sandboxUrl },
        { id: 2, storefrontUrl: `${sandboxUrl}/channels/2`, siteUrl: `${sandboxUrl}/channels/2`, name: 'Sandbox Outlet', mailFrom: 'Outlet <outlet@example.com>' },
      ]),
    }),
  });
  sandbox = SandboxHarness.connect(gw.sandboxUrl);
});
afterAll(async () => {
  await gw.close();
  await postmark.close();
});

async function olivesLink(): Promise<string> {
  const before = postmark.delivered.length;
  await gw.graphql(REQUEST, { input: { email: 'olive@example.com', storefrontId: '2' } });
  const mail = await eventually(async () => postmark.delivered.slice(before).find((m) => m.to === 'olive@example.com'), 10_000);
  const token = /password-reset\?token=([\w.-]+)/.exec(mail.textBody ?? '')?.[1] ?? '';
  auditSecret(token);
  return token;
}

describe('a customer of channel 2 only (olive)', () => {
  it('(a) gets a session after the reset, on the channel the account works on', async () => {
    const token = await olivesLink();
    auditSecret('Second-Shop-Passw0rd-1');
    const result = await gw.graphql<{ resetPassword: { __typename: string; session: { customerAccessToken: string } | null } }>(RESET, {
      input: { token, newPassword: 'Second-Shop-Passw0rd-1' },
    });
    expect(result.body.data?.resetPassword.__typename).toBe('ResetPasswordSuccess');
    const session = result.body.data?.resetPassword.session;
    expect(session?.customerAccessToken).toBeTruthy();
    auditSecret(session?.customerAccessToken ?? '');
    const bearer = await sandbox.bearerFor(2);
    expect(await sandbox.customerFor(session?.customerAccessToken ?? '', '/channels/2/graphql', bearer)).toMatchObject({ email: 'olive@example.com' });
  });

  it('(a) whose password update answer is lost is told it changed (settled on channel 2), and it did', async () => {
    const token = await olivesLink();
    await sandbox.setFaults([{ route: 'PUT /v3/customers', answerDelayMs: 4000, times: 1 }]);
    auditSecret('Second-Late-Passw0rd-2');
    const result = await gw.graphql<{ resetPassword: { __typename: string } }>(RESET, { input: { token, newPassword: 'Second-Late-Passw0rd-2' } });
    await sandbox.setFaults([]);
    expect(result.body.data?.resetPassword.__typename).toBe('ResetPasswordSuccess');
  });

  it('(c) gets the "password changed" mail with channel 2 name and sender', async () => {
    const notice = await eventually(async () => postmark.delivered.find((m) => m.to === 'olive@example.com' && /changed/i.test(m.subject ?? '')), 10_000);
    expect(notice.from).toBe('Outlet <outlet@example.com>');
    expect(`${notice.subject} ${notice.textBody}`).toContain('Sandbox Outlet');
    expect(`${notice.subject} ${notice.textBody}`).not.toContain('Sandbox Store');
  });
});

describe('(b) a client-supplied Customer Login JWT in handoff mode', () => {
  const HANDOFF = 'mutation ($jwt: String!) { loginWithJwt(input: { jwt: $jwt, mode: CUSTOMER_LOGIN_JWT }) { __typename ... on LoginJwtHandoff { redirectTo } } }';
  const clj = (claims: Record<string, unknown>) =>
    jwt.sign(
      { iss: 'sandbox-client-id', iat: Math.floor(Date.now() / 1000), jti: randomUUID(), operation: 'customer_login', store_hash: 'sandbox', customer_id: 1, channel_id: 1, ...claims },
      'sandbox-client-secret',
      { algorithm: 'HS256' },
    );

  it('keeps its own redirect_to, and gets SIGN_IN_REDIRECT_PATH without one', async () => {
    const own = await gw.graphql<{ loginWithJwt: { redirectTo: string } }>(HANDOFF, { jwt: clj({ redirect_to: '/cart.php' }) });
    expect(own.body.data?.loginWithJwt.redirectTo).toBe('/cart.php');
    const none = await gw.graphql<{ loginWithJwt: { redirectTo: string } }>(HANDOFF, { jwt: clj({}) });
    expect(none.body.data?.loginWithJwt.redirectTo).toBe('/account/orders');
  });
});
