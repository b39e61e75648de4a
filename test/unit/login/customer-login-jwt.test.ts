import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { InvalidJwtError } from '../../../src/errors.js';
import { peekClaims } from '../../../src/lib/jwt.js';
import { mintCustomerLoginJwt, verifyCustomerLoginJwt } from '../../../src/backends/bigcommerce/customer-login-jwt.js';

const credentials = { clientId: 'client-id', clientSecret: 'client-secret-of-at-least-32-bytes!!', storeHash: 'abc123' };
const now = 1_800_000_000;

describe('Customer Login JWT', () => {
  it('mints the claims BigCommerce documents, HS256 with typ JWT', () => {
    const token = mintCustomerLoginJwt(credentials, { customerId: 7, channelId: 2 }, now);
    const decoded = jwt.decode(token, { complete: true });
    expect(decoded?.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decoded?.payload).toMatchObject({
      iss: 'client-id',
      iat: now,
      operation: 'customer_login',
      store_hash: 'abc123',
      customer_id: 7,
      channel_id: 2,
    });
    expect((decoded?.payload as { jti: string }).jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(verifyCustomerLoginJwt(token, credentials, now + 29).customer_id).toBe(7);
  });

  it('gives every token a fresh jti', () => {
    const a = jwt.decode(mintCustomerLoginJwt(credentials, { customerId: 1, channelId: 1 }, now)) as { jti: string };
    const b = jwt.decode(mintCustomerLoginJwt(credentials, { customerId: 1, channelId: 1 }, now)) as { jti: string };
    expect(a.jti).not.toBe(b.jti);
  });

  const claims = { iss: 'client-id', iat: now, jti: 'j', operation: 'customer_login', store_hash: 'abc123', customer_id: 1 };
  it.each([
    ['older than 30 s', () => jwt.sign({ ...claims, iat: now - 31 }, credentials.clientSecret)],
    ['signed with another secret', () => jwt.sign(claims, 'another-secret-another-secret-12345')],
    ['alg none', () => jwt.sign(claims, '', { algorithm: 'none' })],
    ['HS512', () => jwt.sign(claims, credentials.clientSecret, { algorithm: 'HS512' })],
    ['another issuer', () => jwt.sign({ ...claims, iss: 'someone' }, credentials.clientSecret)],
    ['another store', () => jwt.sign({ ...claims, store_hash: 'zzz' }, credentials.clientSecret)],
    ['another operation', () => jwt.sign({ ...claims, operation: 'logout' }, credentials.clientSecret)],
    ['no jti', () => jwt.sign({ ...claims, jti: undefined }, credentials.clientSecret)],
    ['expired exp', () => jwt.sign({ ...claims, exp: now - 1 }, credentials.clientSecret)],
  ])('rejects a token %s', (_case, make) => {
    expect(() => verifyCustomerLoginJwt(make(), credentials, now)).toThrow(InvalidJwtError);
  });

  it('peeks at the payload (to route a token, unverified) and gives nothing for anything but a JSON object', () => {
    expect(peekClaims(jwt.sign(claims, 'any-secret-any-secret-any-secret-12'))).toMatchObject({ operation: 'customer_login', customer_id: 1 });
    const segment = (value: string) => Buffer.from(value).toString('base64url');
    for (const payload of ['not json', '[1,2]', '"text"', 'null', '']) expect(peekClaims(`e30.${segment(payload)}.sig`)).toBeNull();
    expect(peekClaims('no-dots-at-all')).toBeNull();
  });
});
