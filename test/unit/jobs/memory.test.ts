import { describe, expect, it } from 'vitest';
import { MemoryJobQueue } from '../../../src/jobs/memory.js';
import { QueueUnavailableError } from '../../../src/jobs/queue.js';
import { fixedConcurrency, type WorkerConcurrency } from '../../../src/jobs/requests-first.js';
import { createLogger } from '../../../src/log.js';
import { eventually } from '../../support/gateway.js';
import { adjustableConcurrency, handlers, policy, queueContract, type Settled, type TestJobs } from '../../support/queue-contract.js';

const logger = createLogger({ level: 'silent' });
const make = (p: ReturnType<typeof policy>, maxQueued = 100, concurrency: WorkerConcurrency = fixedConcurrency(2)) =>
  new MemoryJobQueue<TestJobs>({ concurrency, maxQueued, policy: p, logger });

describe('MemoryJobQueue', () => {
  queueContract(async (p, concurrency) => make(p, 100, concurrency));

  it('holds jobs back for requests only while its backlog is under half its capacity (else it would soon refuse jobs)', async () => {
    const settled: Settled[] = [];
    const queue = make(policy(settled), 6, adjustableConcurrency(1, 3));
    const gates: Array<() => void> = [];
    let running = 0;
    queue.start(handlers({
      slow: async () => {
        running++;
        await new Promise<void>((resolve) => gates.push(resolve));
        running--;
      },
    }));
    for (let i = 0; i < 6; i++) await queue.enqueue('slow', { id: String(i) });
    await eventually(async () => (running === 3 ? true : undefined), 2000);
    while (settled.length < 6) {
      gates.splice(0).forEach((release) => release());
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await queue.close();
  });

  it('refuses jobs beyond its capacity and after close, so the caller never answers "accepted" for them', async () => {
    const queue = make(policy([]), 2);
    await queue.enqueue('echo', { value: '1' });
    await queue.enqueue('echo', { value: '2' });
    await expect(queue.enqueue('echo', { value: '3' })).rejects.toBeInstanceOf(QueueUnavailableError);
    queue.start(handlers());
    await queue.close();
    await expect(queue.enqueue('echo', { value: '4' })).rejects.toBeInstanceOf(QueueUnavailableError);
  });

  it('on close, runs every accepted job, delayed ones at once, and gives each failing one a last try', async () => {
    const settled: Settled[] = [];
    const queue = make(policy(settled));
    const runs: string[] = [];
    queue.start(handlers({
      echo: async ({ value }) => {
        runs.push(value);
      },
      flaky: async ({ id }) => {
        runs.push(id);
        throw Object.assign(new Error('down'), { verdict: { kind: 'delay', delayMs: 60_000 } });
      },
    }));
    await queue.enqueue('flaky', { id: 'waiting-a-minute' });
    await queue.enqueue('echo', { value: 'plain' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await queue.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(runs.sort()).toEqual(['plain', 'waiting-a-minute', 'waiting-a-minute']);
    expect(settled.map((s) => s.outcome).sort()).toEqual(['done', 'failed']);
  });
});
