/**
 * One connection factory for the store and the queue, whatever the topology: an ioredis `Redis` for one node or a
 * Sentinel group (which asks the sentinels for the master, and again after a failover), a `Cluster` for Redis
 * Cluster (which follows MOVED/ASK redirections and refreshes its slot map). Both speak the same commands; every
 * store command is single-key, so each lands on the node owning its key.
 */
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisTopology } from './redis-config.js';

export type RedisConnection = Redis | Cluster;

export const CONNECTION_NAME = 'headless-auth-gateway';
const COMMAND_TIMEOUT_MS = 3000;

/**
 * `command`: a request's commands wait for one reconnect at most, then fail (the caller answers 503 rather than
 * hang). `blocking`: BullMQ's workers, whose commands must wait for Redis to come back (BullMQ requires it).
 */
export type ConnectionRole = 'command' | 'blocking';

/**
 * After a failover the old master may come back as a replica: writes to it answer READONLY. Reconnecting (and
 * resending the command) asks Sentinel or the cluster for the current master instead of failing forever. LOADING
 * (a node reading its data at start) is waited out the same way.
 */
function reconnectOnError(error: Error): 2 | false {
  return /^(READONLY|LOADING|MASTERDOWN)/.test(error.message) ? 2 : false;
}

export function connectRedis(topology: RedisTopology, role: ConnectionRole): RedisConnection {
  const common: RedisOptions = {
    // Named, so an operator (and the failover tests) can tell the gateway's connections in CLIENT LIST.
    connectionName: CONNECTION_NAME,
    connectTimeout: 2000,
    maxRetriesPerRequest: role === 'blocking' ? null : 1,
    // A request's command never waits longer than this, whatever the topology is doing (a cluster re-reading its
    // slots, a Sentinel between masters): the request answers 503 instead of hanging.
    ...(role === 'command' ? { commandTimeout: COMMAND_TIMEOUT_MS } : {}),
    enableOfflineQueue: true,
    reconnectOnError,
    // Reconnect quickly at first, then every 2 s at most (a failover takes a few seconds).
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2000),
  };
  let connection: RedisConnection;
  if (topology.kind === 'single') {
    connection = new Redis(topology.url, common);
  } else if (topology.kind === 'sentinel') {
    connection = new Redis({
      ...common,
      sentinels: topology.sentinels,
      name: topology.name,
      ...(topology.username ? { username: topology.username } : {}),
      ...(topology.password ? { password: topology.password } : {}),
      ...(topology.sentinelPassword ? { sentinelPassword: topology.sentinelPassword } : {}),
      ...(topology.tls ? { tls: {}, sentinelTLS: {}, enableTLSForSentinelMode: true } : {}),
      // Subscribe to the sentinels' +switch-master and reconnect at once, instead of waiting for an error.
      failoverDetector: true,
      sentinelRetryStrategy: (attempt) => Math.min(100 * attempt, 2000),
    });
  } else {
    const options: ClusterOptions = {
      redisOptions: {
        connectionName: CONNECTION_NAME,
        connectTimeout: common.connectTimeout ?? 2000,
        maxRetriesPerRequest: common.maxRetriesPerRequest ?? null,
        ...(role === 'command' ? { commandTimeout: COMMAND_TIMEOUT_MS } : {}),
        reconnectOnError,
        ...(topology.username ? { username: topology.username } : {}),
        ...(topology.password ? { password: topology.password } : {}),
        ...(topology.tls ? { tls: {} } : {}),
      },
      enableOfflineQueue: true,
      // Writes go to masters only: a replica's answer can be stale, and claims must be decided where they are stored.
      scaleReads: 'master',
      maxRedirections: 16,
      retryDelayOnFailover: 200,
      retryDelayOnClusterDown: 300,
      retryDelayOnTryAgain: 100,
      clusterRetryStrategy: (attempt) => Math.min(100 * attempt, 2000),
      ...(topology.natMap ? { natMap: topology.natMap } : {}),
      // Managed clusters answer with TLS hostnames that must not be resolved again to IPs (certificate names).
      ...(topology.tls ? { dnsLookup: (address, callback) => callback(null, address) } : {}),
    };
    connection = new Cluster(topology.nodes, options);
  }
  // ioredis reconnects by itself; an unhandled 'error' event would crash the process.
  connection.on('error', () => {});
  return connection;
}

/**
 * BullMQ's prefix. In Cluster mode every key of a queue must hash to one slot (BullMQ's scripts touch several), so
 * the prefix is a hash tag: the whole queue lives on one node, while the store's keys spread over all of them.
 */
export function queuePrefix(topology: RedisTopology, keyPrefix: string): string {
  return topology.kind === 'cluster' ? `{${keyPrefix}bull}` : `${keyPrefix}bull`;
}
