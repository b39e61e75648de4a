/**
 * Structured JSON logs (pino). Secrets never reach a log line: known secret-bearing keys are censored by path,
 * and emails are logged only as a keyed reference (`EmailRef`), enough to correlate lines, useless for testing
 * guessed addresses without the key.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type Logger } from 'pino';
import { keyedRefs } from './lib/keys.js';

export type { Logger };

/** Keys that may carry a password, token, JWT or address anywhere in a logged object. */
const SECRET_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'jwt',
  'secret',
  'email',
  'authorization',
  'cookie',
  'set-cookie',
  'x-auth-token',
  'x-bc-customer-access-token',
  'customerAccessToken',
];

const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`].map((p) => bracket(p)));

function bracket(path: string): string {
  // pino's redact paths need bracket notation for keys that are not identifiers (e.g. `set-cookie`).
  return path
    .split('.')
    .map((part, i) => (/^[A-Za-z_$][\w$]*$|^\*$/.test(part) ? (i === 0 ? part : `.${part}`) : `["${part}"]`))
    .join('');
}

export interface RequestScope {
  requestId: string;
  /** Absent in background jobs. */
  clientIp?: string;
  /**
   * The `x-request-id` a client or proxy sent, kept beside our own id (never instead of it: a client-chosen id could
   * collide with another request's in the logs and the audit stream). Length and characters limited.
   */
  clientRequestId?: string;
  /** For audit records; absent in background jobs. */
  userAgent?: string;
  /** Background work (a queued job): the upstream budget keeps its reserve for interactive calls. */
  background?: boolean;
}

/**
 * The request being served, for every log line written on its behalf (background jobs it queued included):
 * the same id the client gets in `x-request-id` and in masked errors.
 */
export const requestScope = new AsyncLocalStorage<RequestScope>();

/**
 * Runs `work` as background work, whoever asked: the upstream budget then spends from the shared pool only, never the
 * reserve kept for shoppers finishing a reset or a sign-in (for reads an unauthenticated caller can trigger).
 */
export function asBackgroundWork<T>(work: () => Promise<T>): Promise<T> {
  const scope = requestScope.getStore();
  return requestScope.run({ requestId: 'background', ...scope, background: true }, work);
}

export function createLogger(options: {
  level: string;
  destination?: DestinationStream;
  /** Off only for records built from fixed fields that never hold a secret (the audit stream). Default: on. */
  redact?: boolean;
}): Logger {
  return pino(
    {
      level: options.level,
      base: undefined,
      ...(options.redact === false ? {} : { redact: { paths: REDACT_PATHS, censor: '[redacted]' } }),
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const scope = requestScope.getStore();
        // With tracing on, every line carries its trace id, so logs and traces join up.
        const span = trace.getActiveSpan()?.spanContext();
        return {
          ...(scope ? { requestId: scope.requestId } : {}),
          ...(scope?.clientRequestId ? { clientRequestId: scope.clientRequestId } : {}),
          ...(span && isSpanContextValid(span) ? { traceId: span.traceId } : {}),
        };
      },
    },
    options.destination,
  );
}

/**
 * The audit stream (`AUDIT_LOG`): security events only, one JSON record each, apart from the operational log so an
 * operator can ship and keep them separately. `stdout`, `stderr`, a file path (appended), `off`, or a stream.
 */
export function createAuditLogger(target: string | DestinationStream): Logger {
  if (target === 'off') return pino({ level: 'silent' });
  // Written asynchronously: records written while one write is in flight go out together with the next, where a
  // synchronous write per record cost about 7% of a refused request under load. pino flushes what is buffered when
  // the process exits, even on a crash; a SIGKILL can lose the last few milliseconds. (A stream: tests.)
  const dest = target === 'stdout' ? 1 : target === 'stderr' ? 2 : target;
  const destination =
    typeof dest === 'object' ? dest : pino.destination({ dest, sync: false, ...(typeof dest === 'string' ? { mkdir: true } : {}) });
  // Not redacted: securityEvents builds every record from a fixed set of fields, none of which holds a secret, and
  // redaction cost another 5% of a refused request.
  return createLogger({ level: 'info', destination, redact: false }).child({ stream: 'audit' });
}

/** A short, stable reference to an email for logs: never the address itself. */
export type EmailRef = (email: string) => string;

/** Keyed by `GATEWAY_SECRET`: a log reader cannot hash guessed addresses to find them. */
export function emailRefs(gatewaySecret: string): EmailRef {
  const ref = keyedRefs(gatewaySecret, 'email-ref', 12);
  return (email) => ref(email.toLowerCase());
}

/**
 * Error types whose messages are written by us (or by the runtime about code) and never carry request data. Any
 * other error is logged by type and stack frames only: a third-party message can quote a document, a variable, a
 * JSON body or an address (graphql-request's `ClientError` embeds the variables; a `GraphQLError` prints the
 * document's source; `SyntaxError` from JSON.parse quotes its input).
 */
const TRUSTED_MESSAGES = new Set([
  'UpstreamError',
  'MailDeliveryError',
  'QueueUnavailableError',
  'StoreUnavailableError',
  'ReplicationLagError',
  'TypeError',
  'RangeError',
  'ReferenceError',
]);

/** What is safe to log of any thrown value: its type, our own messages, and where it was thrown. */
export function describeError(error: unknown): { type: string; message?: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error };
  const frames = error.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 8)
    .join('\n');
  return {
    type: error.name,
    ...(TRUSTED_MESSAGES.has(error.name) ? { message: error.message } : {}),
    ...(frames ? { stack: frames } : {}),
  };
}

/**
 * A warning that may repeat in a tight loop (a worker facing a persistent Redis error retries at once): the first
 * of each kind is logged, the rest are counted and summed up once per interval, so a persistent fault costs a few
 * lines a second, not thousands. pino has no such option; this is the whole of it.
 */
export function throttledWarn(logger: Logger, intervalMs = 10_000): (kind: string, fields: Record<string, unknown>, message: string) => void {
  const windows = new Map<string, { until: number; suppressed: number }>();
  return (kind, fields, message) => {
    const now = Date.now();
    const window = windows.get(kind);
    if (window && now < window.until) {
      window.suppressed++;
      return;
    }
    const suppressed = window?.suppressed ?? 0;
    windows.set(kind, { until: now + intervalMs, suppressed: 0 });
    logger.warn({ ...fields, kind, ...(suppressed > 0 ? { repeated: suppressed, overMs: intervalMs } : {}) }, message);
  };
}
