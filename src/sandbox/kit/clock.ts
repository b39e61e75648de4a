/**
 * The sandbox's notion of "now". Tests move it forward (POST /__sandbox/clock) to expire tokens and sessions without
 * sleeping; `GET /v2/time` reports it, so a client that follows BigCommerce's advice (sign Customer Login JWTs
 * with the store's time) stays consistent with the sandbox.
 */
export class SandboxClock {
  private offsetMs = 0;

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** ISO-8601 in UTC without milliseconds, the way BigCommerce prints dates (e.g. 2024-01-01T00:00:00Z). */
  isoNow(): string {
    return toBigCommerceIso(this.nowMs());
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

export function toBigCommerceIso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
