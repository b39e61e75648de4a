/**
 * The shared store's section of the configuration: which Redis topology (one node, Sentinel, or Cluster), its
 * credentials, TLS and address mapping. Exactly one of `REDIS_URL`, `REDIS_SENTINELS`, `REDIS_CLUSTER_NODES`.
 * Read without loading ioredis (start-up in sandbox mode never needs it).
 */
import { z } from 'zod';
import { addExamples, boolean, list, type Problems } from '../config-kit.js';

export interface HostPort {
  host: string;
  port: number;
}

export type RedisTopology =
  | { kind: 'single'; url: string }
  | { kind: 'sentinel'; sentinels: HostPort[]; name: string; username?: string; password?: string; sentinelPassword?: string; tls: boolean }
  | { kind: 'cluster'; nodes: HostPort[]; username?: string; password?: string; tls: boolean; natMap?: Record<string, HostPort> };

export interface RedisConfig {
  topology: RedisTopology;
  keyPrefix: string;
  /**
   * Replicas each one-time claim and secret redemption waits for (`WAIT`) before it counts (0: none). Replication is
   * asynchronous: a claim a master acknowledged and lost in a failover before replicating could be granted again.
   */
  waitReplicas: number;
  waitTimeoutMs: number;
}

const hostPort = z
  .string()
  .regex(/^[\w.-]+:\d{1,5}$/, 'must be host:port pairs, comma-separated')
  .transform((value): HostPort => {
    const at = value.lastIndexOf(':');
    return { host: value.slice(0, at), port: Number(value.slice(at + 1)) };
  });
const hostPorts = list.pipe(z.array(hostPort).min(1, 'must name at least one host:port'));

export const REDIS_ENV = {
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REDIS_SENTINELS: hostPorts.optional(),
  REDIS_SENTINEL_NAME: z.string().trim().min(1).max(200).optional(),
  REDIS_SENTINEL_PASSWORD: z.string().min(1).optional(),
  REDIS_CLUSTER_NODES: hostPorts.optional(),
  REDIS_CLUSTER_NAT_MAP: z
    .string()
    .transform((value, context) => {
      try {
        const parsed = z.record(z.string().regex(/^[\w.-]+:\d{1,5}$/), z.object({ host: z.string().min(1), port: z.number().int().min(1).max(65_535) })).parse(JSON.parse(value));
        return parsed;
      } catch {
        context.addIssue({ code: 'custom', message: 'must be a JSON object mapping "host:port" to {"host","port"}' });
        return z.NEVER;
      }
    })
    .optional(),
  REDIS_USERNAME: z.string().min(1).optional(),
  REDIS_PASSWORD: z.string().min(1).optional(),
  REDIS_TLS: boolean.default(false),
  REDIS_KEY_PREFIX: z.string().max(64).default('hag:'),
  REDIS_WAIT_REPLICAS: z.coerce.number().int().min(0).max(10).default(0),
  REDIS_WAIT_TIMEOUT_MS: z.coerce.number().int().min(1).max(5000).default(100),
};

addExamples({
  REDIS_SENTINELS: 'sentinel-1:26379,sentinel-2:26379,sentinel-3:26379',
  REDIS_SENTINEL_NAME: 'mymaster',
  REDIS_CLUSTER_NODES: 'redis-1:6379,redis-2:6379,redis-3:6379',
  REDIS_CLUSTER_NAT_MAP: '\'{"10.0.0.5:6379":{"host":"redis-1.example.com","port":6379}}\'',
});

type RedisEnv = z.output<z.ZodObject<typeof REDIS_ENV>>;

/** Null: no Redis (one instance, in memory). Every problem goes to `problems`; no message repeats a password. */
export function redisConfig(env: RedisEnv, problems: Problems): RedisConfig | null {
  const chosen = (['REDIS_URL', 'REDIS_SENTINELS', 'REDIS_CLUSTER_NODES'] as const).filter((name) => env[name] !== undefined);
  if (chosen.length === 0) return null;
  if (chosen.length > 1) {
    problems.add(chosen[1] ?? 'REDIS_URL', `cannot be combined with ${chosen[0]}: set one of REDIS_URL (one node), REDIS_SENTINELS (Sentinel) or REDIS_CLUSTER_NODES (Cluster)`);
  }
  const credentials = { ...(env.REDIS_USERNAME ? { username: env.REDIS_USERNAME } : {}), ...(env.REDIS_PASSWORD ? { password: env.REDIS_PASSWORD } : {}) };
  let topology: RedisTopology;
  if (env.REDIS_URL !== undefined) {
    for (const name of ['REDIS_USERNAME', 'REDIS_PASSWORD', 'REDIS_TLS', 'REDIS_CLUSTER_NAT_MAP', 'REDIS_SENTINEL_NAME'] as const) {
      if (name === 'REDIS_TLS' ? env.REDIS_TLS : env[name] !== undefined) problems.add(name, 'applies to REDIS_SENTINELS or REDIS_CLUSTER_NODES; with REDIS_URL, put credentials and rediss:// in the URL');
    }
    topology = { kind: 'single', url: env.REDIS_URL };
  } else if (env.REDIS_SENTINELS !== undefined) {
    if (!env.REDIS_SENTINEL_NAME) problems.add('REDIS_SENTINEL_NAME', 'is required with REDIS_SENTINELS (the master group name the sentinels monitor)');
    if (env.REDIS_CLUSTER_NAT_MAP) problems.add('REDIS_CLUSTER_NAT_MAP', 'applies to REDIS_CLUSTER_NODES only');
    topology = {
      kind: 'sentinel',
      sentinels: env.REDIS_SENTINELS,
      name: env.REDIS_SENTINEL_NAME ?? '',
      ...credentials,
      ...(env.REDIS_SENTINEL_PASSWORD ? { sentinelPassword: env.REDIS_SENTINEL_PASSWORD } : {}),
      tls: env.REDIS_TLS,
    };
  } else {
    if (env.REDIS_SENTINEL_NAME) problems.add('REDIS_SENTINEL_NAME', 'applies to REDIS_SENTINELS only');
    topology = {
      kind: 'cluster',
      nodes: env.REDIS_CLUSTER_NODES ?? [],
      ...credentials,
      tls: env.REDIS_TLS,
      ...(env.REDIS_CLUSTER_NAT_MAP ? { natMap: env.REDIS_CLUSTER_NAT_MAP } : {}),
    };
  }
  return { topology, keyPrefix: env.REDIS_KEY_PREFIX, waitReplicas: env.REDIS_WAIT_REPLICAS, waitTimeoutMs: env.REDIS_WAIT_TIMEOUT_MS };
}
