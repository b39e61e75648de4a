/**
 * In-process store: the default, for one instance. Expired claims, secrets and rate-limit windows are swept lazily
 * and on a timer.
 */
import type { RateLimitRule } from '../config.js';
import { sameSecret } from '../lib/keys.js';
import type { RateLimiter, RateLimitResult, SecretRecord, SecretRedemption, SharedStore } from './store.js';

/** One key's fixed window: points spent in it, and when it ends. */
interface Window {
  spent: number;
  endsAt: number;
}

export class MemoryStore implements SharedStore {
  private readonly claims = new Map<string, number>();
  private readonly secrets = new Map<string, SecretRecord>();
  private readonly windows: Array<Map<string, Window>> = [];
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = () => Date.now()) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  // Check and set in one synchronous step: an `await` between them would let every concurrent caller win.
  async claimOnce(key: string, ttlSeconds: number): Promise<boolean> {
    const expiresAt = this.claims.get(key);
    if (expiresAt !== undefined && expiresAt > this.now()) return false;
    this.claims.set(key, this.now() + ttlSeconds * 1000);
    return true;
  }

  async release(key: string): Promise<void> {
    this.claims.delete(key);
  }

  async isClaimed(key: string): Promise<boolean> {
    const expiresAt = this.claims.get(key);
    return expiresAt !== undefined && expiresAt > this.now();
  }

  async putSecret(key: string, record: SecretRecord): Promise<void> {
    this.secrets.set(key, structuredClone(record));
  }

  async getSecret(key: string): Promise<SecretRecord | null> {
    const record = this.secrets.get(key);
    if (!record || record.expiresAt <= this.now()) return null;
    return structuredClone(record);
  }

  // Synchronous from read to write: one event-loop turn, so atomic within this (single) process.
  async redeemSecret(key: string, kind: string, hash: string): Promise<SecretRedemption> {
    const record = this.secrets.get(key);
    if (!record || record.expiresAt <= this.now()) {
      this.secrets.delete(key);
      return { outcome: 'missing' };
    }
    const expected = record.hashes[kind];
    if (expected !== undefined && sameSecret(hash, expected)) {
      this.secrets.delete(key);
      return { outcome: 'redeemed', record };
    }
    record.failuresLeft -= 1;
    if (record.failuresLeft > 0) return { outcome: 'wrong' };
    this.secrets.delete(key);
    return { outcome: 'exhausted' };
  }

  /**
   * Fixed windows from a key's first point, as rate-limiter-flexible counts (its Redis limiter serves the Redis
   * store). Not its memory limiter: that arms a timer per key (a Timeout, a closure and a record, about 300 bytes),
   * so a burst of 40,000 distinct addresses held 12 MB for the hour of the per-email window. Here a key is its
   * window, swept with the claims.
   */
  rateLimiter(_name: string, rule: RateLimitRule): RateLimiter {
    const windows = new Map<string, Window>();
    this.windows.push(windows);
    const durationMs = rule.durationSeconds * 1000;
    return {
      consume: async (key): Promise<RateLimitResult> => {
        const now = this.now();
        let window = windows.get(key);
        if (!window || window.endsAt <= now) {
          window = { spent: 0, endsAt: now + durationMs };
          windows.set(key, window);
        }
        window.spent += 1;
        if (window.spent <= rule.points) return { allowed: true, retryAfterSeconds: 0 };
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - now) / 1000)),
          firstRefusal: window.spent === rule.points + 1,
        };
      },
    };
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, expiresAt] of this.claims) if (expiresAt <= now) this.claims.delete(key);
    for (const [key, record] of this.secrets) if (record.expiresAt <= now) this.secrets.delete(key);
    for (const windows of this.windows) for (const [key, window] of windows) if (window.endsAt <= now) windows.delete(key);
  }
}
