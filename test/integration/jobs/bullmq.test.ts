/** The durable queue on a real Redis: the shared contract, plus what only Redis gives (jobs outlive the process). */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { BullJobQueue } from '../../../src/jobs/bullmq.js';
import type { QueuePolicy } from '../../../src/jobs/queue.js';
import { fixedConcurrency } from '../../../src/jobs/requests-first.js';
import { createLogger } from '../../../src/log.js';
import { eventually } from '../../support/gateway.js';
import { handlers, policy, queueContract, type Settled, type TestJobs } from '../../support/queue-contract.js';
import { REDIS_URL, redisAvailable, uniqueRedisPrefix } from '../../support/requirements.js';

const logger = createLogger({ level: 'silent' });
const SECRET = 'bullmq-test-secret-bullmq-test-secret-0123';
const withRedis = await redisAvailable();
const prefixes: string[] = [];

function make(p: QueuePolicy, keyPrefix = uniqueRedisPrefix(), gatewaySecret = SECRET, concurrency = fixedConcurrency(2)): BullJobQueue<TestJobs> {
  prefixes.push(keyPrefix);
  return new BullJobQueue<TestJobs>({ topology: { kind: 'single', url: REDIS_URL }, keyPrefix, concurrency, lockMs: 2000, gatewaySecret, policy: p, logger });
}

afterAll(async () => {
  if (!withRedis) return;
  const redis = new Redis(REDIS_URL);
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  redis.disconnect();
});

describe.runIf(withRedis)('BullJobQueue', () => {
  queueContract(async (p, concurrency) => make(p, undefined, undefined, concurrency));

  it('keeps accepted jobs in Redis: another process (here, another queue on the same prefix) does them', async () => {
    const prefix = uniqueRedisPrefix();
    const producer = make(policy([]), prefix);
    await producer.enqueue('echo', { value: 'survives' });
    await producer.close();
    const worker = make(policy([]), prefix);
    const seen: string[] = [];
    worker.start({ echo: async ({ value }) => void seen.push(value), flaky: async () => {}, slow: async () => {} });
    await eventually(async () => (seen.length === 1 ? true : undefined), 10_000);
    expect(seen).toEqual(['survives']);
    await worker.close();
  });

  it('stores job data sealed: no plain value in Redis, and removes it once the job is done', async () => {
    const prefix = uniqueRedisPrefix();
    const queue = make(policy([]), prefix);
    await queue.enqueue('echo', { value: 'jane@example.com' });
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    const values = await Promise.all(keys.map(async (key) => ((await redis.type(key)) === 'hash' ? JSON.stringify(await redis.hgetall(key)) : key)));
    expect(values.join('\n')).toContain('sealed');
    expect(values.join('\n')).not.toContain('jane@example.com');
    queue.start(handlers());
    await eventually(async () => ((await queue.stats()).waiting === 0 ? true : undefined), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await redis.keys(`${prefix}*`);
    const jobHashes = [];
    for (const key of after) if ((await redis.type(key)) === 'hash' && /:\d+$/.test(key)) jobHashes.push(key);
    expect(jobHashes).toEqual([]);
    redis.disconnect();
    await queue.close();
  });

  it('fails a job it cannot open (instances with different GATEWAY_SECRETs) instead of retrying it forever', async () => {
    const prefix = uniqueRedisPrefix();
    const producer = make(policy([]), prefix, 'one-secret-one-secret-one-secret-one-secret');
    await producer.enqueue('echo', { value: 'x' });
    await producer.close();
    const settled: Settled[] = [];
    const worker = make(policy(settled), prefix, 'another-secret-another-secret-another-secret');
    let ran = false;
    worker.start({ echo: async () => void (ran = true), flaky: async () => {}, slow: async () => {} });
    await eventually(async () => (settled.length === 1 ? true : undefined), 10_000);
    expect(settled[0]?.outcome).toBe('failed');
    expect(ran).toBe(false);
    await worker.close();
  });
});
