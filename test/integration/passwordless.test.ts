/**
 * Passwordless sign-in over real sockets, with the sandbox as BigCommerce (two storefronts) and the dev outbox as
 * the mail: the code, the magic link bound to the browser that asked, the storefront handoff (Catalyst mode), the
 * channel rules, and every way a code must stop working.
 */
import jwt from 'jsonwebtoken';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { auditSecret } from '../support/log-audit.js';
import { SandboxHarness } from '../support/sandbox.js';

const TTL = 600;
const REQUEST = 'mutation ($input: RequestSignInCodeInput!) { requestSignInCode(input: $input) { accepted message } }';
const RESULT = `
    __typename
    ... on Error { code }
    ... on LoginSuccess { customer { entityId email } session { customerAccessToken } }
    ... on LoginJwtHandoff { customerEntityId customerLoginJwt expiresAt redirectTo channelId }`;
const WITH_CODE = `mutation ($input: SignInWithCodeInput!) { signInWithCode(input: $input) { ${RESULT} } }`;
const WITH_LINK = `mutation ($input: SignInWithLinkInput!) { signInWithLink(input: $input) { ${RESULT} } }`;
const LINK_STATUS = 'query ($token: String!) { signInLinkStatus(token: $token) }';

interface SignInResult {
  __typename: string;
  code?: string;
  session?: { customerAccessToken: string };
  customerLoginJwt?: string;
  redirectTo?: string;
  channelId?: number;
}

let gw: TestGateway;
let sandbox: SandboxHarness;

beforeAll(async () => {
  gw = await startTestGateway({ env: { SIGN_IN_RESEND_COOLDOWN: '0', SIGN_IN_CODE_TTL: String(TTL) } });
  sandbox = SandboxHarness.connect(gw.sandboxUrl);
});
afterAll(async () => gw.close());
afterEach(() => {
  vi.useRealTimers();
});

interface Mail {
  to: string;
  subject: string;
  text: string;
  links: string[];
  source: string;
}

async function signInMails(to: string): Promise<Mail[]> {
  const mails = gw.mail() as Mail[];
  return mails.filter((mail) => mail.source === 'gateway' && mail.to === to && mail.subject.includes('sign-in code'));
}

/** Ask for a code (as one browser: its flow cookie) and read the mail: the code, the link's token, the cookie. */
async function requestCode(email: string, options: { channelId?: number; cookie?: string } = {}) {
  const before = (await signInMails(email)).length;
  const answer = await gw.graphql(REQUEST, { input: { email, ...(options.channelId ? { channelId: options.channelId } : {}) } }, {
    headers: options.cookie ? { cookie: options.cookie } : {},
  });
  const cookie = answer.headers.get('set-cookie')?.split(';')[0] ?? '';
  const mail = await eventually(async () => {
    const mails = await signInMails(email);
    return mails.length > before ? mails[0] : undefined;
  });
  const code = /is: (\d{6})/.exec(mail.text)?.[1] ?? '';
  const link = new URL(mail.links.find((l) => l.includes('/sign-in-link?token=')) ?? '');
  const token = link.searchParams.get('token') ?? '';
  auditSecret(code);
  auditSecret(token);
  auditSecret(cookie.split('=')[1] ?? '');
  return { answer, cookie, code, link, token, mail };
}

const withCode = async (input: Record<string, unknown>) =>
  (await gw.graphql(WITH_CODE, { input })).body.data?.signInWithCode as SignInResult;
const withLink = async (input: Record<string, unknown>, cookie?: string) =>
  (await gw.graphql(WITH_LINK, { input }, { headers: cookie ? { cookie } : {} })).body.data?.signInWithLink as SignInResult;

describe('sign-in with a code', () => {
  it('mails one code and one link; the code signs in once, and its session works at BigCommerce', async () => {
    const { answer, cookie, code, link, mail } = await requestCode('jane@example.com');
    expect(answer.body.data).toEqual({
      requestSignInCode: { accepted: true, message: 'If an account exists for this email address, a sign-in code is on its way.' },
    });
    expect(answer.headers.get('set-cookie')).toMatch(/^__Host-signin_flow=[\w-]{43}; Path=\/; Max-Age=600; HttpOnly; Secure; SameSite=Strict$/);
    expect(cookie).toMatch(/^__Host-signin_flow=/);
    expect(code).toMatch(/^\d{6}$/);
    expect(link.origin + link.pathname).toBe(`${gw.url}/sign-in-link`);
    // At least 128 bits in the link: its secret is 256 random bits (the JWT's jti), no email in its claims.
    const claims = jwt.decode(link.searchParams.get('token') ?? '', { complete: true });
    expect(claims?.header.typ).toBe('signin+jwt');
    expect(Buffer.from(String((claims?.payload as jwt.JwtPayload).jti), 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(JSON.stringify(claims?.payload)).not.toContain('@');
    expect(mail.text).toContain(code);

    const result = await withCode({ email: 'jane@example.com', code });
    expect(result).toMatchObject({ __typename: 'LoginSuccess', customer: { entityId: 1, email: 'jane@example.com' } });
    auditSecret(result.session?.customerAccessToken ?? '');
    expect(await sandbox.customerFor(result.session?.customerAccessToken ?? '')).toMatchObject({ entityId: 1 });
    expect(await withCode({ email: 'jane@example.com', code })).toMatchObject({ __typename: 'InvalidSignInCodeError', code: 'INVALID_SIGN_IN_CODE' });
  });

  it('a fourth wrong guess finds the code dead, and the fifth, right, fails too', async () => {
    const { code } = await requestCode('john@example.com');
    const wrong = code === '000000' ? '111111' : '000000';
    const kinds = [];
    for (let i = 0; i < 4; i++) kinds.push((await withCode({ email: 'john@example.com', code: wrong })).__typename);
    expect(kinds).toEqual(Array(4).fill('InvalidSignInCodeError'));
    expect(await withCode({ email: 'john@example.com', code })).toMatchObject({ __typename: 'InvalidSignInCodeError' });
  });

  it('two wrong guesses leave the code usable', async () => {
    const { code } = await requestCode('john@example.com');
    const wrong = code === '000000' ? '111111' : '000000';
    await withCode({ email: 'john@example.com', code: wrong });
    await withCode({ email: 'john@example.com', code: wrong });
    expect(await withCode({ email: 'john@example.com', code })).toMatchObject({ __typename: 'LoginSuccess' });
  });

  it('a newer request kills the older code and link', async () => {
    const older = await requestCode('jane@example.com');
    const newer = await requestCode('jane@example.com', { cookie: older.cookie });
    expect(await withCode({ email: 'jane@example.com', code: older.code === newer.code ? '999999' : older.code })).toMatchObject({
      __typename: 'InvalidSignInCodeError',
    });
    expect(await withLink({ token: older.token }, older.cookie)).toMatchObject({ __typename: 'InvalidSignInLinkError' });
    expect(await withLink({ token: newer.token }, newer.cookie)).toMatchObject({ __typename: 'LoginSuccess', customer: { entityId: 1 } });
  });

  it('expires: still good at TTL - 1 s, dead at TTL + 1 s', async () => {
    const first = await requestCode('john@example.com');
    const issuedAt = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(issuedAt + (TTL - 1) * 1000);
    expect(await withCode({ email: 'john@example.com', code: first.code })).toMatchObject({ __typename: 'LoginSuccess' });
    vi.useRealTimers();

    const second = await requestCode('john@example.com');
    const secondAt = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(secondAt + (TTL + 1) * 1000);
    expect(await withCode({ email: 'john@example.com', code: second.code })).toMatchObject({ __typename: 'InvalidSignInCodeError' });
    expect((await gw.graphql(LINK_STATUS, { token: second.token }, { headers: { cookie: second.cookie } })).body.data).toEqual({
      signInLinkStatus: 'INVALID',
    });
  });
});

describe('the magic link', () => {
  it('signs in only in the browser that asked; elsewhere it says so and the code still works', async () => {
    const { cookie, token, code } = await requestCode('jane@example.com');
    const status = async (headers: Record<string, string>) => (await gw.graphql(LINK_STATUS, { token }, { headers })).body.data;
    expect(await status({ cookie })).toEqual({ signInLinkStatus: 'SAME_BROWSER' });
    expect(await status({})).toEqual({ signInLinkStatus: 'OTHER_BROWSER' });
    expect(await status({ cookie: '__Host-signin_flow=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).toEqual({ signInLinkStatus: 'OTHER_BROWSER' });
    // Opening the link (GET, as a mail scanner does) consumes nothing; another browser cannot redeem it.
    for (let i = 0; i < 3; i++) expect((await fetch(`${gw.url}/sign-in-link?token=${token}`)).status).toBe(200);
    expect(await withLink({ token })).toMatchObject({ __typename: 'InvalidSignInLinkError', code: 'INVALID_SIGN_IN_LINK' });
    expect(await status({ cookie })).toEqual({ signInLinkStatus: 'SAME_BROWSER' });
    // The person on the other device types the code instead.
    expect(await withCode({ email: 'jane@example.com', code })).toMatchObject({ __typename: 'LoginSuccess' });
    expect(await withLink({ token }, cookie)).toMatchObject({ __typename: 'InvalidSignInLinkError' });
  });

  it('asking again in the same browser keeps that browser bound (the flow cookie is reused)', async () => {
    const first = await requestCode('john@example.com');
    const second = await requestCode('john@example.com', { cookie: first.cookie });
    expect(second.answer.headers.get('set-cookie')?.split(';')[0]).toBe(first.cookie);
    expect(await withLink({ token: second.token }, first.cookie)).toMatchObject({ __typename: 'LoginSuccess', customer: { entityId: 2 } });
  });
});

describe('the storefront handoff (Catalyst mode)', () => {
  it('returns a Customer Login JWT for the channel with a relative redirect_to, opens no gateway session, and BigCommerce accepts it once', async () => {
    // A session the storefront already holds: BigCommerce keeps one per customer, so a gateway login would end it.
    const existing = await sandbox.graphql<{ login: { customerAccessToken: { value: string } } }>(
      'mutation { login(email: "olive@example.com", password: "Password123") { customerAccessToken { value } } }',
      {},
      { ...(await sandbox.bearerFor(2)) },
      '/channels/2/graphql',
    );
    const existingToken = existing.body.data?.login.customerAccessToken.value ?? '';
    expect(existingToken).not.toBe('');

    const { code } = await requestCode('olive@example.com', { channelId: 2 });
    const handoff = await withCode({ email: 'olive@example.com', code, channelId: 2, mode: 'CUSTOMER_LOGIN_JWT' });
    expect(handoff).toMatchObject({ __typename: 'LoginJwtHandoff', customerEntityId: 4, channelId: 2, redirectTo: '/account.php' });
    const minted = jwt.decode(handoff.customerLoginJwt ?? '') as jwt.JwtPayload;
    auditSecret(handoff.customerLoginJwt ?? '');
    expect(minted).toMatchObject({ operation: 'customer_login', customer_id: 4, channel_id: 2, redirect_to: '/account.php', store_hash: 'sandbox' });
    expect(minted.redirect_to).toMatch(/^\/(?!\/)/);
    // No session of the gateway's own: the storefront's session survived.
    expect(await sandbox.customerFor(existingToken, '/channels/2/graphql', await sandbox.bearerFor(2))).toMatchObject({ entityId: 4 });

    const auth = await sandbox.bearerFor(2);
    const exchange = () =>
      sandbox.graphql<{ loginWithCustomerLoginJwt: { customer: { entityId: number } | null } }>(
        'mutation ($jwt: String!) { loginWithCustomerLoginJwt(jwt: $jwt) { customer { entityId } } }',
        { jwt: handoff.customerLoginJwt },
        auth,
        '/channels/2/graphql',
      );
    const first = await exchange();
    expect(first.body.data?.loginWithCustomerLoginJwt.customer).toEqual({ entityId: 4 });
    const second = await exchange();
    expect(second.body.errors?.[0]?.message).toMatch(/already been used/);
  });
});

describe('storefronts (channels)', () => {
  it('answers identically, and mails only customers who may sign in on the channel asked for', async () => {
    const cases: Array<[string, number, boolean]> = [
      ['olive@example.com', 1, false], // channel 2's customer, on channel 1
      ['jane@example.com', 2, false], // a global customer, on a channel without global logins
      ['olive@example.com', 2, true],
      ['john@example.com', 1, true],
    ];
    const answers = new Set<string>();
    for (const [email, channelId, mailed] of cases) {
      const before = (await signInMails(email)).length;
      const answer = await gw.graphql(REQUEST, { input: { email, channelId } });
      answers.add(answer.raw);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect((await signInMails(email)).length - before, `${email} on channel ${channelId}`).toBe(mailed ? 1 : 0);
    }
    expect(answers.size).toBe(1);
    // The Outlet's own name in its mail.
    expect((await signInMails('olive@example.com'))[0]?.subject).toContain('Sandbox Outlet');
  });

  it('refuses a channel the gateway does not serve, naming the ones it does', async () => {
    const answer = await gw.graphql(REQUEST, { input: { email: 'jane@example.com', channelId: 9 } });
    expect(answer.body.errors?.[0]?.message).toBe('Unknown channelId 9: this gateway serves channels 1, 2.');
  });
});

