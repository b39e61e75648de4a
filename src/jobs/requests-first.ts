/**
 * Requests first: while the gateway is busy answering a burst of requests, background jobs run one at a time
 * instead of `QUEUE_CONCURRENCY` at once; when the burst ends they go back to full concurrency and catch up.
 *
 * A burst of requestPasswordReset calls otherwise pays twice on one event loop: each answer, and at the same time
 * the lookup (and for known addresses the mail) that answer queued. Jobs are accepted and durable before the
 * answer goes out, and a reset mail a few seconds later is fine, while a gateway that slows every answer under
 * load is not. Never zero: one job keeps running, so a long burst cannot starve the queue (its oldest-job age is on
 * `/metrics`). Measured (requestPasswordReset with unknown addresses, 5 s loads, fetch-based lookups then): 8 jobs
 * at once served about half the requests per second that one job at a time did.
 *
 * Busy means, over the last interval, both: the event loop was mostly busy, and requests kept arriving. Either
 * alone is not enough: background work catching up keeps the loop busy too, and must not throttle itself.
 *
 * Written here: BullMQ and the memory queue only take a concurrency; when to change it is ours to decide.
 */
import { type EventLoopUtilization, performance } from 'node:perf_hooks';

/** How many jobs may run at once, now (`current`) and at most (`max`); queues follow `onChange`. */
export interface WorkerConcurrency {
  readonly current: number;
  readonly max: number;
  onChange(listener: (current: number) => void): void;
}

export function fixedConcurrency(concurrency: number): WorkerConcurrency {
  return { current: concurrency, max: concurrency, onChange: () => {} };
}

export interface RequestsFirstOptions {
  /** `QUEUE_CONCURRENCY`: jobs at once while requests leave room. */
  concurrency: number;
  /** How often the load is judged. Default 100 ms: a burst is noticed within a tenth of a second. */
  intervalMs?: number;
  /** Event-loop utilization (0–1) above which the loop counts as busy. Default 0.8. */
  busyUtilization?: number;
  /** Requests per interval that make a burst. Default 10 (100 requests/s per instance at the default interval). */
  burstRequests?: number;
}

export class RequestsFirst implements WorkerConcurrency {
  current: number;
  readonly max: number;
  private requests = 0;
  private last: EventLoopUtilization = performance.eventLoopUtilization();
  private readonly listeners: Array<(current: number) => void> = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: RequestsFirstOptions) {
    this.current = options.concurrency;
    this.max = options.concurrency;
    this.timer = setInterval(() => this.judge(), options.intervalMs ?? 100).unref();
  }

  /** One request arrived (probes do not count). */
  noteRequest(): void {
    this.requests++;
  }

  onChange(listener: (current: number) => void): void {
    this.listeners.push(listener);
  }

  /** Stops judging and goes back to full concurrency (a shutdown drains at full speed). */
  stop(): void {
    clearInterval(this.timer);
    this.set(this.max);
  }

  private judge(): void {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, this.last);
    this.last = now;
    const busy = utilization >= (this.options.busyUtilization ?? 0.8) && this.requests >= (this.options.burstRequests ?? 10);
    this.requests = 0;
    this.set(busy ? 1 : this.max);
  }

  private set(next: number): void {
    if (next === this.current) return;
    this.current = next;
    for (const listener of this.listeners) listener(next);
  }
}
