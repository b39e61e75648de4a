import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyedRef } from '../../../src/lib/keys.js';
import { MemoryStore } from '../../../src/store/memory.js';
import { storeContract } from '../../support/store-contract.js';

describe('MemoryStore', () => {
  storeContract(async () => new MemoryStore());

  it('counts in fixed windows from a key’s first point, and opens a fresh one when it ends', async () => {
    let now = 1_000_000;
    const store = new MemoryStore(() => now);
    const limiter = store.rateLimiter('window-test', { points: 2, durationSeconds: 60 });
    expect((await limiter.consume('k')).allowed).toBe(true);
    now += 20_000;
    expect((await limiter.consume('k')).allowed).toBe(true);
    expect(await limiter.consume('k')).toEqual({ allowed: false, retryAfterSeconds: 40, firstRefusal: true });
    expect(await limiter.consume('other')).toEqual({ allowed: true, retryAfterSeconds: 0 });
    now += 39_500;
    expect(await limiter.consume('k')).toEqual({ allowed: false, retryAfterSeconds: 1, firstRefusal: false });
    now += 500;
    expect((await limiter.consume('k')).allowed).toBe(true);
    await store.close();
  });
});

describe('keyedRef', () => {
  it('is the start of the full HMAC encoding (keys already in Redis stay valid), as a string of its own', () => {
    const key = Buffer.alloc(32, 7);
    for (const length of [12, 16, 32, 10]) {
      const full = createHmac('sha256', key).update('jane@example.com').digest('base64url');
      expect(keyedRef(key, 'jane@example.com', length)).toBe(full.slice(0, length));
    }
  });
});
