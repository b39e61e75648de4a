/**
 * Background work as data: a job is a name and a small JSON payload, and handlers are registered by name, so a job
 * accepted by one process can be done by any other (the BullMQ queue) or by this one (the in-memory queue for
 * sandbox/dev). The two implementations keep the same promises, checked by one contract suite
 * (test/support/queue-contract.ts):
 *
 * - `enqueue` resolves once the job is accepted (in Redis: stored durably); a job with the `dedupeKey` of one still
 *   waiting or running is not added again;
 * - a handler's failure is judged by `QueuePolicy.classify`: `delay` comes back later without spending an attempt
 *   (waiting for an upstream budget or a 429 window is not a failure), `retry` backs off exponentially, `fail` ends
 *   it; a job older than `maxAgeMs` is abandoned, logged and reported instead of being tried again;
 * - handlers run inside the request scope of the request that queued them (same request id in the logs), marked as
 *   background work so the upstream budget keeps its reserve for interactive calls.
 */

/** Job names and their data. Data is minimal and JSON-safe; the Redis queue seals it at rest. */
export type JobCatalog = { [name: string]: object };

export type JobHandlers<J extends JobCatalog> = { [N in keyof J]: (data: J[N]) => Promise<void> };

export interface EnqueueOptions {
  /** While a job with this key waits, is delayed or runs, enqueueing another with the same key does nothing. */
  dedupeKey?: string;
}

/** What happens after a handler throws. */
export type FailureVerdict =
  | { kind: 'retry' }
  /** Come back after `delayMs`; not a failure, so no attempt is spent. */
  | { kind: 'delay'; delayMs: number }
  | { kind: 'fail' };

export type JobOutcome = 'done' | 'failed' | 'abandoned';

export interface QueuePolicy {
  classify(error: unknown): FailureVerdict;
  /** Jobs older than this (from acceptance) are abandoned instead of run again. */
  maxAgeMs: number;
  /** Delay before retry `attempt` (1-based), before jitter. */
  backoffMs(attempt: number): number;
  /** Reports each job's end (metrics, tests). */
  onSettled?(outcome: { name: string; outcome: JobOutcome; attempts: number }): void;
}

export interface QueueStats {
  waiting: number;
  active: number;
  delayed: number;
  /** Age of the oldest job not yet done (waiting or delayed), or null when there is none. */
  oldestAgeMs: number | null;
}

export interface JobQueue<J extends JobCatalog> {
  /** @throws when the job cannot be accepted (Redis unreachable, memory queue full or closing) */
  enqueue<N extends keyof J & string>(name: N, data: J[N], options?: EnqueueOptions): Promise<void>;
  /** Start working on jobs (every gateway instance is a worker). */
  start(handlers: JobHandlers<J>): void;
  stats(): Promise<QueueStats>;
  /** Stop taking jobs and let running ones finish (the memory queue first runs what it accepted). */
  close(): Promise<void>;
}

/** Exponential backoff from 1 s, capped at 60 s: an outage of minutes is ridden out within the job's max age. */
export function cappedExponentialBackoff(attempt: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

/** ±50 % jitter, so retries of a burst do not come back as a burst. */
export function withJitter(delayMs: number): number {
  return Math.round(delayMs / 2 + Math.random() * delayMs);
}

/** The queue cannot take a job (shutting down, full, or its Redis unreachable): the request answers 503. */
export class QueueUnavailableError extends Error {
  override name = 'QueueUnavailableError';
}
