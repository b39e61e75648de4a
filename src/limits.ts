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

/** Refusals remembered in process (per name and key), so a flood's repeats cost no store round trip. */
const REMEMBERED_REFUSALS = 10_000;

export class Limits {
  private readonly limiters: Record<LimitName, RateLimiter>;
  /** `name\0key` → when the store's refusal ends (ms). */
  private readonly refused = new Map<string, { untilMs: number }>();

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
    const known = this.knownRefusal(name, key);
    if (known) return known;
    const result = await this.limiters[name].consume(key);
    if (!result.allowed) {
      this.onRefused(name, result.firstRefusal ?? true);
      this.remember(name, key, result.retryAfterSeconds);
    }
    return result;
  }

  /**
   * A refusal the store already gave for this key and that still runs, answered from memory without spending a
   * point (what rate-limiter-flexible calls an in-memory block): the store's counter is past the limit anyway, and
   * a flood from one address then costs a map lookup instead of a Redis round trip each. Null: ask the store.
   */
  knownRefusal(name: LimitName, key: string): RateLimitResult | null {
    const entry = this.refused.get(`${name}\0${key}`);
    if (!entry) return null;
    const leftMs = entry.untilMs - Date.now();
    if (leftMs <= 0) {
      this.refused.delete(`${name}\0${key}`);
      return null;
    }
    this.onRefused(name, false);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(leftMs / 1000)), firstRefusal: false };
  }

  private remember(name: LimitName, key: string, retryAfterSeconds: number): void {
    // Bounded: the oldest go first (a Map iterates in insertion order); forgetting one only means asking the store.
    if (this.refused.size >= REMEMBERED_REFUSALS) this.refused.delete(this.refused.keys().next().value as string);
    this.refused.set(`${name}\0${key}`, { untilMs: Date.now() + retryAfterSeconds * 1000 });
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
