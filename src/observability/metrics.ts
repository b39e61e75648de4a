/**
 * What an operator watches (`/metrics`, Prometheus text, prom-client): requests by operation and result, the auth
 * funnel, limit refusals, BigCommerce calls with latency and the store's remaining quota, the job queue, mails.
 *
 * Labels are closed sets the code defines (an operation, a result code, a limit's name, an endpoint's route): never
 * an email, a token, an IP or anything else a client sends. Each gateway has its own registry, so several in one
 * process (tests) never mix their numbers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { GatewayError } from '../errors.js';
import { METRICS_PATH } from '../http/paths.js';
import type { QueueStats } from '../jobs/queue.js';
import type { UpstreamService } from '../upstream/errors.js';
import type { Mailer } from '../mail/mailer.js';

export type AuthFlow = 'reset' | 'sign_in' | 'jwt_login';

/** The auth funnel's steps (with `failed` and `succeeded` also carrying a result code). */
export type FunnelStep =
  | 'requested'
  | 'suppressed'
  /** An upstream-made code the gateway did not ask for (or an older or one too many): not mailed. */
  | 'refused'
  | 'mailed'
  | 'mail_failed'
  | 'link_opened'
  | 'succeeded'
  | 'failed';

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'hag_graphql_requests_total',
    help: 'GraphQL operations by root field and result (OK, a typed error code, or UNEXPECTED).',
    labelNames: ['operation', 'result'] as const,
    registers: [this.registry],
  });
  readonly funnel = new Counter({
    name: 'hag_auth_funnel_total',
    help: 'The auth funnel: reset and sign-in requests, mails, opened links, successes and failures (by code).',
    labelNames: ['flow', 'step', 'code'] as const,
    registers: [this.registry],
  });
  readonly limitRefusals = new Counter({
    name: 'hag_rate_limit_refusals_total',
    help: 'Requests refused (or mails dropped) by a rate limit, by limit.',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });
  readonly httpRefusals = new Counter({
    name: 'hag_http_refusals_total',
    help: 'Requests refused before GraphQL: 413 body too large, 429 per-IP limit, 503 store unreachable.',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly upstream = new Histogram({
    name: 'hag_upstream_request_duration_seconds',
    help: 'Upstream (BigCommerce, Elastic Path) calls by service, endpoint (route or operation) and status, with their latency.',
    labelNames: ['service', 'endpoint', 'status'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly quotaRemaining = new Gauge({
    name: 'hag_bigcommerce_quota_remaining',
    help: "The store's remaining Management API quota in the current window (X-Rate-Limit-Requests-Left).",
    registers: [this.registry],
  });
  readonly jobs = new Counter({
    name: 'hag_jobs_total',
    help: 'Background jobs ended, by name and outcome (done, failed, abandoned past their maximum age).',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly mails = new Counter({
    name: 'hag_mails_total',
    help: 'Mails handed to the mail transport, by kind and result (sent or failed).',
    labelNames: ['kind', 'result'] as const,
    registers: [this.registry],
  });
  readonly webhookEvents = new Counter({
    name: 'hag_webhook_events_total',
    help: 'Webhook deliveries from the commerce backend, by source and outcome (accepted, unauthorized, ignored, malformed, unavailable).',
    labelNames: ['source', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(queueStats: () => Promise<QueueStats>) {
    // The process itself (resident memory, heap by space, CPU, event-loop delay, GC), under the names dashboards
    // for Node services already expect (`process_*`, `nodejs_*`).
    collectDefaultMetrics({ register: this.registry });
    const oldest = new Gauge({
      name: 'hag_queue_oldest_job_age_seconds',
      help: 'Age of the oldest job not yet done (0 when none).',
      registers: [this.registry],
    });
    // Read from the queue at scrape time (in Redis: one round trip per scrape, not per job).
    new Gauge({
      name: 'hag_queue_jobs',
      help: 'Background jobs by state (waiting, active, delayed).',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const stats = await queueStats().catch(() => null);
        if (!stats) return;
        this.set({ state: 'waiting' }, stats.waiting);
        this.set({ state: 'active' }, stats.active);
        this.set({ state: 'delayed' }, stats.delayed);
        oldest.set((stats.oldestAgeMs ?? 0) / 1000);
      },
    });
  }

  /** The same mailer, counting every mail by kind and result. */
  countMails(mailer: Mailer): Mailer {
    return {
      send: async (message) => {
        try {
          await mailer.send(message);
          this.mails.inc({ kind: message.kind, result: 'sent' });
        } catch (error) {
          this.mails.inc({ kind: message.kind, result: 'failed' });
          throw error;
        }
      },
    };
  }

  /** Counts a root field's outcome (`observeResult` of the GraphQL context, called by the schema's observe plugin). */
  readonly observeResult = (field: string, outcome: unknown, threw: boolean): void => {
    this.requests.inc({ operation: field, result: threw ? thrownResult(outcome) : returnedResult(outcome) });
  };

  upstreamExchange(service: UpstreamService, exchange: { route: string; status: number | 'error'; durationMs: number }): void {
    this.upstream.observe({ service, endpoint: exchange.route, status: String(exchange.status) }, exchange.durationMs / 1000);
  }
}

/** `METRICS_PORT`: the registry on a port of its own (keep it private: it has no token). */
export function metricsHandler(metrics: GatewayMetrics): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== METRICS_PATH) {
      res.writeHead(404).end();
      return;
    }
    metrics.registry
      .metrics()
      .then((text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text))
      .catch(() => res.writeHead(500).end());
  };
}

/** A returned typed error's code (results.ts answers it as a plain value), or `OK`: no success type has a `code`. */
function returnedResult(result: unknown): string {
  const code = typeof result === 'object' && result !== null ? (result as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : 'OK';
}

/** What a root field threw: our error's code, the GraphQL error's code (bad input), or `UNEXPECTED`; never input. */
function thrownResult(error: unknown): string {
  if (error instanceof GatewayError) return error.code;
  if (!(error instanceof Error)) return 'UNEXPECTED';
  const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
  if (typeof code === 'string') return code;
  return /validation/i.test(error.name) || /^Validation error/.test(error.message) ? 'BAD_USER_INPUT' : 'UNEXPECTED';
}
