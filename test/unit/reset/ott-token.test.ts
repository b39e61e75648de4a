/** The OTT hash comparison must run in constant time: a `===` would leak, byte by byte, how much of a hash matched. */
import * as crypto from 'node:crypto';
import type * as NodeCrypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof NodeCrypto>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const { hashOtt, ottHashesEqual } = await import('../../../src/reset/ott/token.js');

describe('ottHashesEqual', () => {
  it('compares with crypto.timingSafeEqual, never with ===', () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    const hash = hashOtt('A'.repeat(43));
    expect(ottHashesEqual(hash, hashOtt('A'.repeat(43)))).toBe(true);
    expect(ottHashesEqual(hash, hashOtt('B'.repeat(43)))).toBe(false);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('is false for anything that is not a 32-byte hex hash', () => {
    const hash = hashOtt('A'.repeat(43));
    expect(ottHashesEqual(hash, hash.slice(0, 62))).toBe(false);
    expect(ottHashesEqual('', '')).toBe(false);
  });
});
