/**
 * Redis store (`REDIS_URL`): what makes N gateway instances behave as one. Claims are `SET NX EX` (one atomic
 * command, one winner); counters are rate-limiter-flexible's atomic INCR+EXPIRE script. Keys are namespaced by
 * `REDIS_KEY_PREFIX` and carry hashes, never tokens or addresses.
 */
import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { RateLimitRule } from '../config.js';
import { wrapLimiter } from './rate-limiter.js';
import type { RateLimiter, SecretRecord, SecretRedemption, SharedStore } from './store.js';

/**
 * Redeem one secret record atomically (Redis runs a script alone): exactly one of any number of concurrent
 * presentations across instances wins, and a wrong one is counted before anyone can try again. The comparison is
 * Lua string equality, which in Redis' Lua 5.1 compares interned strings by reference: its time does not depend on
 * how much of the hash matches.
 * KEYS[1] record; ARGV: kind, hash, now (ms). Returns {outcome[, record JSON]}.
 */
const REDEEM_SECRET = `
local raw = redis.call('GET', KEYS[1])
if not raw then return {'missing'} end
local record = cjson.decode(raw)
if tonumber(record.expiresAt) <= tonumber(ARGV[3]) then
  redis.call('DEL', KEYS[1])
  return {'missing'}
end
local expected = record.hashes[ARGV[1]]
if expected and expected == ARGV[2] then
  redis.call('DEL', KEYS[1])
  return {'redeemed', raw}
end
record.failuresLeft = record.failuresLeft - 1
if record.failuresLeft <= 0 then
  redis.call('DEL', KEYS[1])
  return {'exhausted'}
end
redis.call('SET', KEYS[1], cjson.encode(record), 'KEEPTTL')
return {'wrong'}
`;

type RedisWithScripts = Redis & { redeemSecret(key: string, kind: string, hash: string, now: string): Promise<string[]> };

export class RedisStore implements SharedStore {
  private readonly redis: RedisWithScripts;

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
    }) as RedisWithScripts;
    this.redis.defineCommand('redeemSecret', { numberOfKeys: 1, lua: REDEEM_SECRET });
    // ioredis reconnects by itself; an unhandled 'error' event would crash the process.
    this.redis.on('error', () => {});
  }

  async putSecret(key: string, record: SecretRecord): Promise<void> {
    const ttlMs = Math.max(1, Math.ceil(record.expiresAt - Date.now()));
    await this.redis.set(this.key(`secret:${key}`), JSON.stringify(record), 'PX', ttlMs);
  }

  async getSecret(key: string): Promise<SecretRecord | null> {
    const raw = await this.redis.get(this.key(`secret:${key}`));
    const record = raw ? (JSON.parse(raw) as SecretRecord) : null;
    return record && record.expiresAt > Date.now() ? record : null;
  }

  async redeemSecret(key: string, kind: string, hash: string): Promise<SecretRedemption> {
    const [outcome, raw] = await this.redis.redeemSecret(this.key(`secret:${key}`), kind, hash, String(Date.now()));
    if (outcome === 'redeemed' && raw) return { outcome, record: JSON.parse(raw) as SecretRecord };
    if (outcome === 'wrong' || outcome === 'exhausted') return { outcome };
    return { outcome: 'missing' };
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
        // Like every other command here: wait for the first connect (or one reconnect), then fail closed.
        rejectIfRedisNotReady: false,
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
