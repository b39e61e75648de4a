/**
 * The gateway claims every Customer Login JWT once itself: BigCommerce (and the sandbox) refuse a reused `jti` too,
 * but the gateway must not rely on it, so the upstream here accepts anything.
 */
import { describe, expect, it } from 'vitest';
import { InvalidJwtError } from '../../../src/errors.js';
import { mintCustomerLoginJwt } from '../../../src/login/customer-login-jwt.js';
import { JwtLoginService } from '../../../src/login/service.js';
import { CustomerSignIn } from '../../../src/login/sign-in.js';
import { MemoryStore } from '../../../src/store/memory.js';

const credentials = { clientId: 'client-id', clientSecret: 'client-secret-client-secret-0123', storeHash: 'store1' };

function service() {
  let upstreamCalls = 0;
  const storefront = {
    execute: async () => {
      upstreamCalls++;
      return {
        loginWithCustomerLoginJwt: {
          customer: { entityId: 7, email: 'c@example.com', firstName: 'C', lastName: 'D' },
          customerAccessToken: { value: 'cat', expiresAt: new Date(Date.now() + 60_000).toISOString() },
        },
      };
    },
  } as unknown as NonNullable<ReturnType<ConstructorParameters<typeof CustomerSignIn>[0]['storefront']>>;
  const login = new JwtLoginService({
    credentials,
    defaultChannelId: 1,
    channelIds: [1],
    signIn: new CustomerSignIn({ credentials, storefront: () => storefront, redirectPath: '/account.php' }),
    channels: { maySignIn: async () => true },
    management: { getCustomer: async () => null, findCustomerByEmail: async () => null },
    claims: new MemoryStore(),
    limits: { enforce: async () => {} },
    sso: null,
  });
  return { login, upstreamCalls: () => upstreamCalls };
}

describe('JwtLoginService with a Customer Login JWT', () => {
  it('forwards a token once; a replay is refused before it reaches BigCommerce', async () => {
    const { login, upstreamCalls } = service();
    const token = mintCustomerLoginJwt(credentials, { customerId: 7, channelId: 1 });
    await expect(login.login(token, { ip: '127.0.0.1' }, undefined, 'SESSION')).resolves.toMatchObject({ customer: { entityId: 7 } });
    await expect(login.login(token, { ip: '127.0.0.1' }, undefined, 'SESSION')).rejects.toBeInstanceOf(InvalidJwtError);
    expect(upstreamCalls()).toBe(1);
  });
});
