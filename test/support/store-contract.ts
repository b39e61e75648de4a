/**
 * What every shared store promises (src/store/store.ts), run against each backend: the in-memory store and Redis.
 * Keys are unique per run, so backends shared with other suites are safe.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { SecretRecord, SharedStore } from '../../src/store/store.js';

const record = (overrides: Partial<SecretRecord> = {}): SecretRecord => ({
  hashes: { code: 'a'.repeat(64), link: 'b'.repeat(64) },
  failuresLeft: 3,
  expiresAt: Date.now() + 60_000,
  data: { customerId: 7 },
  ...overrides,
});

export function storeContract(make: () => Promise<SharedStore>): void {
  it('claims: exactly one of many concurrent callers wins; release lets the key be claimed again', async () => {
    const store = await make();
    const key = randomUUID();
    const wins = (await Promise.all(Array.from({ length: 50 }, () => store.claimOnce(key, 60)))).filter(Boolean);
    expect(wins).toHaveLength(1);
    expect(await store.isClaimed(key)).toBe(true);
    await store.release(key);
    expect(await store.isClaimed(key)).toBe(false);
    expect(await store.claimOnce(key, 60)).toBe(true);
    await store.close();
  });

  it('rate limiters: allow the configured points, then refuse with a retry time', async () => {
    const store = await make();
    const limiter = store.rateLimiter(`contract-${randomUUID()}`, { points: 2, durationSeconds: 60 });
    const results = [await limiter.consume('k'), await limiter.consume('k'), await limiter.consume('k'), await limiter.consume('k')];
    expect(results.map((r) => r.allowed)).toEqual([true, true, false, false]);
    expect(results[2]?.retryAfterSeconds).toBeGreaterThan(0);
    // The refusal that crossed the limit is told apart from the ones after it (one audit record per crossing).
    expect(results.map((r) => r.firstRefusal ?? false)).toEqual([false, false, true, false]);
    expect((await limiter.consume('other')).allowed).toBe(true);
    await store.close();
  });

  it('secrets: redeemed once by the matching hash of any kind, with its data', async () => {
    const store = await make();
    const key = randomUUID();
    await store.putSecret(key, record());
    expect(await store.getSecret(key)).toMatchObject({ failuresLeft: 3, data: { customerId: 7 } });
    expect(await store.redeemSecret(key, 'link', 'b'.repeat(64))).toMatchObject({ outcome: 'redeemed', record: { data: { customerId: 7 } } });
    expect(await store.redeemSecret(key, 'code', 'a'.repeat(64))).toEqual({ outcome: 'missing' });
    await store.close();
  });

  it('secrets: exactly one of 50 concurrent redemptions with the right hash wins', async () => {
    const store = await make();
    const key = randomUUID();
    await store.putSecret(key, record());
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => store.redeemSecret(key, 'code', 'a'.repeat(64))));
    expect(outcomes.filter((o) => o.outcome === 'redeemed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'missing')).toHaveLength(49);
    await store.close();
  });

  it('secrets: the third wrong hash kills the record, even for the right hash after it', async () => {
    const store = await make();
    const key = randomUUID();
    await store.putSecret(key, record());
    const wrong = () => store.redeemSecret(key, 'code', 'f'.repeat(64));
    expect([(await wrong()).outcome, (await wrong()).outcome, (await wrong()).outcome]).toEqual(['wrong', 'wrong', 'exhausted']);
    expect(await store.redeemSecret(key, 'code', 'a'.repeat(64))).toEqual({ outcome: 'missing' });
    await store.close();
  });

  it('secrets: latest only, and gone once expired', async () => {
    const store = await make();
    const key = randomUUID();
    await store.putSecret(key, record());
    await store.putSecret(key, record({ hashes: { code: 'c'.repeat(64) } }));
    expect(await store.redeemSecret(key, 'code', 'a'.repeat(64))).toEqual({ outcome: 'wrong' });
    const expiring = randomUUID();
    await store.putSecret(expiring, record({ expiresAt: Date.now() + 150 }));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await store.getSecret(expiring)).toBeNull();
    expect(await store.redeemSecret(expiring, 'code', 'a'.repeat(64))).toEqual({ outcome: 'missing' });
    await store.close();
  });
}
