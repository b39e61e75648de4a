/**
 * Redis store (`REDIS_URL`): what makes N gateway instances behave as one. Claims are `SET NX EX` (one atomic
 * command, one winner); counters are rate-limiter-flexible's atomic INCR+EXPIRE script. Keys are namespaced by
 * `REDIS_KEY_PREFIX` and carry hashes, never tokens or addresses.
 */
import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { RateLimitRule } from '../config.js';
import { wrapLimiter } from './rate-limiter.js';
import type { RateLimiter, SharedStore } from './store.js';

export class RedisStore implements SharedStore {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.redis = new Redis(url, {
      lazyConnect: false,
      // Fail fast instead of queueing commands forever while Redis is away: callers fail closed.
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      connectTimeout: 2000,
    });
    // ioredis reconnects by itself; an unhandled 'error' event would crash the process.
    this.redis.on('error', () => {});
  }

  async claimOnce(key: string, ttlSeconds: number): Promise<boolean> {
    const result = await this.redis.set(this.key(`claim:${key}`), '1', 'EX', Math.max(1, Math.ceil(ttlSeconds)), 'NX');
    return result === 'OK';
  }

  async release(key: string): Promise<void> {
    await this.redis.del(this.key(`claim:${key}`));
  }

  async isClaimed(key: string): Promise<boolean> {
    return (await this.redis.exists(this.key(`claim:${key}`))) === 1;
  }

  rateLimiter(name: string, rule: RateLimitRule): RateLimiter {
    return wrapLimiter(
      new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: this.key(`rl:${name}`),
        points: rule.points,
        duration: rule.durationSeconds,
        rejectIfRedisNotReady: true,
      }),
    );
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private key(suffix: string): string {
    return `${this.prefix}${suffix}`;
  }
}
