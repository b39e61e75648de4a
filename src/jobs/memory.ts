/**
 * The in-process queue, for sandbox mode and single-instance development: the same contract as the Redis queue
 * (see queue.ts), but jobs live in this process's memory, so a crash loses what was accepted. On a graceful
 * shutdown every accepted job gets run, delayed ones once more without waiting out their delay.
 */
import { requestScope, type Logger } from '../log.js';
import {
  type EnqueueOptions,
  type JobCatalog,
  type JobHandlers,
  type JobOutcome,
  type JobQueue,
  type QueuePolicy,
  QueueUnavailableError,
  type QueueStats,
  withJitter,
} from './queue.js';
import type { WorkerConcurrency } from './requests-first.js';

export interface MemoryQueueOptions {
  /** Jobs at once; it may change at run time (requests-first.ts). */
  concurrency: WorkerConcurrency;
  /** Jobs accepted and not yet started beyond this are refused: memory stays bounded under a flood. */
  maxQueued: number;
  policy: QueuePolicy;
  logger: Logger;
}

interface Entry {
  name: string;
  data: object;
  key: string | undefined;
  acceptedAt: number;
  /** Failed attempts so far (delays are not attempts). */
  failures: number;
  requestId: string | undefined;
}

export class MemoryJobQueue<J extends JobCatalog> implements JobQueue<J> {
  private readonly ready: Entry[] = [];
  private readonly later = new Map<NodeJS.Timeout, Entry>();
  private readonly keys = new Set<string>();
  private handlers: JobHandlers<J> | null = null;
  private running = 0;
  private closing = false;
  private readonly idle: Array<() => void> = [];

  constructor(private readonly options: MemoryQueueOptions) {
    options.concurrency.onChange(() => this.pump());
  }

  async enqueue<N extends keyof J & string>(name: N, data: J[N], options: EnqueueOptions = {}): Promise<void> {
    if (this.closing) throw new QueueUnavailableError('the job queue is shutting down');
    const key = options.dedupeKey === undefined ? undefined : `${name}:${options.dedupeKey}`;
    if (key !== undefined && this.keys.has(key)) return;
    if (this.ready.length + this.later.size >= this.options.maxQueued) {
      throw new QueueUnavailableError('the in-memory job queue is full');
    }
    if (key !== undefined) this.keys.add(key);
    const requestId = requestScope.getStore()?.requestId;
    this.ready.push({ name, data, key, acceptedAt: Date.now(), failures: 0, requestId });
    // Start on a later turn of the event loop: the request that queued the job answers first, so the job's work
    // (heavier for a known address) never shows in that answer's timing.
    setImmediate(() => this.pump());
  }

  start(handlers: JobHandlers<J>): void {
    this.handlers = handlers;
    this.pump();
  }

  async stats(): Promise<QueueStats> {
    const pending = [...this.ready, ...this.later.values()];
    const oldest = pending.length === 0 ? null : Math.min(...pending.map((entry) => entry.acceptedAt));
    return {
      waiting: this.ready.length,
      active: this.running,
      delayed: this.later.size,
      oldestAgeMs: oldest === null ? null : Date.now() - oldest,
    };
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const [timer, entry] of this.later) {
      clearTimeout(timer);
      this.ready.push(entry);
    }
    this.later.clear();
    this.pump();
    if (this.running === 0 && (this.ready.length === 0 || !this.handlers)) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  /**
   * The concurrency asked for, except when the backlog is half way to `maxQueued`: then all of it, since holding
   * jobs back to answer requests faster would soon have the queue refuse new ones (and their requests answer 503).
   */
  private concurrencyNow(): number {
    const { concurrency, maxQueued } = this.options;
    return this.ready.length >= maxQueued / 2 ? concurrency.max : concurrency.current;
  }

  private pump(): void {
    if (!this.handlers) return;
    while (this.running < this.concurrencyNow() && this.ready.length > 0) {
      const entry = this.ready.shift() as Entry;
      this.running++;
      void this.attempt(entry).finally(() => {
        this.running--;
        this.pump();
        if (this.running === 0 && this.ready.length === 0 && (this.closing || this.later.size === 0)) {
          for (const resolve of this.idle.splice(0)) resolve();
        }
      });
    }
  }

  private async attempt(entry: Entry): Promise<void> {
    const { policy, logger } = this.options;
    if (Date.now() - entry.acceptedAt > policy.maxAgeMs) return this.settle(entry, 'abandoned');
    const handler = this.handlers?.[entry.name] as ((data: object) => Promise<void>) | undefined;
    try {
      if (!handler) throw new Error(`no handler for job "${entry.name}"`);
      await requestScope.run({ requestId: entry.requestId ?? 'background', background: true }, () => handler(entry.data));
      this.settle(entry, 'done');
    } catch (error) {
      const verdict = handler ? policy.classify(error) : ({ kind: 'fail' } as const);
      const reason = error instanceof Error ? error.message : 'unknown error';
      // Shutting down, this was the job's last try: the in-memory queue has nowhere to keep it.
      if (verdict.kind === 'fail' || this.closing) {
        entry.failures++;
        logger.warn(
          { job: entry.name, attempts: entry.failures, reason, requestId: entry.requestId, atShutdown: this.closing },
          'background job failed for good',
        );
        return this.settle(entry, 'failed');
      }
      if (verdict.kind === 'retry') entry.failures++;
      const delayMs = verdict.kind === 'delay' ? verdict.delayMs : withJitter(policy.backoffMs(entry.failures));
      logger.info({ job: entry.name, verdict: verdict.kind, delayMs, reason, requestId: entry.requestId }, 'background job will run again');
      this.runLater(entry, delayMs);
    }
  }

  private runLater(entry: Entry, delayMs: number): void {
    const timer = setTimeout(() => {
      this.later.delete(timer);
      this.ready.push(entry);
      this.pump();
    }, delayMs);
    this.later.set(timer, entry);
  }

  private settle(entry: Entry, outcome: JobOutcome): void {
    if (entry.key !== undefined) this.keys.delete(entry.key);
    if (outcome === 'abandoned') {
      this.options.logger.warn(
        { job: entry.name, ageMs: Date.now() - entry.acceptedAt, requestId: entry.requestId },
        'background job abandoned: older than its maximum age',
      );
    }
    this.options.policy.onSettled?.({ name: entry.name, outcome, attempts: entry.failures + (outcome === 'done' ? 1 : 0) });
  }
}
