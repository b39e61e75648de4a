/**
 * loginWithJwt over real sockets, both modes: SSO assertions from a trusted issuer (HS256 secret and JWKS) and
 * BigCommerce Customer Login JWTs; the session it returns works at the sandbox's `customer` query.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { auditSecret } from '../support/log-audit.js';
import { SandboxHarness } from '../support/sandbox.js';

const LOGIN = `mutation ($input: LoginWithJwtInput!) {
  loginWithJwt(input: $input) {
    __typename
    ... on Error { code message }
    ... on LoginSuccess { customer { entityId email } session { customerAccessToken expiresAt } }
    ... on LoginJwtHandoff { customerEntityId customerLoginJwt expiresAt redirectTo channelId }
  }
}`;

const SSO = { issuer: 'https://idp.example.test', audience: 'storefront-gateway', secret: 'sso-shared-secret-of-32-bytes-or-more!' };
const CLIENT = { id: 'sandbox-client-id', secret: 'sandbox-client-secret', store: 'sandbox' };
const now = () => Math.floor(Date.now() / 1000);

const assertion = (claims: Record<string, unknown> = {}, options: jwt.SignOptions = {}, key: jwt.Secret = SSO.secret) =>
  jwt.sign({ iss: SSO.issuer, aud: SSO.audience, jti: randomUUID(), iat: now(), exp: now() + 120, email: 'jane@example.com', ...claims }, key, {
    algorithm: 'HS256',
    ...options,
  });

const customerLoginJwt = (claims: Record<string, unknown> = {}, secret = CLIENT.secret) =>
  jwt.sign(
    { iss: CLIENT.id, iat: now(), jti: randomUUID(), operation: 'customer_login', store_hash: CLIENT.store, customer_id: 2, ...claims },
    secret,
    { algorithm: 'HS256' },
  );

let gw: TestGateway;
let sandbox: SandboxHarness;

async function login(token: string, channelId?: number, mode?: 'SESSION' | 'CUSTOMER_LOGIN_JWT') {
  auditSecret(token);
  const result = await gw.graphql(LOGIN, { input: { jwt: token, ...(channelId ? { channelId } : {}), ...(mode ? { mode } : {}) } });
  return result.body.data?.loginWithJwt as Record<string, unknown> & {
    customer?: { entityId: number; email: string };
    session?: { customerAccessToken: string; expiresAt: string };
  };
}

beforeAll(async () => {
  gw = await startTestGateway({
    env: { SSO_ISSUER: SSO.issuer, SSO_AUDIENCE: SSO.audience, SSO_HS256_SECRET: SSO.secret },
  });
  sandbox = SandboxHarness.connect(gw.sandboxUrl);
});
afterAll(async () => {
  await gw.close();
});

describe('loginWithJwt: SSO assertion (HS256)', () => {
  it('logs the customer named by email in; the session works at BigCommerce', async () => {
    const result = await login(assertion());
    expect(result).toMatchObject({ __typename: 'LoginSuccess', customer: { entityId: 1, email: 'jane@example.com' } });
    const session = result.session as { customerAccessToken: string; expiresAt: string };
    auditSecret(session.customerAccessToken);
    expect(new Date(session.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(await sandbox.customerFor(session.customerAccessToken)).toEqual({ entityId: 1, email: 'jane@example.com' });
  });

  it('resolves a customer_id claim too', async () => {
    const result = await login(assertion({ email: undefined, customer_id: 2 }));
    expect(result).toMatchObject({ __typename: 'LoginSuccess', customer: { entityId: 2 } });
  });

  it.each([
    ['expired', () => assertion({ iat: now() - 200, exp: now() - 10 })],
    ['older than the 5 minute limit', () => assertion({ iat: now() - 301, exp: now() + 600 })],
    ['wrongly signed', () => assertion({}, {}, 'another-secret-another-secret-another!')],
    ['alg none', () => jwt.sign({ iss: SSO.issuer, aud: SSO.audience, jti: randomUUID(), iat: now(), exp: now() + 60, email: 'jane@example.com' }, '', { algorithm: 'none' })],
    ['HS512', () => assertion({}, { algorithm: 'HS512' })],
    ['for another audience', () => assertion({ aud: 'someone-else' })],
    ['from another issuer', () => assertion({ iss: 'https://evil.example' })],
    ['without exp', () => jwt.sign({ iss: SSO.issuer, aud: SSO.audience, jti: randomUUID(), iat: now(), email: 'jane@example.com' }, SSO.secret)],
    ['for an unknown customer', () => assertion({ email: 'nobody@example.com' })],
    ['naming no customer', () => assertion({ email: undefined })],
    ['that is not a JWT', () => 'not-a-jwt'],
  ])('rejects an assertion %s with InvalidJwtError', async (_case, make) => {
    expect(await login(make())).toMatchObject({ __typename: 'InvalidJwtError', code: 'INVALID_JWT' });
  });

  it('rejects a replayed assertion', async () => {
    const token = assertion({ email: 'john@example.com' });
    expect(await login(token)).toMatchObject({ __typename: 'LoginSuccess' });
    expect(await login(token)).toMatchObject({ __typename: 'InvalidJwtError' });
  });
});

describe('loginWithJwt: the storefront handoff (CUSTOMER_LOGIN_JWT mode)', () => {
  it('hands an SSO login to the storefront as a Customer Login JWT for the channel, once, without a gateway session', async () => {
    const handoff = await login(assertion({ email: 'olive@example.com' }), 2, 'CUSTOMER_LOGIN_JWT');
    expect(handoff).toMatchObject({ __typename: 'LoginJwtHandoff', customerEntityId: 4, channelId: 2, redirectTo: '/account.php' });
    const token = String(handoff.customerLoginJwt);
    auditSecret(token);
    expect(jwt.decode(token)).toMatchObject({ operation: 'customer_login', customer_id: 4, channel_id: 2, redirect_to: '/account.php' });
    const exchange = async () =>
      (
        await sandbox.graphql<{ loginWithCustomerLoginJwt: { customer: { entityId: number } } }>(
          'mutation ($jwt: String!) { loginWithCustomerLoginJwt(jwt: $jwt) { customer { entityId } } }',
          { jwt: token },
          await sandbox.bearerFor(2),
          '/channels/2/graphql',
        )
      ).body;
    expect((await exchange()).data?.loginWithCustomerLoginJwt.customer).toEqual({ entityId: 4 });
    expect((await exchange()).errors?.[0]?.message).toMatch(/already been used/);
  });

  it('refuses a customer who may not sign in on the channel asked for', async () => {
    expect(await login(assertion({ email: 'olive@example.com' }), 1, 'CUSTOMER_LOGIN_JWT')).toMatchObject({ __typename: 'InvalidJwtError' });
    expect(await login(assertion({ email: 'jane@example.com' }), 2)).toMatchObject({ __typename: 'InvalidJwtError' });
  });
});


describe('loginWithJwt: BigCommerce Customer Login JWT', () => {
  it('verifies and forwards it; the session works at BigCommerce', async () => {
    const result = await login(customerLoginJwt());
    expect(result).toMatchObject({ __typename: 'LoginSuccess', customer: { entityId: 2, email: 'john@example.com' } });
    auditSecret(result.session?.customerAccessToken ?? '');
    expect(await sandbox.customerFor(result.session?.customerAccessToken ?? '')).toMatchObject({ entityId: 2 });
  });

  it.each([
    ['with a stale iat (> 30 s)', () => customerLoginJwt({ iat: now() - 31 })],
    ['wrongly signed', () => customerLoginJwt({}, 'not-the-client-secret')],
    ['alg none', () => jwt.sign({ iss: CLIENT.id, iat: now(), jti: randomUUID(), operation: 'customer_login', store_hash: CLIENT.store, customer_id: 2 }, '', { algorithm: 'none' })],
    ['for another store', () => customerLoginJwt({ store_hash: 'other' })],
    ['for an unknown customer', () => customerLoginJwt({ customer_id: 424242 })],
  ])('rejects one %s with InvalidJwtError', async (_case, make) => {
    expect(await login(make())).toMatchObject({ __typename: 'InvalidJwtError' });
  });

  it('rejects a replayed one', async () => {
    const token = customerLoginJwt();
    expect(await login(token)).toMatchObject({ __typename: 'LoginSuccess' });
    expect(await login(token)).toMatchObject({ __typename: 'InvalidJwtError' });
  });
});

describe('loginWithJwt: SSO assertion (JWKS)', () => {
  let jwksServer: Server;
  let jwksGateway: TestGateway;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'test-key-1';

  beforeAll(async () => {
    jwksServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' }] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
    jwksGateway = await startTestGateway({ env: { SSO_ISSUER: SSO.issuer, SSO_AUDIENCE: SSO.audience, SSO_JWKS_URL: jwksUrl } });
  });
  afterAll(async () => {
    await jwksGateway.close();
    jwksServer.close();
  });

  const rs256 = (claims: Record<string, unknown> = {}) =>
    jwt.sign({ iss: SSO.issuer, aud: SSO.audience, jti: randomUUID(), iat: now(), exp: now() + 60, customer_id: 1, ...claims }, privateKey, {
      algorithm: 'RS256',
      keyid: kid,
    });

  async function jwksLogin(token: string) {
    const result = await jwksGateway.graphql(LOGIN, { input: { jwt: token } });
    return result.body.data?.loginWithJwt;
  }

  it('accepts an RS256 assertion signed by a key in the JWKS', async () => {
    expect(await jwksLogin(rs256())).toMatchObject({ __typename: 'LoginSuccess', customer: { entityId: 1 } });
  });

  it('refuses an HS256 token keyed with the public key (algorithm confusion) and an unknown kid', async () => {
    const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const confused = jwt.sign({ iss: SSO.issuer, aud: SSO.audience, jti: randomUUID(), iat: now(), exp: now() + 60, customer_id: 1 }, pem, {
      algorithm: 'HS256',
      keyid: kid,
    });
    expect(await jwksLogin(confused)).toMatchObject({ __typename: 'InvalidJwtError' });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const unknownKid = jwt.sign({ iss: SSO.issuer, aud: SSO.audience, jti: randomUUID(), iat: now(), exp: now() + 60, customer_id: 1 }, other, {
      algorithm: 'RS256',
      keyid: 'unknown',
    });
    expect(await jwksLogin(unknownKid)).toMatchObject({ __typename: 'InvalidJwtError' });
  });
});
