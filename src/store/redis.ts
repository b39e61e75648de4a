/**
 * Redis store (one node, Sentinel or Cluster: redis-connection.ts): what makes N gateway instances behave as one.
 * Claims are `SET NX EX` (one atomic command, one winner); counters are rate-limiter-flexible's atomic INCR+EXPIRE
 * script. Every command touches one key, so each runs on the node owning it in a cluster. Keys are namespaced by
 * `REDIS_KEY_PREFIX` and carry hashes, never tokens or addresses.
 */
import { randomUUID } from 'node:crypto';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { RateLimitRule } from '../config.js';
import { wrapLimiter } from './rate-limiter.js';
import type { RedisConfig } from './redis-config.js';
import type { Cluster } from 'ioredis';
import { connectRedis, queuePrefix, type RedisConnection } from './redis-connection.js';
import { type RateLimiter, type SecretRecord, type SecretRedemption, type SharedStore, StoreUnavailableError } from './store.js';

/** Every store failure in one type (the driver's message kept for the log; it never reaches a client). */
async function guarded<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw error;
    throw new StoreUnavailableError(`shared store: ${error instanceof Error ? error.message : String(error)}`);
  }
}

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

type RedisWithScripts = RedisConnection & { redeemSecret(key: string, kind: string, hash: string, now: string): Promise<string[]> };

/** A claim or redemption acknowledged by fewer replicas than `REDIS_WAIT_REPLICAS` asks for. */
export class ReplicationLagError extends StoreUnavailableError {
  constructor(acknowledged: number, wanted: number) {
    super(`shared store: a one-time claim reached ${acknowledged} of ${wanted} replicas in time`);
  }
}

export class RedisStore implements SharedStore {
  private readonly redis: RedisWithScripts;
  private readonly prefix: string;
  private readonly wait: { replicas: number; timeoutMs: number };
  private readonly topology: RedisConfig['topology'];
  /** This instance's readiness key: each instance writes its own. */
  private readonly readyKey = `ready:${randomUUID()}`;

  constructor(config: Pick<RedisConfig, 'topology' | 'keyPrefix'> & Partial<Pick<RedisConfig, 'waitReplicas' | 'waitTimeoutMs'>>) {
    // Commands fail fast instead of queueing forever while Redis is away: callers fail closed.
    this.redis = connectRedis(config.topology, 'command') as RedisWithScripts;
    this.redis.defineCommand('redeemSecret', { numberOfKeys: 1, lua: REDEEM_SECRET });
    this.prefix = config.keyPrefix;
    this.topology = config.topology;
    this.wait = { replicas: config.waitReplicas ?? 0, timeoutMs: config.waitTimeoutMs ?? 100 };
  }

  /**
   * After a one-time write: with `REDIS_WAIT_REPLICAS`, wait until that many replicas have it, so a failover right
   * after cannot grant the claim again; fewer in time fails closed (the caller answers 503). WAIT has no key; in a
   * pipeline after the write it goes to the same node (ioredis routes a cluster pipeline by its first key).
   */
  private async replicated<T>(write: (pipeline: ReturnType<RedisConnection['pipeline']>) => void, read: (result: unknown) => T): Promise<T> {
    const pipeline = this.redis.pipeline();
    write(pipeline);
    if (this.wait.replicas > 0) pipeline.call('WAIT', String(this.wait.replicas), String(this.wait.timeoutMs));
    const results = (await pipeline.exec()) ?? [];
    for (const [error] of results) if (error) throw error;
    if (this.wait.replicas > 0) {
      const acknowledged = Number(results.at(-1)?.[1] ?? 0);
      if (acknowledged < this.wait.replicas) throw new ReplicationLagError(acknowledged, this.wait.replicas);
    }
    return read(results[0]?.[1]);
  }

  async putSecret(key: string, record: SecretRecord): Promise<void> {
    const ttlMs = Math.max(1, Math.ceil(record.expiresAt - Date.now()));
    await guarded(this.redis.set(this.key(`secret:${key}`), JSON.stringify(record), 'PX', ttlMs));
  }

  async getSecret(key: string): Promise<SecretRecord | null> {
    const raw = await guarded(this.redis.get(this.key(`secret:${key}`)));
    const record = raw ? (JSON.parse(raw) as SecretRecord) : null;
    return record && record.expiresAt > Date.now() ? record : null;
  }

  async redeemSecret(key: string, kind: string, hash: string): Promise<SecretRedemption> {
    const [outcome, raw] = await guarded(
      this.wait.replicas > 0
        ? this.replicated(
            (pipeline) => void (pipeline as unknown as RedisWithScripts).redeemSecret(this.key(`secret:${key}`), kind, hash, String(Date.now())),
            (result) => result as string[],
          )
        : this.redis.redeemSecret(this.key(`secret:${key}`), kind, hash, String(Date.now())),
    );
    if (outcome === 'redeemed' && raw) return { outcome, record: JSON.parse(raw) as SecretRecord };
    if (outcome === 'wrong' || outcome === 'exhausted') return { outcome };
    return { outcome: 'missing' };
  }

  async claimOnce(key: string, ttlSeconds: number): Promise<boolean> {
    const ttl = Math.max(1, Math.ceil(ttlSeconds));
    if (this.wait.replicas === 0) return (await guarded(this.redis.set(this.key(`claim:${key}`), '1', 'EX', ttl, 'NX'))) === 'OK';
    return guarded(
      this.replicated(
        (pipeline) => void pipeline.set(this.key(`claim:${key}`), '1', 'EX', ttl, 'NX'),
        (result) => result === 'OK',
      ),
    );
  }

  async release(key: string): Promise<void> {
    await guarded(this.redis.del(this.key(`claim:${key}`)));
  }

  async isClaimed(key: string): Promise<boolean> {
    return (await guarded(this.redis.exists(this.key(`claim:${key}`)))) === 1;
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

  /**
   * Readiness: a write to a master (PING is answered by a replica and by any one cluster node alike). A replica
   * answers READONLY; a cluster that lost a slot answers CLUSTERDOWN once it notices.
   */
  async ping(): Promise<void> {
    const keys = [this.key(this.readyKey)];
    // In a cluster the queue lives on the one node owning its hash tag: accepting work needs that master too.
    if (this.topology.kind === 'cluster') keys.push(`${queuePrefix(this.topology, this.prefix)}:${this.readyKey}`);
    await guarded(Promise.all(keys.map((key) => this.redis.set(key, String(Date.now()), 'PX', 10_000))));
  }

  /**
   * One node or Sentinel at a Cluster node answers MOVED for most keys and CROSSSLOT for the queue's scripts; the
   * reverse cannot discover a cluster at all. Both are said at start-up instead of as a storm of redirections.
   */
  async topologyProblem(): Promise<string | null> {
    if (this.topology.kind === 'cluster') {
      const cluster = this.redis as Cluster;
      // A cluster client reaches 'ready' only once it has read the slot map; a node without cluster mode never gives one.
      if (cluster.status === 'ready') return null;
      const ready = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 3000);
        cluster.once('ready', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      if (ready) return null;
      const seed = this.topology.kind === 'cluster' ? this.topology.nodes[0] : undefined;
      if (!seed) return null;
      const { Redis } = await import('ioredis');
      const probe = new Redis({ ...seed, ...this.seedCredentials(), lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
      probe.on('error', () => {});
      try {
        await probe.connect();
        const info = await probe.info('cluster');
        return /cluster_enabled:0/.test(info) ? 'REDIS_CLUSTER_NODES names a Redis that is not in cluster mode: set REDIS_URL (one node) or REDIS_SENTINELS instead' : null;
      } catch {
        return null; // unreachable: readiness says so
      } finally {
        probe.disconnect();
      }
    }
    try {
      if (!/cluster_enabled:1/.test(await this.redis.info('cluster'))) return null;
    } catch {
      return null;
    }
    const setting = this.topology.kind === 'single' ? 'REDIS_URL' : 'REDIS_SENTINELS';
    return `${setting} points at a Redis Cluster node: set REDIS_CLUSTER_NODES (host:port of some of its nodes) instead of ${setting}`;
  }

  private seedCredentials(): { username?: string; password?: string; tls?: object } {
    const topology = this.topology;
    if (topology.kind !== 'cluster') return {};
    return { ...(topology.username ? { username: topology.username } : {}), ...(topology.password ? { password: topology.password } : {}), ...(topology.tls ? { tls: {} } : {}) };
  }

  async close(): Promise<void> {
    // QUIT waits for Redis; one that is away (or a topology between masters) must not hold a shutdown.
    const quit = this.redis.quit().then(
      () => undefined,
      () => undefined,
    );
    await Promise.race([quit, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    this.redis.disconnect();
  }

  private key(suffix: string): string {
    return `${this.prefix}${suffix}`;
  }
}
