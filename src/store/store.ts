/**
 * Shared state the gateway instances agree on: one-time claims and rate-limit counters. In memory for one
 * instance, in Redis for several. Every operation is atomic: two callers can never both win a claim, and
 * counters are incremented and read in one step.
 */
import type { RateLimitRule } from '../config.js';

export interface OneTimeClaims {
  /**
   * Claim `key` for `ttlSeconds`. Resolves true for exactly one caller until the claim expires or is
   * released; every other caller gets false.
   */
  claimOnce(key: string, ttlSeconds: number): Promise<boolean>;
  /** Give a claim back (its holder did not use it after all), so the key can be claimed again. */
  release(key: string): Promise<void>;
  /** Whether `key` is currently claimed (read-only; for status checks, never for deciding a winner). */
  isClaimed(key: string): Promise<boolean>;
}

export interface RateLimitResult {
  allowed: boolean;
  /** When not allowed: seconds until the next point is available (at least 1). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Spend one point for `key`. Store failures reject: callers fail closed. */
  consume(key: string): Promise<RateLimitResult>;
}

export interface SharedStore extends OneTimeClaims {
  /** A named counter family (keys are namespaced by `name`). */
  rateLimiter(name: string, rule: RateLimitRule): RateLimiter;
  /** Throws when the store cannot be reached (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
