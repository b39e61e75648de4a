/**
 * The in-process memory of refusals (the flood shield's fast path): once the store refused an address, its repeats
 * are refused without a store round trip until the refusal ends, and never allowed early.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Limits } from '../../src/limits.js';
import { MemoryStore } from '../../src/store/memory.js';
import type { RateLimiter } from '../../src/store/store.js';

function countingStore() {
  const store = new MemoryStore();
  let consumed = 0;
  const rateLimiter = store.rateLimiter.bind(store);
  store.rateLimiter = (name, rule): RateLimiter => {
    const inner = rateLimiter(name, rule);
    return { consume: (key) => (consumed++, inner.consume(key)) };
  };
  return { store, consumed: () => consumed };
}

const rules = (httpPerIp: { points: number; durationSeconds: number }) => ({ httpPerIp }) as unknown as ConstructorParameters<typeof Limits>[1];

afterEach(() => vi.useRealTimers());

describe('Limits: refusals remembered in process', () => {
  it('answers a refused address from memory (no store call) until the refusal ends, then asks the store again', async () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
    const { store, consumed } = countingStore();
    const refusals: boolean[] = [];
    const limits = new Limits(store, rules({ points: 2, durationSeconds: 60 }), (_name, first) => refusals.push(first));
    expect((await limits.check('httpPerIp', '203.0.113.9')).allowed).toBe(true);
    expect((await limits.check('httpPerIp', '203.0.113.9')).allowed).toBe(true);
    expect((await limits.check('httpPerIp', '203.0.113.9')).allowed).toBe(false);
    expect(consumed()).toBe(3);
    for (let i = 0; i < 100; i++) expect((await limits.check('httpPerIp', '203.0.113.9')).allowed).toBe(false);
    expect(limits.knownRefusal('httpPerIp', '203.0.113.9')).toMatchObject({ allowed: false });
    expect(consumed()).toBe(3);
    // Every refusal is still counted (metrics), only the first as the first.
    expect(refusals.filter(Boolean)).toHaveLength(1);
    expect(refusals.length).toBeGreaterThan(100);
    // Another address is not affected.
    expect((await limits.check('httpPerIp', '198.51.100.7')).allowed).toBe(true);
    // Past the window, the store decides again.
    vi.setSystemTime(1_000_000 + 61_000);
    expect(limits.knownRefusal('httpPerIp', '203.0.113.9')).toBeNull();
    expect((await limits.check('httpPerIp', '203.0.113.9')).allowed).toBe(true);
  });

  it('keeps a bounded number of refusals (a flood of distinct addresses cannot grow memory without end)', async () => {
    const { store } = countingStore();
    const limits = new Limits(store, rules({ points: 1, durationSeconds: 3600 }));
    for (let i = 0; i < 10_050; i++) {
      const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      await limits.check('httpPerIp', ip);
      await limits.check('httpPerIp', ip);
    }
    // The oldest were forgotten: asking the store for them again still refuses (its counter holds).
    expect(limits.knownRefusal('httpPerIp', '10.0.0.0')).toBeNull();
    expect((await limits.check('httpPerIp', '10.0.0.0')).allowed).toBe(false);
    expect(limits.knownRefusal('httpPerIp', '10.0.39.65')).not.toBeNull();
  });
});
