/**
 * Real `redis-server` processes on free loopback ports, for the topology suites: a Redis Cluster (masters, and
 * replicas if asked) and a Sentinel group (a master, a replica, three sentinels). Each process can be killed and
 * restarted as an operator (or a failure) would. Nothing persists: every server runs with `--save ""`.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './instances.js';

/** Whether redis-server and redis-cli are here; a loud skip otherwise, or a failure under REQUIRE_REDIS=1. */
export function redisServerAvailable(suite: string): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    execFileSync('redis-cli', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    const reason = 'redis-server or redis-cli not found (apt-get install redis-server)';
    if (process.env.REQUIRE_REDIS === '1') throw new Error(`REQUIRE_REDIS=1 but ${reason}`);
    console.warn(`\n!!! SKIPPING ${suite}: ${reason}\n`);
    return false;
  }
}

async function isFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A cluster node's port: its cluster bus listens on port + 10000, which must be free and a valid port too. */
async function freeClusterPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 25_000);
    if ((await isFree(port)) && (await isFree(port + 10_000))) return port;
  }
}

export class RedisProcess {
  private child: ChildProcess | null = null;
  constructor(
    readonly port: number,
    private readonly args: string[],
  ) {}

  async start(): Promise<void> {
    this.child = spawn('redis-server', this.args, { stdio: 'ignore' });
    await waitFor(() => this.cli('PING') === 'PONG', 10_000, `redis-server on ${this.port} did not start`);
  }
  /** SIGKILL: a crash, no shutdown. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
  cli(...command: string[]): string {
    try {
      return execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(this.port), ...command], { encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  }
  info(section: string): Record<string, string> {
    return Object.fromEntries(
      this.cli('INFO', section)
        .split(/\r?\n/)
        .filter((line) => line.includes(':'))
        .map((line) => line.split(':', 2) as [string, string]),
    );
  }
}

async function waitFor(probe: () => boolean, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const base = (port: number, dir: string) => ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', join(dir, `redis-${port}.log`)];

export interface RedisCluster {
  nodes: RedisProcess[];
  /** `host:port,…` for REDIS_CLUSTER_NODES. */
  addresses: string;
  /** The node that is master for `key`'s slot now. */
  masterFor(key: string): RedisProcess | undefined;
  close(): Promise<void>;
}

export async function startCluster(masters: number, replicasPerMaster = 0): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'hag-cluster-'));
  const nodes: RedisProcess[] = [];
  for (let i = 0; i < masters * (1 + replicasPerMaster); i++) {
    const port = await freeClusterPort();
    nodes.push(
      new RedisProcess(port, [...base(port, dir), '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '1500', '--cluster-replica-validity-factor', '0']),
    );
  }
  await Promise.all(nodes.map((node) => node.start()));
  execFileSync('redis-cli', ['--cluster', 'create', ...nodes.map((node) => `127.0.0.1:${node.port}`), '--cluster-replicas', String(replicasPerMaster), '--cluster-yes'], {
    stdio: 'ignore',
    timeout: 30_000,
  });
  await waitFor(() => nodes.every((node) => node.info('cluster').cluster_enabled === '1' && node.cli('CLUSTER', 'INFO').includes('cluster_state:ok')), 20_000, 'cluster did not become ok');
  // Replicas in sync before anything is killed (a replica that never synced cannot take over).
  await waitFor(
    () => nodes.every((node) => node.info('replication').role !== 'slave' || node.info('replication').master_link_status === 'up'),
    20_000,
    'cluster replicas did not sync',
  );
  return {
    nodes,
    addresses: nodes.map((node) => `127.0.0.1:${node.port}`).join(','),
    masterFor(key) {
      const alive = nodes.find((node) => node.cli('PING') === 'PONG');
      const slot = Number(alive?.cli('CLUSTER', 'KEYSLOT', key));
      // CLUSTER NODES: id address flags master ping pong epoch state slot-ranges…
      for (const line of alive?.cli('CLUSTER', 'NODES').split('\n') ?? []) {
        const fields = line.split(' ');
        if (!fields[2]?.includes('master') || fields[2].includes('fail')) continue;
        const port = Number(fields[1]?.split('@')[0]?.split(':')[1]);
        for (const range of fields.slice(8)) {
          const [from, to] = range.split('-').map(Number);
          if (from !== undefined && slot >= from && slot <= (to ?? from)) return nodes.find((candidate) => candidate.port === port);
        }
      }
      return undefined;
    },
    close: async () => {
      await Promise.all(nodes.map((node) => node.kill()));
    },
  };
}

export interface SentinelGroup {
  master: RedisProcess;
  replica: RedisProcess;
  sentinels: RedisProcess[];
  /** `host:port,…` for REDIS_SENTINELS. */
  addresses: string;
  name: string;
  /** The port the sentinels name as master now. */
  currentMasterPort(): number;
  close(): Promise<void>;
}

export async function startSentinelGroup(): Promise<SentinelGroup> {
  const dir = mkdtempSync(join(tmpdir(), 'hag-sentinel-'));
  const name = 'hagmaster';
  const masterPort = await freePort();
  const master = new RedisProcess(masterPort, base(masterPort, dir));
  await master.start();
  const replicaPort = await freePort();
  // DEBUG allowed on the replica only: the window test freezes it (DEBUG SLEEP) to make it lag.
  const replica = new RedisProcess(replicaPort, [...base(replicaPort, dir), '--replicaof', '127.0.0.1', String(masterPort), '--enable-debug-command', 'yes']);
  await replica.start();
  await waitFor(() => replica.info('replication').master_link_status === 'up', 10_000, 'replica did not sync');
  const sentinels: RedisProcess[] = [];
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    const file = join(dir, `sentinel-${port}.conf`);
    writeFileSync(
      file,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor ${name} 127.0.0.1 ${masterPort} 2`,
        `sentinel down-after-milliseconds ${name} 1000`,
        `sentinel failover-timeout ${name} 5000`,
        `sentinel parallel-syncs ${name} 1`,
        '',
      ].join('\n'),
    );
    sentinels.push(new RedisProcess(port, [file, '--sentinel']));
  }
  await Promise.all(sentinels.map((sentinel) => sentinel.start()));
  const currentMasterPort = () => Number(sentinels.map((sentinel) => sentinel.cli('SENTINEL', 'get-master-addr-by-name', name).split('\n')[1]).find(Boolean) ?? 0);
  await waitFor(() => currentMasterPort() === masterPort, 10_000, 'sentinels did not find the master');
  return {
    master,
    replica,
    sentinels,
    addresses: sentinels.map((sentinel) => `127.0.0.1:${sentinel.port}`).join(','),
    name,
    currentMasterPort,
    close: async () => {
      await Promise.all([master, replica, ...sentinels].map((node) => node.kill()));
    },
  };
}
