/**
 * `sameSecret` must compare in constant time: with `===`, a secret (a metrics token, a webhook secret) could be
 * guessed a byte at a time from response times. Time itself is too noisy to assert here, so the test checks that the
 * comparison goes through node:crypto's timingSafeEqual, and that it is still correct.
 */
import type * as Crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof Crypto>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});
const { timingSafeEqual } = await import('node:crypto');
const { sameSecret } = await import('../../../src/lib/keys.js');

describe('sameSecret', () => {
  it('compares equal-length secrets with timingSafeEqual, and answers correctly', () => {
    vi.mocked(timingSafeEqual).mockClear();
    expect(sameSecret('a-secret-value-0001', 'a-secret-value-0001')).toBe(true);
    expect(sameSecret('a-secret-value-0001', 'a-secret-value-0002')).toBe(false);
    expect(vi.mocked(timingSafeEqual)).toHaveBeenCalledTimes(2);
  });

  it('is false for different lengths and for an empty guess', () => {
    expect(sameSecret('short', 'a-much-longer-secret')).toBe(false);
    expect(sameSecret('', 'a-secret')).toBe(false);
  });
});
