/** rate-limiter-flexible's answers in our terms: a refusal is a result, a store failure an error. */
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { type RateLimiter, type RateLimitResult, StoreUnavailableError } from './store.js';

export function wrapLimiter(limiter: RateLimiterAbstract): RateLimiter {
  const { points } = limiter;
  return {
    async consume(key: string): Promise<RateLimitResult> {
      try {
        await limiter.consume(key, 1);
        return { allowed: true, retryAfterSeconds: 0 };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return {
            allowed: false,
            retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
            firstRefusal: rejection.consumedPoints === points + 1,
          };
        }
        throw new StoreUnavailableError(`shared store: ${rejection instanceof Error ? rejection.message : 'rate limiter failed'}`);
      }
    },
  };
}
