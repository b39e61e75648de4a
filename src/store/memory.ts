/** In-process store: the default, for one instance. Expired claims are swept lazily and on a timer. */
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { RateLimitRule } from '../config.js';
import { wrapLimiter } from './rate-limiter.js';
import type { RateLimiter, SharedStore } from './store.js';

export class MemoryStore implements SharedStore {
  private readonly claims = new Map<string, number>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  async claimOnce(key: string, ttlSeconds: number): Promise<boolean> {
    if (await this.isClaimed(key)) return false;
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
  }
}
