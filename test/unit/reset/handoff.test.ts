import { describe, expect, it } from 'vitest';
import { decodeHandoff, encodeHandoff, handoffCookie, readCookie } from '../../../src/reset/handoff.js';

describe('handoff cookie', () => {
  it('round-trips a credential', () => {
    const credential = { shopperId: '42', token: 'abc.def/ghi+==' };
    expect(decodeHandoff(encodeHandoff(credential))).toEqual(credential);
    // A cookie set by the previous version (a numeric customerId) still reads, for the hour such a cookie lives.
    expect(decodeHandoff(Buffer.from(JSON.stringify({ customerId: 42, token: 't' })).toString('base64url'))).toEqual({ shopperId: '42', token: 't' });
    expect(decodeHandoff(encodeHandoff({ token: 'jwt.value.sig' }))).toEqual({ token: 'jwt.value.sig' });
  });

  it('rejects anything that is not a credential', () => {
    for (const value of [undefined, '', 'garbage', encodeHandoff({ token: '' }), Buffer.from('{"token":1}').toString('base64url'), 'x'.repeat(5000)]) {
      expect(decodeHandoff(value)).toBeNull();
    }
  });

  it('is HttpOnly, Secure, SameSite=Strict and scoped', () => {
    const header = handoffCookie('v', { path: '/graphql', maxAgeSeconds: 599.7 });
    expect(header).toBe('__Host-reset_handoff=v; Path=/graphql; Max-Age=599; HttpOnly; Secure; SameSite=Strict');
  });

  it('reads one cookie out of a Cookie header', () => {
    expect(readCookie('a=1; __Host-reset_handoff=xyz; b=2', '__Host-reset_handoff')).toBe('xyz');
    expect(readCookie('__Host-reset_handoffx=1', '__Host-reset_handoff')).toBeUndefined();
    expect(readCookie(null, '__Host-reset_handoff')).toBeUndefined();
  });
});
