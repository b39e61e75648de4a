/**
 * Composition root: the gateway built in four steps, each a module of src/composition/: the infrastructure (store,
 * limits, queue, mail, metrics, events, keys, the upstream budget) → the commerce backend → the flows → the HTTP
 * surface. Only this root and composition/backend.ts know concrete classes; the flows see interfaces.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { YogaServerInstance } from 'graphql-yoga';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import { requestScope } from './log.js';
import type { Mailer } from './mail/mailer.js';
import { OutboxMailer } from './mail/outbox.js';
import type { GatewayMetrics } from './observability/metrics.js';
import type { GraphQLContext } from './schema/index.js';
import { createBackend } from './composition/backend.js';
import { createFlows } from './composition/flows.js';
import { createHttp } from './composition/http.js';
import { infrastructure } from './composition/infrastructure.js';

export interface GatewayOptions {
  config: Config;
  logger: Logger;
  /** The audit stream; default: built from `AUDIT_LOG`. */
  auditLogger?: Logger;
  /** Sandbox mode: the embedded sandbox's base URL, so dev mail can show BigCommerce's mail too. */
  sandboxUrl?: string;
  /**
   * Replaces the configured mail transport, for embedding and tests: code only, so no environment variable (and no
   * misconfigured deployment) can reach it.
   */
  mailTransport?: Mailer;
}

export interface Gateway {
  yoga: YogaServerInstance<Record<string, unknown>, GraphQLContext>;
  /** The Prometheus registry (for a separate metrics port, `METRICS_PORT`). */
  metrics: GatewayMetrics;
  /** The node:http handler: assigns the request id, then serves. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /**
   * Store mode, once at start-up: null when the store's credentials work (or the store is only unreachable, which
   * readiness reports); else what is misconfigured, naming the setting.
   */
  credentialProblem(): Promise<string | null>;
  /** Stop taking background jobs, let running ones finish (in memory: all accepted ones), release resources. */
  close(): Promise<void>;
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const infra = await infrastructure(options);
  const backend = createBackend(infra);
  // Dev routes exist only in sandbox mode (config.ts refuses a store without a mail transport, at any NODE_ENV).
  const devOutbox = options.config.mode === 'sandbox' && infra.transport instanceof OutboxMailer ? infra.transport : null;
  const flows = createFlows(infra, backend, devOutbox);
  const http = createHttp(infra, backend, flows, { outbox: devOutbox, sandboxUrl: options.sandboxUrl });
  infra.queue.start({ ...flows.jobs, ...backend.server.jobs });

  return {
    yoga: http.yoga,
    metrics: infra.metrics,
    handle: http.handle,
    credentialProblem: () =>
      requestScope.run({ requestId: 'start-up', background: true }, async () => (await infra.store.topologyProblem?.()) ?? backend.credentialProblem()),
    async close() {
      http.readiness.stop();
      flows.sso?.close();
      infra.jobConcurrency.stop();
      await infra.queue.close();
      await backend.close();
      await infra.store.close();
    },
  };
}
