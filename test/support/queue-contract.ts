/**
 * What every job queue promises (src/jobs/queue.ts), run against each implementation: the in-memory queue and the
 * BullMQ queue on a real Redis. `make` builds a fresh queue with the given policy and concurrency (default: 2).
 */
import { expect, it } from 'vitest';
import type { FailureVerdict, JobHandlers, JobOutcome, JobQueue, QueuePolicy } from '../../src/jobs/queue.js';
import type { WorkerConcurrency } from '../../src/jobs/requests-first.js';
import { requestScope } from '../../src/log.js';
import { eventually } from './gateway.js';

export type TestJobs = { echo: { value: string }; flaky: { id: string }; slow: { id: string } };

/** Handlers for every test job: the ones given, and the rest doing nothing. */
export function handlers(given: Partial<JobHandlers<TestJobs>> = {}): JobHandlers<TestJobs> {
  return { echo: async () => {}, flaky: async () => {}, slow: async () => {}, ...given };
}

export interface Settled {
  name: string;
  outcome: JobOutcome;
  attempts: number;
}

export function policy(settled: Settled[], overrides: Partial<QueuePolicy> = {}): QueuePolicy {
  return {
    classify: (error) => (error as { verdict?: FailureVerdict }).verdict ?? { kind: 'retry' },
    maxAgeMs: 60_000,
    backoffMs: () => 20,
    onSettled: (outcome) => settled.push(outcome),
    ...overrides,
  };
}

/** An error carrying the verdict the test policy gives it. */
function failure(verdict: FailureVerdict): Error {
  return Object.assign(new Error(`test failure: ${verdict.kind}`), { verdict });
}

/** A concurrency the test sets by hand (the gateway's changes with its load: requests-first.ts). */
export function adjustableConcurrency(initial: number, max = 4): WorkerConcurrency & { set(value: number): void } {
  const listeners: Array<(current: number) => void> = [];
  let current = initial;
  return {
    get current() {
      return current;
    },
    max,
    onChange: (listener) => listeners.push(listener),
    set(value) {
      current = value;
      for (const listener of listeners) listener(value);
    },
  };
}

export function queueContract(make: (policy: QueuePolicy, concurrency?: WorkerConcurrency) => Promise<JobQueue<TestJobs>>): void {
  it('follows its concurrency as it changes: one job at a time while it is 1, more at once once it is raised', async () => {
    const settled: Settled[] = [];
    const concurrency = adjustableConcurrency(1);
    const queue = await make(policy(settled), concurrency);
    const gates = new Map<string, () => void>();
    let running = 0;
    let mostAtOnce = 0;
    queue.start(handlers({
      slow: async ({ id }) => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        await new Promise<void>((resolve) => gates.set(id, resolve));
        gates.delete(id);
        running--;
      },
    }));
    for (const id of ['1', '2', '3', '4']) await queue.enqueue('slow', { id });
    await eventually(async () => (running === 1 ? true : undefined), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mostAtOnce).toBe(1);
    // Raised: BullMQ takes it up when a running job ends, the memory queue at once; either way the rest run together.
    concurrency.set(3);
    const first = [...gates.keys()][0] as string;
    gates.get(first)?.();
    await eventually(async () => (running === 3 && !gates.has(first) ? true : undefined), 10_000);
    for (const release of gates.values()) release();
    await eventually(async () => (settled.length === 4 ? true : undefined), 10_000);
    await queue.close();
  });

  it('runs every accepted job once, with its data, in the scope of the request that queued it', async () => {
    const settled: Settled[] = [];
    const queue = await make(policy(settled));
    const seen: Array<{ value: string; requestId?: string; background?: boolean }> = [];
    queue.start(handlers({
      echo: async ({ value }) => {
        const scope = requestScope.getStore();
        seen.push({ value, ...(scope ? { requestId: scope.requestId, background: scope.background ?? false } : {}) });
      },
    }));
    await requestScope.run({ requestId: 'req-contract-1', clientIp: '127.0.0.1' }, () => queue.enqueue('echo', { value: 'a' }));
    await queue.enqueue('echo', { value: 'b' });
    await eventually(async () => (settled.length === 2 ? true : undefined), 10_000);
    expect(seen.map((s) => s.value).sort()).toEqual(['a', 'b']);
    expect(seen.find((s) => s.value === 'a')).toMatchObject({ requestId: 'req-contract-1', background: true });
    expect(settled.every((s) => s.outcome === 'done' && s.attempts === 1)).toBe(true);
    await queue.close();
  });

  it('collapses jobs with one dedupe key while one is pending, and takes the key again once it is done', async () => {
    const settled: Settled[] = [];
    const queue = await make(policy(settled));
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    queue.start(handlers({
      slow: async () => {
        runs++;
        await gate;
      },
    }));
    await queue.enqueue('slow', { id: '1' }, { dedupeKey: 'k' });
    await eventually(async () => (runs === 1 ? true : undefined), 10_000);
    for (let i = 0; i < 5; i++) await queue.enqueue('slow', { id: `${i + 2}` }, { dedupeKey: 'k' });
    release();
    await eventually(async () => (settled.length === 1 ? true : undefined), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(runs).toBe(1);
    await queue.enqueue('slow', { id: 'again' }, { dedupeKey: 'k' });
    await eventually(async () => (settled.length === 2 ? true : undefined), 10_000);
    expect(runs).toBe(2);
    await queue.close();
  });

  it('retries failures with backoff, delays without spending an attempt, and ends a job that says so', async () => {
    const settled: Settled[] = [];
    const queue = await make(policy(settled));
    const calls: Record<string, number> = {};
    queue.start(handlers({
      flaky: async ({ id }) => {
        calls[id] = (calls[id] ?? 0) + 1;
        const n = calls[id];
        if (id === 'retried' && n < 3) throw failure({ kind: 'retry' });
        if (id === 'delayed' && n < 4) throw failure({ kind: 'delay', delayMs: 30 });
        if (id === 'fatal') throw failure({ kind: 'fail' });
      },
    }));
    for (const id of ['retried', 'delayed', 'fatal']) await queue.enqueue('flaky', { id });
    await eventually(async () => (settled.length === 3 ? true : undefined), 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls).toEqual({ retried: 3, delayed: 4, fatal: 1 });
    const byOutcome = settled.map((s) => `${s.outcome}/${s.attempts}`).sort();
    // retried: done on the 3rd attempt; delayed: done on its 1st attempt (3 delays spent none); fatal: failed once.
    expect(byOutcome).toEqual(['done/1', 'done/3', 'failed/1']);
    await queue.close();
  });

  it('abandons a job older than its maximum age instead of running it again', async () => {
    const settled: Settled[] = [];
    const queue = await make(policy(settled, { maxAgeMs: 400 }));
    let calls = 0;
    queue.start(handlers({
      flaky: async () => {
        calls++;
        throw failure({ kind: 'delay', delayMs: 150 });
      },
    }));
    await queue.enqueue('flaky', { id: 'forever' });
    await eventually(async () => (settled.length === 1 ? true : undefined), 10_000);
    expect(settled[0]?.outcome).toBe('abandoned');
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(calls).toBeLessThanOrEqual(5);
    await queue.close();
  });

  it('reports depth and the age of the oldest pending job', async () => {
    const queue = await make(policy([]));
    expect(await queue.stats()).toMatchObject({ waiting: 0, delayed: 0, oldestAgeMs: null });
    await queue.enqueue('echo', { value: 'x' });
    await queue.enqueue('echo', { value: 'y' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stats = await queue.stats();
    expect(stats.waiting).toBe(2);
    expect(stats.oldestAgeMs).toBeGreaterThanOrEqual(40);
    queue.start(handlers());
    await eventually(async () => ((await queue.stats()).waiting === 0 ? true : undefined), 10_000);
    await queue.close();
  });
}
