import { z } from 'zod';

/**
 * Injected faults, set with `POST /__sandbox/faults`. Body (replaces every fault; `{"faults": []}` clears):
 *
 *   { "faults": [ {
 *       "route": "PUT /v3/customers",   // which requests; see route keys below
 *       "latencyMs": 500,               // delay before answering (or before the other effects)
 *       "status": 503,                  // answer this HTTP status instead (with errorRate: only sometimes)
 *       "errorRate": 0.5,               // 0..1 probability of answering `status` (default status 500)
 *       "burst429": 3,                  // the next 3 matching requests get 429 (REST: with X-Rate-Limit-* headers)
 *       "timeout": true,                // never answer; the request hangs until the client gives up
 *       "answerDelayMs": 8000,          // the request takes effect at once, its answer is held this long
 *                                       // (longer than the client's timeout: an applied write whose answer is lost)
 *       "times": 2                      // optional: the fault applies to the next 2 matching requests, then goes
 *   } ] }
 *
 * Route keys: REST `"<METHOD> <path after /stores/{hash}>"`, e.g. `"PUT /v3/customers"`, `"GET /v2/time"`,
 * `"POST /v3/storefront/api-token-private"`, or `"* /v3/customers"` for any method; GraphQL `"graphql"` (any
 * operation) or `"graphql:<field>"` naming a top-level field (`"graphql:login"`) or a `customer` mutation sub-field
 * (`"graphql:resetPassword"`); `"*"` matches every request except the /__sandbox control routes.
 */
export const faultSpecSchema = z
  .object({
    route: z.string().min(1).max(200),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    status: z.number().int().min(400).max(599).optional(),
    errorRate: z.number().min(0).max(1).optional(),
    burst429: z.number().int().min(1).max(100_000).optional(),
    timeout: z.boolean().optional(),
    answerDelayMs: z.number().int().min(0).max(120_000).optional(),
    times: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();

export const setFaultsBodySchema = z.object({ faults: z.array(faultSpecSchema).max(100) }).strict();

export type FaultSpec = z.infer<typeof faultSpecSchema>;

export type FaultOutcome =
  /** Go ahead; then hold the answer `answerDelayMs` (0: answer at once). */
  | { kind: 'pass'; answerDelayMs: number }
  | { kind: 'error'; status: number }
  | { kind: 'rate-limited' }
  /** The request hung until the client went away or the sandbox closed: its response goes nowhere. */
  | { kind: 'abandoned' };

interface ActiveFault {
  spec: FaultSpec;
  remainingTimes: number | undefined;
  remaining429: number;
}

export class FaultRegistry {
  private faults: ActiveFault[] = [];
  private readonly waiters = new Set<() => void>();

  set(specs: readonly FaultSpec[]): void {
    this.faults = specs.map((spec) => ({ spec, remainingTimes: spec.times, remaining429: spec.burst429 ?? 0 }));
  }

  list(): FaultSpec[] {
    return this.faults.map((fault) => ({
      ...fault.spec,
      ...(fault.remainingTimes === undefined ? {} : { times: fault.remainingTimes }),
      ...(fault.spec.burst429 === undefined ? {} : { burst429: fault.remaining429 }),
    }));
  }

  clear(): void {
    this.faults = [];
  }

  /** Runs the faults matching any of `routeKeys` (latency first, then the first effect that applies). */
  async apply(routeKeys: readonly string[], signal: AbortSignal): Promise<FaultOutcome> {
    const matching = this.faults.filter((fault) => routeKeys.some((key) => routeMatches(fault.spec.route, key)));
    if (matching.length === 0) return { kind: 'pass', answerDelayMs: 0 };
    for (const fault of matching) {
      if (fault.remainingTimes !== undefined) fault.remainingTimes -= 1;
    }
    this.faults = this.faults.filter((fault) => fault.remainingTimes === undefined || fault.remainingTimes > 0);

    const latency = Math.max(0, ...matching.map((fault) => fault.spec.latencyMs ?? 0));
    if (latency > 0 && !(await this.wait(signal, latency))) return { kind: 'abandoned' };

    for (const fault of matching) {
      const { spec } = fault;
      if (spec.timeout === true) {
        await this.wait(signal);
        return { kind: 'abandoned' };
      }
      if (fault.remaining429 > 0) {
        fault.remaining429 -= 1;
        return { kind: 'rate-limited' };
      }
      if (spec.status !== undefined || spec.errorRate !== undefined) {
        const rate = spec.errorRate ?? 1;
        if (Math.random() < rate) return { kind: 'error', status: spec.status ?? 500 };
      }
    }
    return { kind: 'pass', answerDelayMs: Math.max(0, ...matching.map((fault) => fault.spec.answerDelayMs ?? 0)) };
  }

  /** Holds an answer (see `answerDelayMs`); resolves early when the client goes away or the sandbox closes. */
  async holdAnswer(ms: number, signal: AbortSignal): Promise<void> {
    if (ms > 0) await this.wait(signal, ms);
  }

  /** Ends every delayed or hanging request; called when the sandbox closes so close() never waits on them. */
  releaseAll(): void {
    for (const release of [...this.waiters]) release();
  }

  /** Resolves true after `ms` (or never, when undefined); false early when the client aborts or on releaseAll(). */
  private wait(signal: AbortSignal, ms?: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (signal.aborted) {
        resolve(false);
        return;
      }
      const finish = (completed: boolean): void => {
        if (timer !== undefined) clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.waiters.delete(onRelease);
        resolve(completed);
      };
      const onAbort = (): void => finish(false);
      const onRelease = (): void => finish(false);
      const timer = ms === undefined ? undefined : setTimeout(() => finish(true), ms);
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(onRelease);
    });
  }
}

function routeMatches(pattern: string, key: string): boolean {
  if (pattern === '*') return true;
  const normalized = pattern.replace(/^([A-Z*]+) \/stores\/[^/]+/i, '$1').trim();
  if (normalized === key) return true;
  if (normalized.startsWith('* ')) {
    const path = key.slice(key.indexOf(' ') + 1);
    return key.includes(' ') && normalized.slice(2) === path;
  }
  // REST method names are case-insensitive for convenience ("put /v3/customers").
  return normalized.toUpperCase() === key.toUpperCase() && key.includes(' ');
}
