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
}

export interface SharedStore extends OneTimeClaims {
  close(): Promise<void>;
}
