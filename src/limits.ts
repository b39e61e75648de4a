/**
 * The gateway's abuse limits, by name, on the shared store (so every instance counts together). Callers pass keys
 * that identify a person (emails, tokens) through a `StoreKey` first: the store never sees the value itself.
 */
import type { Config } from './config.js';
import { RateLimitedError } from './errors.js';
import type { RateLimiter, RateLimitResult, SharedStore } from './store/store.js';

export type LimitName = keyof Config['limits'];

/** Who is asking, as far as the gateway can tell (socket address, or X-Forwarded-For from a trusted proxy). */
export interface ClientInfo {
  ip: string;
}

export class Limits {
  private readonly limiters: Record<LimitName, RateLimiter>;

  constructor(
    store: SharedStore,
    rules: Config['limits'],
    /** Told of every refusal (metrics, audit); `first`: the key just crossed the limit in this window. */
    private readonly onRefused: (limit: LimitName, first: boolean) => void = () => {},
  ) {
    this.limiters = Object.fromEntries(
      Object.entries(rules).map(([name, rule]) => [name, store.rateLimiter(name, rule)]),
    ) as Record<LimitName, RateLimiter>;
  }

  /** Spend a point; the decision, whatever it is. */
  async check(name: LimitName, key: string): Promise<RateLimitResult> {
    const result = await this.limiters[name].consume(key);
    if (!result.allowed) this.onRefused(name, result.firstRefusal ?? true);
    return result;
  }

  /** Spend a point; throws `RateLimitedError` when refused. */
  async enforce(name: LimitName, key: string): Promise<void> {
    const result = await this.check(name, key);
    if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds);
  }
}

/**
 * A store key for something secret or personal (an email, a token): stable, short, and keyed, so whoever reads
 * Redis cannot even test a guessed address against it. Built from `GATEWAY_SECRET` in app.ts.
 */
export type StoreKey = (value: string) => string;
