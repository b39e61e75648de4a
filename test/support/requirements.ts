/**
 * Suites that need something outside Node (a browser, Redis) skip with a loud reason when it is missing, and
 * fail instead when CI demands it (`REQUIRE_BROWSER=1`, `REQUIRE_REDIS=1`).
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const reason = `Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but ${reason}`);
  console.warn(`\n!!! SKIPPING browser suite: ${reason}\n`);
  return false;
}

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether Redis answers at REDIS_URL; loud skip otherwise, or a failure under REQUIRE_REDIS=1. */
export async function redisAvailable(): Promise<boolean> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch {
    const reason = `Redis not reachable at ${REDIS_URL} (start redis-server, or set TEST_REDIS_URL)`;
    if (process.env.REQUIRE_REDIS === '1') throw new Error(`REQUIRE_REDIS=1 but ${reason}`);
    console.warn(`\n!!! SKIPPING Redis suite: ${reason}\n`);
    return false;
  } finally {
    redis.disconnect();
  }
}

/** A Redis key prefix of its own for each test run, so runs never see each other's counters or claims. */
export function uniqueRedisPrefix(): string {
  return `hag-test:${process.pid}:${Date.now()}:${Math.random().toString(36).slice(2, 8)}:`;
}

/**
 * A private redis-server on its own port, for tests that stop and restart Redis (the shared one must stay up for
 * every other suite). Needs the redis-server binary, which CI installs with Redis.
 */
export async function privateRedisServer(): Promise<{ url: string; stop(): Promise<void>; start(): Promise<void> } | null> {
  const { spawn, spawnSync } = await import('node:child_process');
  const { createServer } = await import('node:net');
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    const reason = 'redis-server binary not found (apt-get install redis-server)';
    if (process.env.REQUIRE_REDIS === '1') throw new Error(`REQUIRE_REDIS=1 but ${reason}`);
    console.warn(`\n!!! SKIPPING Redis outage suite: ${reason}\n`);
    return null;
  }
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
  let child: ReturnType<typeof spawn> | null = null;
  const url = `redis://127.0.0.1:${port}`;
  const server = {
    url,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      const { Redis } = await import('ioredis');
      for (let i = 0; i < 50; i++) {
        const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        redis.on('error', () => {});
        const up = await redis.connect().then(() => true, () => false);
        redis.disconnect();
        if (up) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('private redis-server did not start');
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
  };
  await server.start();
  return server;
}

/** Whether the example storefront is built (CI builds it; `REQUIRE_EXAMPLE=1` turns a missing build into a failure). */
export function exampleStorefrontBuilt(): boolean {
  const built = existsSync(new URL('../../examples/storefront/.next/BUILD_ID', import.meta.url));
  if (built) return true;
  const reason = 'examples/storefront is not built (cd examples/storefront && npm ci && npm run build)';
  if (process.env.REQUIRE_EXAMPLE === '1') throw new Error(`REQUIRE_EXAMPLE=1 but ${reason}`);
  console.warn(`\n!!! SKIPPING example storefront suite: ${reason}\n`);
  return false;
}
