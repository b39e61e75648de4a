/**
 * The global upstream budget: every BigCommerce call, from every instance, spends from one counter, so the
 * gateway stays well inside the store's API quota (which all the store's apps share). A short burst waits for
 * the next window; a longer shortage fails the call as rate-limited (background jobs retry it later).
 */
import type { RateLimiter } from '../store/store.js';
import { UpstreamError, type UpstreamService } from './errors.js';

export interface UpstreamBudget {
  acquire(service: UpstreamService, operation: string): Promise<void>;
}

export function sharedUpstreamBudget(limiter: Pick<RateLimiter, 'consume'>, maxWaitMs = 2000): UpstreamBudget {
  return {
    async acquire(service, operation) {
      const deadline = Date.now() + maxWaitMs;
      for (;;) {
        const result = await limiter.consume('all');
        if (result.allowed) return;
        const waitMs = result.retryAfterSeconds * 1000;
        if (Date.now() + waitMs > deadline) {
          throw new UpstreamError(service, operation, 'rate_limited', { retryAfterMs: waitMs });
        }
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    },
  };
}
