/** In-process store: the default, for one instance. Expired claims and secrets are swept lazily and on a timer. */
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { RateLimitRule } from '../config.js';
import { sameSecret } from '../lib/keys.js';
import { wrapLimiter } from './rate-limiter.js';
import type { RateLimiter, SecretRecord, SecretRedemption, SharedStore } from './store.js';

export class MemoryStore implements SharedStore {
  private readonly claims = new Map<string, number>();
  private readonly secrets = new Map<string, SecretRecord>();
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

  rateLimiter(name: string, rule: RateLimitRule): RateLimiter {
    return wrapLimiter(new RateLimiterMemory({ keyPrefix: name, points: rule.points, duration: rule.durationSeconds }));
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, expiresAt] of this.claims) if (expiresAt <= now) this.claims.delete(key);
    for (const [key, record] of this.secrets) if (record.expiresAt <= now) this.secrets.delete(key);
  }
}
