/**
 * The first step of composing the gateway: what every backend and flow shares, built from Config. The store and
 * limits, the job queue, the mail transport, metrics, security events, keys, and the upstream budget every upstream
 * call (of any backend) spends from.
 */
import type { Config } from '../config.js';
import { MemoryJobQueue } from '../jobs/memory.js';
import { cappedExponentialBackoff, type FailureVerdict, type QueuePolicy, withJitter } from '../jobs/queue.js';
import { RequestsFirst, type WorkerConcurrency } from '../jobs/requests-first.js';
import type { GatewayJobs, GatewayQueue } from '../jobs/catalog.js';
import { keyedRefs } from '../lib/keys.js';
import { Limits, type StoreKey } from '../limits.js';
import { createAuditLogger, type EmailRef, emailRefs, type Logger, requestScope } from '../log.js';
import { MailDeliveryError, type Mailer } from '../mail/mailer.js';
import { OutboxMailer } from '../mail/outbox.js';
import { PostmarkMailer } from '../mail/postmark.js';
import { securityEvents, type SecurityEvents } from '../observability/events.js';
import { type AuthFlow, GatewayMetrics } from '../observability/metrics.js';
import { authenticatedRecords } from '../onetime/authenticated-records.js';
import { MemoryStore } from '../store/memory.js';
import type { SecretRecords, SharedStore } from '../store/store.js';
import { sharedUpstreamBudget, type UpstreamBudget } from '../upstream/budget.js';
import { isUpstreamError } from '../upstream/errors.js';

export interface Infrastructure {
  config: Config;
  logger: Logger;
  store: SharedStore;
  /** Secret records with a MAC under GATEWAY_SECRET (whoever writes Redis cannot point one at another shopper). */
  records: SecretRecords;
  limits: Limits;
  queue: GatewayQueue;
  /** Lets background work yield to bursts of requests. */
  jobConcurrency: RequestsFirst;
  /** The configured transport (Postmark, or the dev outbox in sandbox mode); `mailer` counts what it sends. */
  transport: Mailer;
  mailer: Mailer;
  metrics: GatewayMetrics;
  events: SecurityEvents;
  budget: UpstreamBudget;
  emailRef: EmailRef;
  storeKey: StoreKey;
}

export interface InfrastructureOptions {
  config: Config;
  logger: Logger;
  auditLogger?: Logger;
  mailTransport?: Mailer;
}

/** Async only to load the Redis clients (BullMQ, ioredis: about 15 MB) when `REDIS_URL` asks for them. */
export async function infrastructure({ config, logger, auditLogger, mailTransport }: InfrastructureOptions): Promise<Infrastructure> {
  const secret = config.gatewaySecret.value;
  const emailRef = emailRefs(secret);
  const metrics = new GatewayMetrics(() => queue.stats());
  const events = securityEvents({ metrics, audit: auditLogger ?? createAuditLogger(config.observability.auditLog), emailRef });
  const store: SharedStore = config.redis
    ? new (await import('../store/redis.js')).RedisStore(config.redis)
    : new MemoryStore();
  const limits = new Limits(store, config.limits, (limit, first) => {
    metrics.limitRefusals.inc({ limit });
    // One audit record when a client crosses a limit, not one per refused request: a flood of refusals must not
    // become a flood of audit lines.
    if (first) events.record({ event: 'limit.hit', code: limit });
  });
  const jobConcurrency = new RequestsFirst({ concurrency: config.queue.concurrency });
  const queue = await jobQueue(config, jobConcurrency, logger, metrics);
  const transport: Mailer =
    mailTransport ?? (config.mail.transport === 'postmark' ? new PostmarkMailer({ ...config.mail, logger, emailRef }) : new OutboxMailer(logger, emailRef));
  return {
    config,
    logger,
    store,
    records: authenticatedRecords(store, secret, logger),
    limits,
    queue,
    jobConcurrency,
    transport,
    mailer: metrics.countMails(transport),
    metrics,
    events,
    budget: upstreamBudget(config, store, metrics),
    emailRef,
    storeKey: keyedRefs(secret, 'store-key'),
  };
}

/**
 * The upstream budget, shared by every instance through the store: interactive calls keep a reserved share, and the
 * store's own quota headers slow background work down (upstream/budget.ts).
 */
function upstreamBudget(config: Config, store: SharedStore, metrics: GatewayMetrics): UpstreamBudget {
  const { budget: budgetRule, interactiveReserve } = config.upstream;
  const reservedPoints = Math.min(budgetRule.points - 1, Math.ceil(budgetRule.points * interactiveReserve));
  return sharedUpstreamBudget({
    reserved: reservedPoints > 0 ? store.rateLimiter('upstreamReserved', { ...budgetRule, points: reservedPoints }) : null,
    shared: store.rateLimiter('upstreamShared', { ...budgetRule, points: budgetRule.points - reservedPoints }),
    reserveShare: interactiveReserve,
    isBackground: () => requestScope.getStore()?.background === true,
    onQuota: (left) => metrics.quotaRemaining.set(left),
  });
}

/**
 * How a background job's failure is judged. A 429 or an exhausted upstream budget is a delay (the window's reset
 * time, plus jitter so delayed jobs do not return as one burst), never a spent attempt. Errors that say another
 * try cannot help (4xx, an inactive mail recipient) end the job; anything else is retried until its max age.
 */
function classifyJobFailure(error: unknown): FailureVerdict {
  if (isUpstreamError(error)) {
    if (error.failure === 'rate_limited') return { kind: 'delay', delayMs: (error.details.retryAfterMs ?? 1000) + withJitter(500) };
    return error.retryable ? { kind: 'retry' } : { kind: 'fail' };
  }
  if (error instanceof MailDeliveryError) return error.retryable ? { kind: 'retry' } : { kind: 'fail' };
  return { kind: 'retry' };
}

/** The jobs whose failure means a customer's mail is lost (the funnel's `mail_failed`). */
const MAIL_JOB_FLOWS: Partial<Record<string, AuthFlow>> = { 'reset.sendLink': 'reset', 'signIn.sendCode': 'sign_in' };

/** BullMQ on Redis when there is one; in memory otherwise (sandbox, dev, SINGLE_INSTANCE). */
async function jobQueue(config: Config, concurrency: WorkerConcurrency, logger: Logger, metrics: GatewayMetrics): Promise<GatewayQueue> {
  const policy: QueuePolicy = {
    classify: classifyJobFailure,
    maxAgeMs: config.queue.maxJobAgeSeconds * 1000,
    backoffMs: cappedExponentialBackoff,
    onSettled: ({ name, outcome }) => {
      metrics.jobs.inc({ job: name, outcome });
      const flow = MAIL_JOB_FLOWS[name];
      if (flow && outcome !== 'done') metrics.funnel.inc({ flow, step: 'mail_failed', code: outcome });
    },
  };
  const { maxQueued, lockSeconds } = config.queue;
  if (!config.redis) return new MemoryJobQueue<GatewayJobs>({ concurrency, maxQueued, policy, logger });
  const { BullJobQueue } = await import('../jobs/bullmq.js');
  return new BullJobQueue<GatewayJobs>({
    topology: config.redis.topology,
    keyPrefix: config.redis.keyPrefix,
    concurrency,
    lockMs: lockSeconds * 1000,
    gatewaySecret: config.gatewaySecret.value,
    policy,
    logger,
  });
}
