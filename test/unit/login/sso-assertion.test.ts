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

function algorithmsAskedFor(key: ConstructorParameters<typeof SsoAssertionVerifier>[0]['key']): jwt.Algorithm[] {
  const verify = vi.mocked(jwt.verify);
  verify.mockClear();
  const verifier = new SsoAssertionVerifier({ issuer: 'idp', audience: 'gw', maxAgeSeconds: 300, key, generated: false });
  void verifier.verify(jwt.sign({ iss: 'idp', aud: 'gw' }, 'x'.repeat(32))).catch(() => {});
  const options = verify.mock.calls[0]?.[2] as jwt.VerifyOptions | undefined;
  return options?.algorithms ?? [];
}

describe('SSO assertion algorithms', () => {
  it('JWKS: asymmetric algorithms only, never HS*', () => {
    const algorithms = algorithmsAskedFor({ kind: 'jwks', url: 'http://127.0.0.1:9/jwks.json' });
    expect(algorithms.length).toBeGreaterThan(0);
    expect(algorithms.filter((a) => a.startsWith('HS') || a === 'none')).toEqual([]);
  });

  it('shared secret: HS256 only', () => {
    expect(algorithmsAskedFor({ kind: 'hs256', secret: 's'.repeat(32) })).toEqual(['HS256']);
  });
});
