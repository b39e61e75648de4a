/**
 * Shared state the gateway needs to agree on across requests (and, with Redis, across instances).
 * Every operation is atomic: two callers can never both win a claim.
 */
export interface OneTimeClaims {
  /**
   * Claim `key` for `ttlSeconds`. Resolves true for exactly one caller until the claim expires;
   * every other caller gets false.
   */
  claimOnce(key: string, ttlSeconds: number): Promise<boolean>;
  /** Give a claim back (its holder did not use it after all), so the key can be claimed again. */
  release(key: string): Promise<void>;
  /** Whether `key` is currently claimed (read-only; for status checks, never for deciding a winner). */
  isClaimed(key: string): Promise<boolean>;
}

export interface SharedStore extends OneTimeClaims {
  close(): Promise<void>;
}
