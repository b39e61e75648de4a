import { describe, expect, it } from 'vitest';
import { JobQueue } from '../../../src/lib/job-queue.js';
import { createLogger } from '../../../src/log.js';

const logger = createLogger({ level: 'silent' });
class Retryable extends Error {}

function queue(overrides: Partial<ConstructorParameters<typeof JobQueue>[0]> = {}) {
  const outcomes: Array<{ name: string; result: string; attempts: number }> = [];
  const q = new JobQueue({
    concurrency: 2,
    maxQueued: 10,
    maxAttempts: 3,
    isRetryable: (e) => e instanceof Retryable,
    backoffMs: () => 5,
    logger,
    onSettled: (o) => outcomes.push(o),
    ...overrides,
  });
  return { q, outcomes };
}

describe('JobQueue', () => {
  it('retries retryable failures with backoff, then succeeds', async () => {
    const { q, outcomes } = queue();
    let calls = 0;
    q.enqueue({ name: 'flaky', run: async () => { if (++calls < 3) throw new Retryable(); } });
    await q.drain();
    expect(calls).toBe(3);
    expect(outcomes).toEqual([{ name: 'flaky', result: 'done', attempts: 3 }]);
  });

  it('does not retry other failures, and stops after maxAttempts', async () => {
    const { q, outcomes } = queue();
    let fatal = 0;
    let always = 0;
    q.enqueue({ name: 'fatal', run: async () => { fatal++; throw new Error('no'); } });
    q.enqueue({ name: 'always', run: async () => { always++; throw new Retryable(); } });
    await q.drain();
    expect([fatal, always]).toEqual([1, 3]);
    expect(outcomes.map((o) => o.result)).toEqual(['failed', 'failed']);
  });

  it('never runs more than `concurrency` jobs at once and refuses jobs beyond maxQueued', async () => {
    const { q } = queue({ concurrency: 2, maxQueued: 3 });
    let running = 0;
    let peak = 0;
    const job = { name: 'slow', run: async () => { peak = Math.max(peak, ++running); await new Promise((r) => setTimeout(r, 10)); running--; } };
    const accepted = Array.from({ length: 8 }, () => q.enqueue(job));
    expect(accepted.filter(Boolean)).toHaveLength(5); // 2 started at once + 3 waiting
    await q.drain();
    expect(peak).toBe(2);
  });

  it('drain runs the remaining attempts of a job waiting out a long backoff without the wait', async () => {
    const { q, outcomes } = queue({ backoffMs: () => 60_000 });
    let calls = 0;
    q.enqueue({ name: 'throttled', run: async () => { calls++; throw new Retryable(); } });
    await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    await q.drain();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(calls).toBe(3);
    expect(outcomes).toEqual([{ name: 'throttled', result: 'failed', attempts: 3 }]);
  });

  it('drain waits for pending retries and then refuses new work', async () => {
    const { q } = queue({ backoffMs: () => 30 });
    let done = false;
    let calls = 0;
    q.enqueue({ name: 'later', run: async () => { if (++calls === 1) throw new Retryable(); done = true; } });
    await q.drain();
    expect(done).toBe(true);
    expect(q.enqueue({ name: 'after', run: async () => {} })).toBe(false);
  });
});
