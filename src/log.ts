/**
 * Structured JSON logs (pino). Secrets never reach a log line: known secret-bearing keys are censored by path,
 * and emails are logged only as a short keyed hash (`emailRef`), enough to correlate lines of one request.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { pino, type DestinationStream, type Logger } from 'pino';

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

/**
 * The request being served, for every log line written on its behalf (background jobs it queued included):
 * the same id the client gets in `x-request-id` and in masked errors.
 */
export const requestScope = new AsyncLocalStorage<{ requestId: string; clientIp: string }>();

export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: undefined,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const scope = requestScope.getStore();
        return scope ? { requestId: scope.requestId } : {};
      },
    },
    options.destination,
  );
}

/** A short, stable reference to an email for logs: never the address itself. */
export function emailRef(email: string): string {
  return createHash('sha256').update(`headless-auth-gateway:${email.toLowerCase()}`).digest('hex').slice(0, 12);
}
