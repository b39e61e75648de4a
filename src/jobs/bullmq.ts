/**
 * The durable queue: BullMQ on the gateway's Redis. Every instance is a worker; a job accepted by an instance that
 * dies is picked up by another (or by the restarted one) once its lock lapses (`lockMs`), so delivery is
 * at-least-once: a job that was mid-flight at the crash runs again.
 *
 * Job data is sealed (AES-256-GCM, key derived from `GATEWAY_SECRET`) before it reaches Redis: an email address in a
 * queued job is readable only by the gateway. Finished jobs are removed at once; failed ones are kept a week, still
 * sealed, for inspection.
 */
import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { deriveKey, open, seal } from '../lib/keys.js';
import { requestScope, throttledWarn, type Logger } from '../log.js';
import {
  type EnqueueOptions,
  type JobCatalog,
  type JobHandlers,
  type JobQueue,
  type QueuePolicy,
  QueueUnavailableError,
  type QueueStats,
  withJitter,
} from './queue.js';
import type { RedisTopology } from '../store/redis-config.js';
import { connectRedis, queuePrefix, type RedisConnection } from '../store/redis-connection.js';
import type { WorkerConcurrency } from './requests-first.js';

export interface BullQueueOptions {
  /** The store's Redis (one node, Sentinel or Cluster). */
  topology: RedisTopology;
  /** Namespaces every key, like the store's (`REDIS_KEY_PREFIX`); a hash tag in Cluster mode (queuePrefix). */
  keyPrefix: string;
  /** Jobs at once on this instance; it may change at run time (requests-first.ts). */
  concurrency: WorkerConcurrency;
  /** How long a worker's hold on a running job lasts without renewal: a dead instance's jobs are retried after it. */
  lockMs: number;
  /** The job data sealing key is derived from it; every instance must share it. */
  gatewaySecret: string;
  policy: QueuePolicy;
  logger: Logger;
  /** Default `gateway`. */
  queueName?: string;
}

interface Envelope {
  /** `seal(JSON.stringify({ data, requestId }))` */
  sealed: string;
}

/** Attempts are bounded by the policy's max age, not by a count; BullMQ needs a number. */
const UNBOUNDED_ATTEMPTS = 1_000_000;

export class BullJobQueue<J extends JobCatalog> implements JobQueue<J> {
  private readonly queue: Queue<Envelope>;
  private readonly producer: RedisConnection;
  private worker: Worker<Envelope> | null = null;
  private workerConnection: RedisConnection | null = null;
  private readonly prefix: string;
  private readonly key: Buffer;
  private readonly name: string;

  constructor(private readonly options: BullQueueOptions) {
    this.key = deriveKey(options.gatewaySecret, 'job-seal');
    this.name = options.queueName ?? 'gateway';
    // Like the store's connection: a command waits for one reconnect at most, so while Redis is away a request
    // gets an error quickly instead of hanging, and right after start-up it waits for the first connect.
    this.producer = connectRedis(options.topology, 'command');
    this.prefix = queuePrefix(options.topology, options.keyPrefix);
    this.queue = new Queue<Envelope>(this.name, {
      connection: this.producer,
      prefix: this.prefix,
      defaultJobOptions: {
        attempts: UNBOUNDED_ATTEMPTS,
        backoff: { type: 'policy' },
        removeOnComplete: true,
        removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
        stackTraceLimit: 0,
      },
    });
    this.queue.on('error', () => {});
  }

  async enqueue<N extends keyof J & string>(name: N, data: J[N], options: EnqueueOptions = {}): Promise<void> {
    const requestId = requestScope.getStore()?.requestId;
    const envelope: Envelope = { sealed: seal(this.key, JSON.stringify({ data, requestId })) };
    try {
      await this.queue.add(name, envelope, {
        ...(options.dedupeKey === undefined ? {} : { deduplication: { id: `${name}.${options.dedupeKey}` } }),
      });
    } catch (error) {
      // Not accepted: the request answers 503 (its caller may retry), never a success for work that was not queued.
      throw new QueueUnavailableError(`queue: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  start(handlers: JobHandlers<J>): void {
    if (this.worker) return;
    const { policy, logger } = this.options;
    // Workers block on Redis; BullMQ requires commands on this connection to wait for a reconnect, not fail.
    this.workerConnection = connectRedis(this.options.topology, 'blocking');
    this.worker = new Worker<Envelope>(this.name, (job, token) => this.process(handlers, job, token), {
      connection: this.workerConnection,
      prefix: this.prefix,
      concurrency: this.options.concurrency.current,
      lockDuration: this.options.lockMs,
      stalledInterval: this.options.lockMs,
      // A job can outlive several instance crashes; its max age, not a stall count, decides when it is given up.
      maxStalledCount: 100,
      settings: { backoffStrategy: (attemptsMade: number) => withJitter(policy.backoffMs(attemptsMade)) },
    });
    this.options.concurrency.onChange((current) => {
      if (this.worker) this.worker.concurrency = current;
    });
    // The error's first word is its kind (MOVED, CROSSSLOT, READONLY, ECONNREFUSED…): one line per kind per interval.
    const warn = throttledWarn(logger);
    this.worker.on('error', (error) => warn(/^[A-Z_]+/.exec(error.message)?.[0] ?? error.name, { reason: error.message }, 'job worker: Redis error'));
    this.worker.on('completed', (job) => policy.onSettled?.({ name: job.name, outcome: 'done', attempts: job.attemptsMade }));
    this.worker.on('failed', (job, error) => {
      if (!job) return;
      const abandoned = error instanceof UnrecoverableError && error.message === ABANDONED;
      if (!(error instanceof UnrecoverableError) && job.attemptsMade < UNBOUNDED_ATTEMPTS) return; // will retry
      policy.onSettled?.({ name: job.name, outcome: abandoned ? 'abandoned' : 'failed', attempts: job.attemptsMade });
    });
  }

  private async process(handlers: JobHandlers<J>, job: Job<Envelope>, token: string | undefined): Promise<void> {
    const { policy, logger } = this.options;
    if (Date.now() - job.timestamp > policy.maxAgeMs) {
      logger.warn({ job: job.name, ageMs: Date.now() - job.timestamp }, 'background job abandoned: older than its maximum age');
      throw new UnrecoverableError(ABANDONED);
    }
    let payload: { data: object; requestId?: string };
    try {
      payload = JSON.parse(open(this.key, job.data.sealed)) as { data: object; requestId?: string };
    } catch {
      // Sealed with another GATEWAY_SECRET (instances disagree) or tampered with: no retry can fix that.
      logger.error({ job: job.name }, 'background job could not be opened: do all instances share GATEWAY_SECRET?');
      throw new UnrecoverableError('job data could not be opened');
    }
    const handler = handlers[job.name] as ((data: object) => Promise<void>) | undefined;
    if (!handler) throw new UnrecoverableError(`no handler for job "${job.name}"`);
    const requestId = payload.requestId ?? `job-${job.id ?? 'unknown'}`;
    try {
      await requestScope.run({ requestId, background: true }, () => handler(payload.data));
    } catch (error) {
      const verdict = policy.classify(error);
      const reason = error instanceof Error ? error.message : 'unknown error';
      logger.info({ job: job.name, verdict: verdict.kind, reason, requestId }, 'background job did not finish');
      if (verdict.kind === 'delay') {
        await job.moveToDelayed(Date.now() + verdict.delayMs, token);
        throw new DelayedError();
      }
      if (verdict.kind === 'fail') {
        logger.warn({ job: job.name, reason, requestId }, 'background job failed for good');
        throw new UnrecoverableError(reason);
      }
      // Only our own message travels to Redis (failedReason), never a third-party error's text.
      throw new Error(reason);
    }
  }

  async stats(): Promise<QueueStats> {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    const heads = await Promise.all(
      (['waiting', 'delayed'] as const).map((state) => this.queue.getJobs([state], 0, 0, true)),
    );
    const accepted = heads.flat().map((job) => job.timestamp);
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      oldestAgeMs: accepted.length === 0 ? null : Date.now() - Math.min(...accepted),
    };
  }

  /**
   * Running jobs get `CLOSE_GRACE_MS` to finish (a mail send is bounded by its timeout); past it, or when Redis is
   * away and BullMQ's own close would wait for it, the connections are cut: a job cut short is retried by another
   * instance once its lock lapses, and queued jobs stay in Redis.
   */
  async close(): Promise<void> {
    const within = (work: Promise<unknown>, ms: number) =>
      Promise.race([work.then(() => true, () => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref())]);
    if (this.worker && !(await within(this.worker.close(), CLOSE_GRACE_MS))) {
      this.options.logger.warn({ graceMs: CLOSE_GRACE_MS }, 'job worker did not stop in time: closing its connection (running jobs will be retried)');
    }
    await within(this.queue.close(), 1000);
    this.workerConnection?.disconnect();
    this.producer.disconnect();
  }
}

const ABANDONED = 'abandoned: older than its maximum age';
const CLOSE_GRACE_MS = 10_000;
