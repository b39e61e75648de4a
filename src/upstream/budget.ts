/**
 * The global upstream budget: every BigCommerce call, from every instance, spends from counters in the shared
 * store, so the gateway stays well inside the store's API quota (which all the store's apps share).
 *
 * - Interactive calls (a shopper waiting on resetPassword, loginWithJwt, sign-in) keep a reserved share: they
 *   spend from the reserved pool first, then from the shared one. Background jobs spend only from the shared pool,
 *   so a flood of reset requests cannot starve people finishing a reset.
 * - BigCommerce's own quota headers (`X-Rate-Limit-Requests-Left`, `X-Rate-Limit-Time-Reset-Ms`) slow background
 *   work down before BigCommerce says 429: once the store's remaining quota falls to the reserved share, background
 *   calls wait for the window to reset.
 * - Background calls never wait here: a refusal is an `UpstreamError('rate_limited')` with `retryAfterMs`, which the
 *   job queue turns into a delay that spends no attempt. Interactive calls wait up to `maxInteractiveWaitMs`.
 */
import type { RateLimiter } from '../store/store.js';
import { UpstreamError, type UpstreamService } from './errors.js';

/** A response header by its lower-case name; undefined when absent. */
export type HeaderLookup = (name: string) => string | undefined;

export interface UpstreamBudget {
  acquire(service: UpstreamService, operation: string): Promise<void>;
  /** Learn the store's remaining quota from a Management API response's headers. */
  observe(header: HeaderLookup): void;
}

export interface UpstreamBudgetOptions {
  /** Spent only by interactive calls; null when nothing is reserved. */
  reserved: Pick<RateLimiter, 'consume'> | null;
  /** Spent by background calls, and by interactive calls once the reserve is used up. */
  shared: Pick<RateLimiter, 'consume'>;
  /** Share (0..1) of BigCommerce's quota kept for interactive calls. */
  reserveShare: number;
  /** Whether the caller is background work (a queued job). */
  isBackground: () => boolean;
  maxInteractiveWaitMs?: number;
  now?: () => number;
  /** Sees BigCommerce's remaining quota on every Management API answer (metrics). */
  onQuota?: (left: number) => void;
}

interface QuotaSeen {
  left: number;
  total: number;
  resetAt: number;
}

export function sharedUpstreamBudget(options: UpstreamBudgetOptions): UpstreamBudget {
  const maxWaitMs = options.maxInteractiveWaitMs ?? 2000;
  const now = options.now ?? Date.now;
  let quota: QuotaSeen | null = null;

  /** Milliseconds until BigCommerce's window resets, when the caller should not spend from it now; else 0. */
  function quotaWaitMs(background: boolean): number {
    if (!quota || now() >= quota.resetAt) return 0;
    const floor = background ? Math.floor(quota.total * options.reserveShare) : 0;
    return quota.left <= floor ? quota.resetAt - now() : 0;
  }

  async function spend(background: boolean): Promise<number> {
    const waitForQuota = quotaWaitMs(background);
    if (waitForQuota > 0) return waitForQuota;
    if (!background && options.reserved) {
      const reserved = await options.reserved.consume('all');
      if (reserved.allowed) return 0;
    }
    const shared = await options.shared.consume('all');
    return shared.allowed ? 0 : shared.retryAfterSeconds * 1000;
  }

  return {
    async acquire(service, operation) {
      const background = options.isBackground();
      const deadline = now() + (background ? 0 : maxWaitMs);
      for (;;) {
        const waitMs = await spend(background);
        if (waitMs === 0) return;
        if (now() + waitMs > deadline) throw new UpstreamError(service, operation, 'rate_limited', { retryAfterMs: waitMs });
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    },
    observe(header) {
      const leftHeader = header('x-rate-limit-requests-left');
      const left = Number(leftHeader);
      const total = Number(header('x-rate-limit-requests-quota'));
      const resetMs = Number(header('x-rate-limit-time-reset-ms'));
      if (leftHeader === undefined || ![left, total, resetMs].every(Number.isFinite)) return;
      quota = { left, total, resetAt: now() + resetMs };
      options.onQuota?.(left);
    },
  };
}
