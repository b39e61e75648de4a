/**
 * An issuer's JWKS, held in memory and refreshed on a schedule. A `kid` not in it triggers a fetch at most once per
 * `minIntervalMs`, however many tokens name unknown ones, and a failed refresh keeps the keys already known.
 *
 * jwks-rsa fetches and converts the keys (JWK to PEM); its own cache and rate limiter are off: they are per `kid`
 * lookup, so unsigned tokens with random `kid`s spent its 10 fetches a minute and genuine logins were refused once
 * the cache expired or the issuer rotated. Here no request can cause more than one fetch per interval, and known
 * keys keep working while a refresh is refused or fails.
 */
import type { JwksClient } from 'jwks-rsa';

export interface JwksKeysOptions {
  url: string;
  refreshMs: number;
  minIntervalMs: number;
  now?: () => number;
}

export class JwksKeys {
  private keys = new Map<string, string>();
  private client: Promise<JwksClient> | null = null;
  private fetching: Promise<void> | null = null;
  private lastFetchAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly options: JwksKeysOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The public key for `kid`, or null when the issuer does not publish one (as of the last allowed fetch). */
  async key(kid: string): Promise<string | null> {
    this.timer ??= setInterval(() => void this.refresh(), this.options.refreshMs).unref();
    const known = this.keys.get(kid);
    if (known) return known;
    if (this.fetching) await this.fetching;
    else if (this.now() - this.lastFetchAt >= this.options.minIntervalMs) await this.refresh();
    return this.keys.get(kid) ?? null;
  }

  /** How many times the JWKS was fetched (tests, diagnostics). */
  fetches = 0;

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private refresh(): Promise<void> {
    this.fetching ??= this.fetch().finally(() => {
      this.fetching = null;
    });
    return this.fetching;
  }

  private async fetch(): Promise<void> {
    this.lastFetchAt = this.now();
    this.fetches++;
    try {
      // Loaded on first use: jwks-rsa takes about 50 ms to load, and a shared secret never needs it.
      this.client ??= import('jwks-rsa').then(({ default: jwksClient }) =>
        jwksClient({ jwksUri: this.options.url, cache: false, rateLimit: false, timeout: 5000 }),
      );
      const signingKeys = await (await this.client).getSigningKeys();
      this.keys = new Map(signingKeys.filter((key) => key.kid).map((key) => [key.kid, key.getPublicKey()]));
    } catch {
      // Keep what we had: an issuer's blip must not turn into refused logins.
    }
  }
}
