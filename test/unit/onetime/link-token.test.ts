import { describe, expect, it } from 'vitest';
import { checkLinkToken, type LinkTokenKeys, signLinkToken } from '../../../src/onetime/link-token.js';
import { newCode, newLinkSecret } from '../../../src/onetime/secrets.js';

const OLD = 'o'.repeat(32);
const NEW = 'n'.repeat(32);
const keys: LinkTokenKeys = { secrets: [OLD], issuer: 'https://gw.example', audience: 'https://gw.example/x', ttlSeconds: 600, typ: 'a+jwt' };
const ANY = /^\w+$/;

describe('one-time link tokens', () => {
  it('verify after a key rotation: signed with the old secret, checked with [new, old]; new links use the new one', () => {
    const secret = newLinkSecret();
    const old = signLinkToken(keys, { subject: 'sub1', secret });
    const rotated = { ...keys, secrets: [NEW, OLD] };
    expect(checkLinkToken(old, rotated, ANY)).toEqual({ status: 'valid', claims: { subject: 'sub1', secret, expiresAt: expect.any(Number) } });
    const fresh = signLinkToken(rotated, { subject: 'sub1', secret });
    expect(checkLinkToken(fresh, { ...keys, secrets: [NEW] }, ANY).status).toBe('valid');
    expect(checkLinkToken(fresh, keys, ANY).status).toBe('invalid');
  });

  it("never pass for another purpose's link, even under the same key", () => {
    const token = signLinkToken(keys, { subject: 'sub1', secret: newLinkSecret() });
    expect(checkLinkToken(token, { ...keys, typ: 'b+jwt' }, ANY).status).toBe('invalid');
  });

  it('tell expired from forged', () => {
    const token = signLinkToken(keys, { subject: 'sub1', secret: newLinkSecret() }, Math.floor(Date.now() / 1000) - 601);
    expect(checkLinkToken(token, keys, ANY).status).toBe('expired');
    expect(checkLinkToken(token, { ...keys, secrets: [NEW] }, ANY).status).toBe('invalid');
  });
});

describe('codes', () => {
  it('are six digits, zero-padded, and spread over the whole range', () => {
    const codes = Array.from({ length: 2000 }, () => newCode());
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1990);
    expect(codes.some((c) => c.startsWith('0'))).toBe(true);
  });
});
