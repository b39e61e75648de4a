/**
 * A JWKS-keyed issuer must never be verified with an HS* algorithm: a public key doubling as an HMAC secret is the
 * classic algorithm-confusion forgery. jsonwebtoken happens to refuse that combination today, so the algorithms the
 * verifier asks for are checked directly.
 */
import type * as JsonWebToken from 'jsonwebtoken';
import jwt from 'jsonwebtoken';
import { describe, expect, it, vi } from 'vitest';

vi.mock('jsonwebtoken', async (importOriginal) => {
  const actual = (await importOriginal<{ default: typeof JsonWebToken }>()).default;
  return { default: { ...actual, verify: vi.fn(actual.verify) } };
});

const { SsoAssertionVerifier } = await import('../../../src/login/sso-assertion.js');
const { InvalidJwtError } = await import('../../../src/errors.js');

const SECRET = 's'.repeat(32);
const config = (key: ConstructorParameters<typeof SsoAssertionVerifier>[0]['key']) => ({
  issuer: 'idp',
  audience: 'gw',
  maxAgeSeconds: 300,
  jwksRefreshSeconds: 600,
  jwksMinIntervalSeconds: 10,
  key,
  generated: false,
});
const now = () => Math.floor(Date.now() / 1000);
const assertion = (claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
  jwt.sign({ iss: 'idp', aud: 'gw', iat: now(), exp: now() + 60, jti: 'assertion-1', ...claims }, SECRET, { algorithm: 'HS256', header: { alg: 'HS256', ...header } });

describe('SSO assertion algorithms', () => {
  it('JWKS: a token naming HS* or none is refused before any key lookup or signature check', async () => {
    const verify = vi.mocked(jwt.verify);
    verify.mockClear();
    const verifier = new SsoAssertionVerifier(config({ kind: 'jwks', url: 'http://127.0.0.1:9/jwks.json' }));
    for (const alg of ['HS256', 'none']) {
      await expect(verifier.verify(assertion({ customer_id: 1 }, { alg, kid: 'k1' }))).rejects.toThrow(InvalidJwtError);
    }
    expect(verify).not.toHaveBeenCalled();
  });

  it('shared secret: HS256 only', async () => {
    const verify = vi.mocked(jwt.verify);
    verify.mockClear();
    await new SsoAssertionVerifier(config({ kind: 'hs256', secret: SECRET })).verify(assertion({ customer_id: 1 }));
    expect((verify.mock.calls[0]?.[2] as jwt.VerifyOptions).algorithms).toEqual(['HS256']);
  });
});

describe('SSO assertion claims', () => {
  const verifier = new SsoAssertionVerifier(config({ kind: 'hs256', secret: SECRET }));

  it('takes a positive integer customer_id, or an email, and names what was signed: iss and jti', async () => {
    await expect(verifier.verify(assertion({ customer_id: 2 }))).resolves.toMatchObject({ customerId: 2, issuer: 'idp', jti: 'assertion-1' });
    await expect(verifier.verify(assertion({ email: 'jane@example.com', email_verified: true }))).resolves.toMatchObject({ email: 'jane@example.com' });
  });

  it.each([
    ['customer_id true', { customer_id: true }],
    ['customer_id [2]', { customer_id: [2] }],
    ['customer_id "0x2"', { customer_id: '0x2' }],
    ['customer_id " 2 "', { customer_id: ' 2 ' }],
    ['customer_id "2e0"', { customer_id: '2e0' }],
    ['customer_id 2.5', { customer_id: 2.5 }],
    ['customer_id 0', { customer_id: 0 }],
    ['email not a string', { email: ['jane@example.com'] }],
    ['email_verified false', { email: 'jane@example.com', email_verified: false }],
    ['email_verified "true"', { email: 'jane@example.com', email_verified: 'true' }],
    ['no jti', { customer_id: 1, jti: undefined }],
    ['an empty jti', { customer_id: 1, jti: '' }],
  ])('refuses %s', async (_name, claims) => {
    await expect(verifier.verify(assertion(claims))).rejects.toThrow(InvalidJwtError);
  });

  it('refuses an unknown crit header extension (RFC 7515 §4.1.11)', async () => {
    await expect(verifier.verify(assertion({ customer_id: 1 }, { crit: ['exp'], exp: 1 }))).rejects.toThrow(InvalidJwtError);
  });
});
