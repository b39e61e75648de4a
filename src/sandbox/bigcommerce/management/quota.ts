import type { SandboxClock } from '../../kit/clock.js';
import type { ManagementQuotaOptions } from '../options.js';

export interface QuotaDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

/**
 * The store-wide Management API quota: a fixed window of `windowMs` with `requestsPerWindow` requests, reported in
 * the headers BigCommerce sends on every response (api-rate-limits.mdx, about/index.mdx). "All apps accessing the
 * store share the store's quota", so there is one counter per sandbox.
 */
export class ManagementQuota {
  private windowStartMs = 0;
  private used = 0;

  constructor(
    private readonly options: ManagementQuotaOptions,
    private readonly clock: SandboxClock,
  ) {}

  /** Counts one request; `allowed` is false when the window's quota is spent. */
  take(): QuotaDecision {
    this.roll();
    if (this.used >= this.options.requestsPerWindow) return { allowed: false, headers: this.rejectedHeaders() };
    this.used += 1;
    return { allowed: true, headers: this.headers() };
  }

  /** Headers for a response that does not count (auth failures, injected faults). */
  peek(): Record<string, string> {
    this.roll();
    return this.headers();
  }

  /** Headers of a 429: the current window plus `X-Retry-After` in seconds ("seconds before the quota refreshes"). */
  rejectedHeaders(): Record<string, string> {
    this.roll();
    const headers = this.headers();
    headers['X-Retry-After'] = String(Math.max(1, Math.ceil(this.resetMs() / 1000)));
    return headers;
  }

  reset(): void {
    this.windowStartMs = 0;
    this.used = 0;
  }

  private roll(): void {
    const now = this.clock.nowMs();
    if (now >= this.windowStartMs + this.options.windowMs || now < this.windowStartMs) {
      this.windowStartMs = now;
      this.used = 0;
    }
  }

  private resetMs(): number {
    return Math.max(0, this.windowStartMs + this.options.windowMs - this.clock.nowMs());
  }

  private headers(): Record<string, string> {
    return {
      'X-Rate-Limit-Time-Window-Ms': String(this.options.windowMs),
      'X-Rate-Limit-Time-Reset-Ms': String(this.resetMs()),
      'X-Rate-Limit-Requests-Quota': String(this.options.requestsPerWindow),
      'X-Rate-Limit-Requests-Left': String(Math.max(0, this.options.requestsPerWindow - this.used)),
    };
  }
}
