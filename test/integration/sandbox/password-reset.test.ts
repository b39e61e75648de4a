import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SandboxHarness, linkParams } from '../../support/sandbox.js';

const REQUEST_RESET = `mutation RequestReset($input: RequestResetPasswordInput!) {
  customer { requestResetPassword(input: $input) { errors { __typename ... on Error { message } ... on ValidationError { path } } } }
}`;
const RESET = `mutation Reset($input: ResetPasswordInput!) {
  customer { resetPassword(input: $input) { errors { __typename ... on Error { message } ... on ValidationError { path } } } }
}`;
const CHANGE = `mutation Change($input: ChangePasswordInput!) {
  customer { changePassword(input: $input) { errors { __typename ... on Error { message } ... on ValidationError { path } } } }
}`;
const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { customerAccessToken { value } }
}`;

type MutationErrors = { __typename: string; message: string; path?: string[] }[];
type CustomerMutation<K extends string> = { customer: Record<K, { errors: MutationErrors }> };

describe('sandbox native password reset (requestResetPassword / resetPassword) and changePassword', () => {
  let sb: SandboxHarness;
  let auth: Record<string, string>;
  beforeAll(async () => {
    sb = await SandboxHarness.start({ siteUrl: 'https://shop.example.test/' });
  });
  afterAll(() => sb.close());
  beforeEach(async () => {
    await sb.reset();
    auth = { Authorization: `Bearer ${await sb.mintToken()}` };
  });

  async function requestReset(email: string, path?: string): Promise<MutationErrors | undefined> {
    const input = path === undefined ? { email } : { email, path };
    const response = await sb.graphql<CustomerMutation<'requestResetPassword'>>(REQUEST_RESET, { input }, auth);
    return response.body.data?.customer.requestResetPassword.errors;
  }

  async function reset(customerEntityId: number, token: string, newPassword: string): Promise<MutationErrors | undefined> {
    const response = await sb.graphql<CustomerMutation<'resetPassword'>>(RESET, { input: { customerEntityId, token, newPassword } }, auth);
    return response.body.data?.customer.resetPassword.errors;
  }

  async function latestLink(email: string): Promise<{ c: string | null; t: string | null; url: URL }> {
    const [mail] = await sb.mail(email);
    const link = mail?.links[0];
    if (link === undefined) throw new Error('no reset mail');
    return linkParams(link);
  }

  async function canLogin(email: string, password: string): Promise<boolean> {
    const response = await sb.graphql(LOGIN, { email, password }, auth);
    return response.body.errors === undefined;
  }

  it('known email: {errors: []} and a mail whose link is siteUrl + path with c and t', async () => {
    expect(await requestReset('jane@example.com', '/change-password')).toEqual([]);
    const mail = await sb.mail();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to: 'jane@example.com', subject: 'Password change request for Sandbox Store' });
    expect(mail[0]?.text).toContain('To change your customer account password at Sandbox Store');
    const { c, t, url } = await latestLink('jane@example.com');
    expect(url.origin + url.pathname).toBe('https://shop.example.test/change-password');
    expect(c).toBe('1');
    expect(t).toMatch(/^[0-9a-f]{32,}$/);
    expect(mail[0]?.html).toContain('&amp;t=');
  });

  it('without path the link is the Stencil /login.php?action=change_password route; a path with a query keeps it', async () => {
    await requestReset('jane@example.com');
    const plain = await latestLink('jane@example.com');
    expect(plain.url.pathname).toBe('/login.php');
    expect(plain.url.searchParams.get('action')).toBe('change_password');

    await requestReset('john@example.com', 'reset?lang=fr');
    const withQuery = await latestLink('john@example.com');
    expect(withQuery.url.pathname).toBe('/reset');
    expect(withQuery.url.searchParams.get('lang')).toBe('fr');
    expect(withQuery.c).toBe('2');
  });

  it('a path cannot move the link to another host', async () => {
    await requestReset('jane@example.com', '//evil.example/steal');
    const { url } = await latestLink('jane@example.com');
    expect(url.host).toBe('shop.example.test');
  });

  it('unknown email: the same {errors: []} and no mail; a malformed email: ValidationError', async () => {
    expect(await requestReset('nobody@example.com', '/change-password')).toEqual([]);
    expect(await sb.mail()).toEqual([]);
    const invalid = await requestReset('not-an-email');
    expect(invalid).toEqual([{ __typename: 'ValidationError', message: expect.any(String), path: ['input', 'email'] }]);
  });

  it('resetPassword succeeds once: password changed, sessions ended, token consumed (reuse → ValidationError)', async () => {
    const cat = (await sb.graphql<{ login: { customerAccessToken: { value: string } } }>(LOGIN, { email: 'jane@example.com', password: 'Password123' }, auth))
      .body.data?.login.customerAccessToken.value ?? '';
    await requestReset('jane@example.com', '/change-password');
    const { c, t } = await latestLink('jane@example.com');
    expect(await reset(Number(c), t ?? '', 'Newpass789')).toEqual([]);
    expect(await canLogin('jane@example.com', 'Password123')).toBe(false);
    expect(await canLogin('jane@example.com', 'Newpass789')).toBe(true);
    const me = await sb.graphql('{ customer { entityId } }', {}, { ...auth, 'X-Bc-Customer-Access-Token': cat });
    expect(me.body.data).toEqual({ customer: null });

    const reuse = await reset(Number(c), t ?? '', 'Another789');
    expect(reuse).toEqual([{ __typename: 'ValidationError', message: expect.stringContaining('invalid'), path: ['input', 'token'] }]);
    expect(await canLogin('jane@example.com', 'Newpass789')).toBe(true);
  });

  it('wrong token, token of another customer, unknown customer and expired token → ValidationError on input.token', async () => {
    await requestReset('jane@example.com');
    await requestReset('john@example.com');
    const jane = await latestLink('jane@example.com');
    const john = await latestLink('john@example.com');
    const tokenError = [{ __typename: 'ValidationError', message: expect.any(String), path: ['input', 'token'] }];
    expect(await reset(1, 'f'.repeat(48), 'Newpass789')).toEqual(tokenError);
    expect(await reset(1, john.t ?? '', 'Newpass789')).toEqual(tokenError);
    expect(await reset(999, jane.t ?? '', 'Newpass789')).toEqual(tokenError);
    await sb.advanceClock(3601);
    expect(await reset(1, jane.t ?? '', 'Newpass789')).toEqual(tokenError);
  });

  it('only the newest reset token of a customer is valid', async () => {
    await requestReset('jane@example.com');
    const older = await latestLink('jane@example.com');
    await requestReset('jane@example.com');
    const newer = await latestLink('jane@example.com');
    expect(newer.t).not.toBe(older.t);
    expect((await reset(1, older.t ?? '', 'Newpass789'))?.[0]?.__typename).toBe('ValidationError');
    expect(await reset(1, newer.t ?? '', 'Newpass789')).toEqual([]);
  });

  it('a weak password → CustomerPasswordError with the store rule; the token stays usable', async () => {
    await requestReset('jane@example.com');
    const { t } = await latestLink('jane@example.com');
    for (const weak of ['abc12', 'abcdefghij', '123456']) {
      const errors = await reset(1, t ?? '', weak);
      expect(errors).toEqual([
        { __typename: 'CustomerPasswordError', message: 'Passwords must be at least 7 characters and contain a numeric character.' },
      ]);
    }
    expect(await reset(1, t ?? '', 'Strong789')).toEqual([]);
  });

  it('resetPassword clears force_password_reset', async () => {
    const login = await sb.graphql(LOGIN, { email: 'reset-required@example.com', password: 'Password123' }, auth);
    expect(login.body.errors?.[0]?.message).toMatch(/Reset password$/);
    const { c, t } = await latestLink('reset-required@example.com');
    expect(await reset(Number(c), t ?? '', 'Fresh4567')).toEqual([]);
    expect(await canLogin('reset-required@example.com', 'Fresh4567')).toBe(true);
    const rest = await sb.rest<{ data: { authentication: { force_password_reset: boolean } }[] }>('GET', '/v3/customers?id:in=3');
    expect(rest.body.data[0]?.authentication.force_password_reset).toBe(false);
  });

  it('changePassword: not logged in, wrong current password, weak, then success keeping the session', async () => {
    const change = async (headers: Record<string, string>, currentPassword: string, newPassword: string) =>
      (await sb.graphql<CustomerMutation<'changePassword'>>(CHANGE, { input: { currentPassword, newPassword } }, headers)).body.data
        ?.customer.changePassword.errors;

    expect((await change(auth, 'Password123', 'Newpass789'))?.[0]?.__typename).toBe('CustomerNotLoggedInError');
    const cat = (await sb.graphql<{ login: { customerAccessToken: { value: string } } }>(LOGIN, { email: 'john@example.com', password: 'Password123' }, auth))
      .body.data?.login.customerAccessToken.value ?? '';
    const asJohn = { ...auth, 'X-Bc-Customer-Access-Token': cat };
    expect(await change(asJohn, 'Wrong1234', 'Newpass789')).toEqual([
      { __typename: 'ValidationError', message: expect.any(String), path: ['input', 'currentPassword'] },
    ]);
    expect((await change(asJohn, 'Password123', 'short1'))?.[0]?.__typename).toBe('CustomerPasswordError');
    expect(await change(asJohn, 'Password123', 'Newpass789')).toEqual([]);
    expect(await canLogin('john@example.com', 'Newpass789')).toBe(true);
  });
});

describe('sandbox custom password complexity', () => {
  let sb: SandboxHarness;
  beforeAll(async () => {
    sb = await SandboxHarness.start({
      passwordComplexity: { minimumPasswordLength: 10, requireUpperCase: true, requireSpecialCharacters: true, minimumSpecialCharacters: 1 },
    });
  });
  afterAll(() => sb.close());

  it('reports the configured rules and enforces them on resetPassword and PUT /customers', async () => {
    const auth = { Authorization: `Bearer ${await sb.mintToken()}` };
    const settings = await sb.graphql(
      '{ site { settings { customers { passwordComplexitySettings { minimumPasswordLength requireUpperCase requireSpecialCharacters minimumSpecialCharacters requireNumbers } } } } }',
      {},
      auth,
    );
    expect(settings.body.data).toEqual({
      site: { settings: { customers: { passwordComplexitySettings: {
        minimumPasswordLength: 10, requireUpperCase: true, requireSpecialCharacters: true, minimumSpecialCharacters: 1, requireNumbers: true,
      } } } },
    });
    const weakPut = await sb.rest('PUT', '/v3/customers', [{ id: 1, authentication: { new_password: 'password123', force_password_reset: false } }]);
    expect(weakPut.status).toBe(422);
    const strongPut = await sb.rest('PUT', '/v3/customers', [{ id: 1, authentication: { new_password: 'Password123!', force_password_reset: false } }]);
    expect(strongPut.status).toBe(200);

    await sb.graphql(REQUEST_RESET, { input: { email: 'john@example.com' } }, auth);
    const [mail] = await sb.mail('john@example.com');
    const { t } = linkParams(mail?.links[0] ?? 'http://x');
    const weak = await sb.graphql<CustomerMutation<'resetPassword'>>(RESET, { input: { customerEntityId: 2, token: t, newPassword: 'Password123' } }, auth);
    expect(weak.body.data?.customer.resetPassword.errors[0]).toMatchObject({ __typename: 'CustomerPasswordError', message: expect.stringContaining('at least 10 characters') });
    const ok = await sb.graphql<CustomerMutation<'resetPassword'>>(RESET, { input: { customerEntityId: 2, token: t, newPassword: 'Password123!' } }, auth);
    expect(ok.body.data?.customer.resetPassword.errors).toEqual([]);
  });
});
