/**
 * Shared state the gateway instances agree on: one-time claims and rate-limit counters. In memory for one
 * instance, in Redis for several. Every operation is atomic: two callers can never both win a claim, and
 * counters are incremented and read in one step.
 */
import type { RateLimitRule } from '../config.js';

/**
 * The shared store could not be reached, or could not take a write (a replica after a failover, a cluster without
 * a slot's master, too few replicas for `REDIS_WAIT_REPLICAS`): requests answer HTTP 503, never a masked 200.
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

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

/** A one-time secret as stored: hashes only, plus what its flow needs back when it is redeemed. */
export interface SecretRecord {
  /** Keyed hashes by kind (`code`, `link`, ...): any one of them redeems the record. */
  hashes: Record<string, string>;
  /** Wrong presentations left; the one that brings it to 0 deletes the record. */
  failuresLeft: number;
  /** Unix milliseconds. */
  expiresAt: number;
  /** Returned on redemption (a customer id, a channel): never secret. */
  data: Record<string, string | number>;
}

export type SecretRedemption =
  | { outcome: 'redeemed'; record: SecretRecord }
  /** Wrong hash: one failure counted; `exhausted` when that was the last one allowed (the record is gone). */
  | { outcome: 'wrong' | 'exhausted' }
  /** No record (never issued, expired, used, superseded or exhausted). */
  | { outcome: 'missing' };

/** Latest-only one-time secrets per key, redeemed atomically: exactly one winner, failures counted before more tries. */
export interface SecretRecords {
  /** Store `record` under `key` until its `expiresAt`, replacing any earlier one (so older secrets die). */
  putSecret(key: string, record: SecretRecord): Promise<void>;
  /** Read without changing anything. */
  getSecret(key: string): Promise<SecretRecord | null>;
  /** In one atomic step: redeem and delete on a matching `hashes[kind]`, else count a failure. */
  redeemSecret(key: string, kind: string, hash: string): Promise<SecretRedemption>;
}

export interface RateLimitResult {
  allowed: boolean;
  /** When not allowed: seconds until the next point is available (at least 1). */
  retryAfterSeconds: number;
  /** When not allowed: whether this is the first refusal for the key in its window (the moment it crossed the limit). */
  firstRefusal?: boolean;
}

export interface RateLimiter {
  /** Spend one point for `key`. Store failures reject: callers fail closed. */
  consume(key: string): Promise<RateLimitResult>;
}

export interface SharedStore extends OneTimeClaims, SecretRecords {
  /** A named counter family (keys are namespaced by `name`). */
  rateLimiter(name: string, rule: RateLimitRule): RateLimiter;
  /** Throws when the store cannot be reached (readiness). */
  ping(): Promise<void>;
  /**
   * Start-up: what the configured topology cannot do against the Redis it reached (null: fine, or unreachable,
   * which readiness reports), naming the setting to change.
   */
  topologyProblem?(): Promise<string | null>;
  close(): Promise<void>;
}
