/**
 * A bounded in-process queue for work done after the client already has its answer (reset mails, upstream
 * calls). Failed jobs are retried with exponential backoff and jitter while the error says it is worth it;
 * `drain()` lets shutdown finish what was accepted.
 */
import type { Logger } from '../log.js';

export interface Job {
  /** Names the job in logs and metrics: a kind, never data. */
  name: string;
  run: () => Promise<void>;
}

export interface JobQueueOptions {
  concurrency: number;
  /** Jobs waiting beyond this are refused (`enqueue` returns false): memory stays bounded under a flood. */
  maxQueued: number;
  maxAttempts: number;
  /** Decides whether a failure is worth another attempt. */
  isRetryable: (error: unknown) => boolean;
  /** Retry delay for attempt n (1-based) before jitter; may use the error (e.g. a Retry-After). */
  backoffMs?: (attempt: number, error: unknown) => number;
  logger: Logger;
  onSettled?: (outcome: { name: string; result: 'done' | 'failed' | 'dropped'; attempts: number }) => void;
}

export class JobQueue {
  private readonly waiting: Array<{ job: Job; attempt: number }> = [];
  private running = 0;
  private readonly idleWaiters: Array<() => void> = [];
  /** Jobs waiting out a backoff before their next attempt. */
  private readonly retries = new Map<NodeJS.Timeout, { job: Job; attempt: number }>();
  private closed = false;

  constructor(private readonly options: JobQueueOptions) {}

  /** Jobs accepted and not yet settled (waiting, running, or waiting to retry). */
  get depth(): number {
    return this.waiting.length + this.running + this.retries.size;
  }

  /** Accept a job unless the queue is full or closing. Never throws, never waits. */
  enqueue(job: Job): boolean {
    if (this.closed || this.waiting.length >= this.options.maxQueued) {
      this.options.logger.warn({ job: job.name, depth: this.depth }, 'job queue full or closing, job dropped');
      this.options.onSettled?.({ name: job.name, result: 'dropped', attempts: 0 });
      return false;
    }
    this.waiting.push({ job, attempt: 1 });
    this.pump();
    return true;
  }

  /**
   * Stop accepting jobs and resolve once every accepted job has settled. From now on retries skip their backoff
   * (still at most `maxAttempts`), so a job told to wait a minute by a 429 does not hold shutdown that long.
   */
  async drain(): Promise<void> {
    this.closed = true;
    for (const [timer, retry] of this.retries) {
      clearTimeout(timer);
      this.retries.delete(timer);
      this.waiting.push(retry);
    }
    this.pump();
    if (this.depth === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.options.concurrency && this.waiting.length > 0) {
      const next = this.waiting.shift() as { job: Job; attempt: number };
      this.running++;
      void this.attempt(next.job, next.attempt);
    }
  }

  private async attempt(job: Job, attempt: number): Promise<void> {
    try {
      await job.run();
      this.settle(job, 'done', attempt);
    } catch (error) {
      const retry = attempt < this.options.maxAttempts && this.options.isRetryable(error);
      const reason = error instanceof Error ? error.message : 'unknown error';
      this.options.logger.warn({ job: job.name, attempt, retry, reason }, 'background job failed');
      if (!retry) {
        this.settle(job, 'failed', attempt);
        return;
      }
      const base = this.options.backoffMs?.(attempt, error) ?? 250 * 2 ** (attempt - 1);
      const delay = base / 2 + Math.random() * base;
      this.running--;
      const next = { job, attempt: attempt + 1 };
      if (this.closed) {
        this.waiting.unshift(next);
        this.pump();
        return;
      }
      const timer = setTimeout(() => {
        this.retries.delete(timer);
        // Retries go first: they were accepted earlier than anything now waiting.
        this.waiting.unshift(next);
        this.pump();
      }, delay);
      this.retries.set(timer, next);
      this.pump();
    }
  }

  private settle(job: Job, result: 'done' | 'failed', attempts: number): void {
    this.running--;
    this.options.onSettled?.({ name: job.name, result, attempts });
    this.pump();
    if (this.depth === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
