/**
 * The gateway claims every Customer Login JWT once itself: BigCommerce (and the sandbox) refuse a reused `jti` too,
 * but the gateway must not rely on it, so the upstream here accepts anything.
 */
import jwt from 'jsonwebtoken';
import { describe, expect, it, vi } from 'vitest';
import { InvalidJwtError } from '../../../src/errors.js';
import { mintCustomerLoginJwt } from '../../../src/backends/bigcommerce/customer-login-jwt.js';
import { customerLoginJwtLogin } from '../../../src/backends/bigcommerce/jwt-login.js';
import { CustomerSignIn } from '../../../src/backends/bigcommerce/session-issuer.js';
import { JwtLoginService } from '../../../src/login/service.js';
import { MemoryStore } from '../../../src/store/memory.js';

const credentials = { clientId: 'client-id', clientSecret: 'client-secret-client-secret-0123', storeHash: 'store1' };

function service(sso: ConstructorParameters<typeof JwtLoginService>[0]['sso'] = null) {
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
  const sessions = new CustomerSignIn({ credentials, storefront: () => storefront, redirectPath: '/account.php' });
  const claims = new MemoryStore();
  const login = new JwtLoginService({
    defaultStorefrontId: '1',
    directory: { getById: async () => null, findByUsername: async () => null, mayUseStorefront: async () => true, storefrontFor: async () => '1' },
    sessions,
    jwtLogins: [customerLoginJwtLogin({ credentials, storefrontIds: ['1'], claims, sessions })],
    claims,
    limits: { enforce: async () => {} },
    sso,
    ssoSupported: true,
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

describe('JwtLoginService checks a Customer Login JWT itself, with an upstream that accepts anything (issue 15 audit)', () => {
  const now = () => Math.floor(Date.now() / 1000);
  it.each([
    ['an iat older than 30 s', mintCustomerLoginJwt(credentials, { customerId: 7, channelId: 1 }, now() - 31)],
    ['an iat in the future', mintCustomerLoginJwt(credentials, { customerId: 7, channelId: 1 }, now() + 60)],
    ['a channel the gateway does not serve', mintCustomerLoginJwt(credentials, { customerId: 7, channelId: 2 })],
    ['no jti', jwt.sign({ iss: credentials.clientId, iat: now(), operation: 'customer_login', store_hash: 'store1', customer_id: 7, channel_id: 1 }, credentials.clientSecret)],
    ['an empty jti', jwt.sign({ iss: credentials.clientId, iat: now(), jti: '', operation: 'customer_login', store_hash: 'store1', customer_id: 7, channel_id: 1 }, credentials.clientSecret)],
    ['another store', jwt.sign({ iss: credentials.clientId, iat: now(), jti: 'j', operation: 'customer_login', store_hash: 'other', customer_id: 7, channel_id: 1 }, credentials.clientSecret)],
  ])('refuses %s before BigCommerce sees it', async (_case, token) => {
    const { login, upstreamCalls } = service();
    await expect(login.login(token, { ip: '127.0.0.1' }, undefined, 'SESSION')).rejects.toBeInstanceOf(InvalidJwtError);
    expect(upstreamCalls()).toBe(0);
  });

  it('refuses a replayed jti even when the token is minted anew around it', async () => {
    const { login, upstreamCalls } = service();
    const claims = { iss: credentials.clientId, jti: 'one-jti', operation: 'customer_login', store_hash: 'store1', customer_id: 7, channel_id: 1 };
    await login.login(jwt.sign({ ...claims, iat: now() }, credentials.clientSecret), { ip: '127.0.0.1' }, undefined, 'SESSION');
    await expect(login.login(jwt.sign({ ...claims, iat: now() - 1 }, credentials.clientSecret), { ip: '127.0.0.1' }, undefined, 'SESSION')).rejects.toBeInstanceOf(
      InvalidJwtError,
    );
    expect(upstreamCalls()).toBe(1);
  });
});

describe('JwtLoginService routing by issuer', () => {
  it('checks a token only with the verifier of the issuer it names; one naming no trusted issuer is refused unchecked', async () => {
    const verify = vi.fn(async () => ({ customerId: 7, remainingSeconds: 60 }));
    const sso = { issuer: 'https://idp.example', verify } as unknown as NonNullable<Parameters<typeof service>[0]>;
    const { login } = service(sso);
    const claims = { aud: 'gw', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 60, customer_id: 7 };
    const attempt = (token: string) => login.login(token, { ip: '127.0.0.1' }, undefined, 'SESSION');

    for (const foreign of [jwt.sign({ ...claims, iss: 'https://elsewhere.example' }, 'k'.repeat(32)), jwt.sign(claims, 'k'.repeat(32))]) {
      await expect(attempt(foreign)).rejects.toBeInstanceOf(InvalidJwtError);
    }
    // A Customer Login JWT needs BigCommerce's client id as its issuer too.
    const otherApp = mintCustomerLoginJwt({ ...credentials, clientId: 'another-app' }, { customerId: 7, channelId: 1 });
    await expect(attempt(otherApp)).rejects.toBeInstanceOf(InvalidJwtError);
    expect(verify).not.toHaveBeenCalled();

    await attempt(jwt.sign({ ...claims, iss: 'https://idp.example' }, 'k'.repeat(32))).catch(() => {});
    expect(verify).toHaveBeenCalledOnce();
  });
});
