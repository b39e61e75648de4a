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
