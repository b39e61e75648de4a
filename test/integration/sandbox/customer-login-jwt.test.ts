import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SandboxHarness, customerLoginJwt, unsignedJwt } from '../../support/sandbox.js';

const JWT_LOGIN = `mutation JwtLogin($jwt: String!) {
  loginWithCustomerLoginJwt(jwt: $jwt) { redirectTo customer { entityId email } customerAccessToken { value expiresAt } }
}`;

type JwtLoginData = {
  loginWithCustomerLoginJwt: { redirectTo: string; customer: { entityId: number }; customerAccessToken: { value: string } };
};

describe('sandbox loginWithCustomerLoginJwt', () => {
  let sb: SandboxHarness;
  let auth: Record<string, string>;
  let now: number;
  beforeAll(async () => {
    sb = await SandboxHarness.start();
  });
  afterAll(() => sb.close());
  beforeEach(async () => {
    await sb.reset();
    auth = { Authorization: `Bearer ${await sb.mintToken()}` };
    now = await sb.storeTime();
  });

  function submit(token: string) {
    return sb.graphql<JwtLoginData>(JWT_LOGIN, { jwt: token }, auth);
  }

  async function rejection(token: string): Promise<string | undefined> {
    const response = await submit(token);
    expect(response.body.data ?? null).toBeNull();
    return response.body.errors?.[0]?.message;
  }

  it('logs in: default redirect /account.php, the customer, and a working customer access token', async () => {
    const response = await submit(customerLoginJwt({ iat: now, customer_id: 2 }));
    const result = response.body.data?.loginWithCustomerLoginJwt;
    expect(result?.redirectTo).toBe('/account.php');
    expect(result?.customer).toEqual({ entityId: 2, email: 'john@example.com' });
    const me = await sb.graphql('{ customer { entityId } }', {}, { ...auth, 'X-Bc-Customer-Access-Token': result?.customerAccessToken.value ?? '' });
    expect(me.body.data).toEqual({ customer: { entityId: 2 } });
  });

  it('uses redirect_to and works without channel_id (default 1)', async () => {
    const response = await submit(customerLoginJwt({ iat: now, channel_id: undefined, redirect_to: '/account/orders' }));
    expect(response.body.data?.loginWithCustomerLoginJwt.redirectTo).toBe('/account/orders');
  });

  it('each jti works once: the second use fails', async () => {
    const token = customerLoginJwt({ iat: now, jti: randomUUID() });
    expect((await submit(token)).body.data?.loginWithCustomerLoginJwt.customer.entityId).toBe(1);
    expect(await rejection(token)).toMatch(/^Invalid JWT.*already been used/);
  });

  it('ends the session of an earlier login', async () => {
    const first = (await submit(customerLoginJwt({ iat: now }))).body.data?.loginWithCustomerLoginJwt.customerAccessToken.value ?? '';
    await submit(customerLoginJwt({ iat: now }));
    const me = await sb.graphql('{ customer { entityId } }', {}, { ...auth, 'X-Bc-Customer-Access-Token': first });
    expect(me.body.data).toEqual({ customer: null });
  });

  it('refuses an iat older than 30 seconds, and one far in the future', async () => {
    expect(await rejection(customerLoginJwt({ iat: now - 31 }))).toMatch(/^Invalid JWT.*expired/);
    expect(await rejection(customerLoginJwt({ iat: now + 120 }))).toMatch(/^Invalid JWT.*future/);
    // Just inside the window still works.
    expect((await submit(customerLoginJwt({ iat: now - 25 }))).body.data).not.toBeNull();
  });

  it('refuses a wrong secret, alg none, other algorithms, and never echoes the token', async () => {
    const wrongSecret = customerLoginJwt({ iat: now }, 'not-the-client-secret');
    const message = await rejection(wrongSecret);
    expect(message).toMatch(/^Invalid JWT.*signature/);
    expect(message).not.toContain(wrongSecret.split('.')[2] ?? '---');

    const none = unsignedJwt({
      iss: 'sandbox-client-id', iat: now, jti: randomUUID(), operation: 'customer_login', store_hash: 'sandbox', customer_id: 1,
    });
    expect(await rejection(none)).toMatch(/^Invalid JWT.*HS256/);
    expect(await rejection(customerLoginJwt({ iat: now }, 'sandbox-client-secret', 'HS512'))).toMatch(/^Invalid JWT.*HS256/);
    expect(await rejection('definitely not a jwt')).toMatch(/^Invalid JWT/);
  });

  it('refuses wrong iss, operation, store_hash, channel, unknown customer and missing claims', async () => {
    expect(await rejection(customerLoginJwt({ iat: now, iss: 'other-client' }))).toMatch(/iss/);
    expect(await rejection(customerLoginJwt({ iat: now, operation: 'something_else' }))).toMatch(/operation/);
    expect(await rejection(customerLoginJwt({ iat: now, store_hash: 'otherstore' }))).toMatch(/store_hash/);
    expect(await rejection(customerLoginJwt({ iat: now, channel_id: 5 }))).toMatch(/channel_id/);
    expect(await rejection(customerLoginJwt({ iat: now, customer_id: 999 }))).toMatch(/customer/);
    expect(await rejection(customerLoginJwt({ iat: now, jti: undefined }))).toMatch(/claims/);
  });

  it('honours a configured max age', async () => {
    const strict = await SandboxHarness.start({ customerLoginJwtMaxAgeSeconds: 5 });
    try {
      const token = `Bearer ${await strict.mintToken()}`;
      const time = await strict.storeTime();
      const response = await strict.graphql(JWT_LOGIN, { jwt: customerLoginJwt({ iat: time - 10 }) }, { Authorization: token });
      expect(response.body.errors?.[0]?.message).toMatch(/expired/);
    } finally {
      await strict.close();
    }
  });
});
