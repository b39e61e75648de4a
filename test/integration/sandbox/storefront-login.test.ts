import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SandboxHarness } from '../../support/sandbox.js';

const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    result
    customer { entityId email firstName lastName company phone }
    customerAccessToken { value expiresAt }
  }
}`;
const ME = '{ customer { entityId email } }';
const LOGOUT = 'mutation { logout { result cartUnassignResult { errors { __typename } } } }';

type LoginData = {
  login: {
    result: string;
    customer: { entityId: number; email: string };
    customerAccessToken: { value: string; expiresAt: string };
  };
};

describe('sandbox storefront login, sessions and the customer query', () => {
  let sb: SandboxHarness;
  let auth: Record<string, string>;
  beforeAll(async () => {
    sb = await SandboxHarness.start();
  });
  afterAll(() => sb.close());
  beforeEach(async () => {
    await sb.reset();
    auth = { Authorization: `Bearer ${await sb.mintToken()}` };
  });

  async function login(email = 'jane@example.com', password = 'Password123'): Promise<string> {
    const response = await sb.graphql<LoginData>(LOGIN, { email, password }, auth);
    const value = response.body.data?.login.customerAccessToken.value;
    if (value === undefined) throw new Error(`login failed: ${JSON.stringify(response.body)}`);
    return value;
  }

  async function me(cat: string | undefined): Promise<unknown> {
    const headers = cat === undefined ? auth : { ...auth, 'X-Bc-Customer-Access-Token': cat };
    return (await sb.graphql<{ customer: unknown }>(ME, {}, headers)).body.data?.customer;
  }

  it('logs in with the right password: result, customer and a customer access token with a future expiresAt', async () => {
    const response = await sb.graphql<LoginData>(LOGIN, { email: 'Jane@Example.com', password: 'Password123' }, auth);
    expect(response.status).toBe(200);
    const result = response.body.data?.login;
    expect(result?.result).toBe('success');
    expect(result?.customer).toEqual({ entityId: 1, email: 'jane@example.com', firstName: 'Jane', lastName: 'Doe', company: 'Example Co', phone: '555-0101' });
    expect(result?.customerAccessToken.value).toMatch(/^[0-9a-f]+_\d+$/);
    expect(Date.parse(result?.customerAccessToken.expiresAt ?? '')).toBeGreaterThan(Date.now());
    expect(result?.customerAccessToken.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('wrong password or unknown email: a top-level "Invalid credentials" error and no data', async () => {
    for (const [email, password] of [['jane@example.com', 'Wrong1234'], ['nobody@example.com', 'Password123']]) {
      const response = await sb.graphql(LOGIN, { email, password }, auth);
      expect(response.status).toBe(200);
      expect(response.body.data ?? null).toBeNull();
      expect(response.body.errors?.map((e) => e.message)).toEqual(['Invalid credentials']);
    }
  });

  it('customer query: the customer of a valid token, null without one or with a bogus one', async () => {
    const cat = await login();
    expect(await me(cat)).toEqual({ entityId: 1, email: 'jane@example.com' });
    expect(await me(undefined)).toBeNull();
    expect(await me('bogus_123')).toBeNull();
  });

  it('with X-Bc-Error-On-Invalid-Customer-Access-Token, a bogus token is an INVALID_CUSTOMER_ACCESS_TOKEN error', async () => {
    const response = await sb.graphql(ME, {}, {
      ...auth,
      'X-Bc-Customer-Access-Token': 'bogus_123',
      'X-Bc-Error-On-Invalid-Customer-Access-Token': 'true',
    });
    expect(response.body.errors?.[0]?.extensions?.['code']).toBe('INVALID_CUSTOMER_ACCESS_TOKEN');
  });

  it('QUIRK: a new login ends the previous session (older token stops working); other customers are untouched', async () => {
    const first = await login();
    const john = await login('john@example.com');
    const second = await login();
    expect(second).not.toBe(first);
    expect(await me(first)).toBeNull();
    expect(await me(second)).toEqual({ entityId: 1, email: 'jane@example.com' });
    expect(await me(john)).toEqual({ entityId: 2, email: 'john@example.com' });
  });

  it('validate-credentials does not end the session (unlike login)', async () => {
    const cat = await login();
    await sb.rest('POST', '/v3/customers/validate-credentials', { email: 'jane@example.com', password: 'Password123' });
    expect(await me(cat)).toEqual({ entityId: 1, email: 'jane@example.com' });
  });

  it('logout with the customer access token ends that session', async () => {
    const cat = await login();
    const response = await sb.graphql<{ logout: { result: string } }>(LOGOUT, {}, { ...auth, 'X-Bc-Customer-Access-Token': cat });
    expect(response.body.data?.logout).toEqual({ result: 'success', cartUnassignResult: { errors: [] } });
    expect(await me(cat)).toBeNull();
  });

  it('sessions expire after 24 hours (sandbox clock)', async () => {
    const cat = await login();
    await sb.advanceClock(24 * 3600 - 60);
    expect(await me(cat)).not.toBeNull();
    await sb.advanceClock(120);
    expect(await me(cat)).toBeNull();
  });

  it('an impersonation token with X-Bc-Customer-Id acts as that customer', async () => {
    const impersonation = await sb.mintToken('api-token-customer-impersonation');
    const response = await sb.graphql(ME, {}, { Authorization: `Bearer ${impersonation}`, 'X-Bc-Customer-Id': '2' });
    expect(response.body.data).toEqual({ customer: { entityId: 2, email: 'john@example.com' } });
    // Without an impersonation token the header is ignored.
    const ignored = await sb.graphql(ME, {}, { ...auth, 'X-Bc-Customer-Id': '2' });
    expect(ignored.body.data).toEqual({ customer: null });
  });

  it('passwordComplexitySettings reports the default store rules', async () => {
    const response = await sb.graphql(
      `{ site { settings { customers { passwordComplexitySettings {
        minimumPasswordLength requireLowerCase requireUpperCase requireNumbers minimumNumbers requireSpecialCharacters minimumSpecialCharacters
      } } } } }`,
      {},
      auth,
    );
    expect(response.body.data).toEqual({
      site: {
        settings: {
          customers: {
            passwordComplexitySettings: {
              minimumPasswordLength: 7,
              requireLowerCase: false,
              requireUpperCase: false,
              requireNumbers: true,
              minimumNumbers: 1,
              requireSpecialCharacters: false,
              minimumSpecialCharacters: 0,
            },
          },
        },
      },
    });
  });
});
