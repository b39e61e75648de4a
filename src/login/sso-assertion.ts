/**
 * SSO assertions from the configured trusted issuer: a JWT naming a customer (by `customer_id` or `email`), signed
 * with a shared HS256 secret or a key from the issuer's JWKS. `iss`, `aud`, `exp`, `iat` and `jti` are required,
 * the assertion may be at most `maxAgeSeconds` old whatever its `exp` says, and its claims must have their exact
 * types: a loosely read `customer_id` (`true`, `[2]`, `"0x2"`, `" 2 "`) would sign in whoever the coercion lands on.
 *
 * What an attacker can send costs little: a header that does not parse, names another algorithm, a `crit`
 * extension or a malformed `kid` is refused before any key is looked up, and JWKS keys come from a cache refreshed on
 * a schedule (jwks-keys.ts), so random `kid`s cannot spend the fetches genuine logins need.
 */
import jwt from 'jsonwebtoken';
import type { SsoConfig } from '../config.js';
import { InvalidJwtError } from '../errors.js';
import { peekHeader, withoutStackTraces } from '../lib/jwt.js';
import { hmacKey } from '../lib/keys.js';
import { JwksKeys } from './jwks-keys.js';

export interface SsoSubject {
  /** What the one-time claim is keyed on: what the issuer signed, not how the token happens to be spelled. */
  issuer: string;
  jti: string;
  customerId?: number;
  email?: string;
  /** Seconds until the assertion's own expiry: how long its one-time claim must be held. */
  remainingSeconds: number;
}

/** Asymmetric algorithms accepted from a JWKS; never HS* (a public key must not double as an HMAC secret). */
const JWKS_ALGORITHMS: jwt.Algorithm[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];
const KID = /^[\w.:-]{1,128}$/;
const JTI_MAX_LENGTH = 256;

export class SsoAssertionVerifier {
  private readonly jwks: JwksKeys | null;
  private readonly algorithms: jwt.Algorithm[];

  constructor(private readonly config: SsoConfig) {
    this.algorithms = config.key.kind === 'hs256' ? ['HS256'] : JWKS_ALGORITHMS;
    this.jwks =
      config.key.kind === 'jwks'
        ? new JwksKeys({ url: config.key.url, refreshMs: config.jwksRefreshSeconds * 1000, minIntervalMs: config.jwksMinIntervalSeconds * 1000 })
        : null;
  }

  /** The `iss` an assertion must name. */
  get issuer(): string {
    return this.config.issuer;
  }

  /** @throws InvalidJwtError */
  async verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): Promise<SsoSubject> {
    const header = peekHeader(token);
    // RFC 7515 §4.1.11: a `crit` extension the recipient does not understand must be refused; we understand none.
    if (!header || header.crit !== undefined || !this.algorithms.includes(header.alg as jwt.Algorithm)) throw new InvalidJwtError();
    let key;
    if (this.jwks) {
      if (typeof header.kid !== 'string' || !KID.test(header.kid)) throw new InvalidJwtError();
      key = await this.jwks.key(header.kid);
      if (!key) throw new InvalidJwtError();
    } else {
      key = hmacKey((this.config.key as { secret: string }).secret);
    }
    let payload: jwt.JwtPayload;
    try {
      const verified = withoutStackTraces(() =>
        jwt.verify(token, key, {
          algorithms: this.algorithms,
          issuer: this.config.issuer,
          audience: this.config.audience,
          clockTimestamp: nowSeconds,
        }),
      );
      if (typeof verified === 'string') throw new InvalidJwtError();
      payload = verified;
    } catch {
      throw new InvalidJwtError();
    }
    return this.subject(payload, nowSeconds);
  }

  private subject(payload: jwt.JwtPayload, nowSeconds: number): SsoSubject {
    const { exp, iat, jti, customer_id, email, email_verified } = payload as Record<string, unknown>;
    if (typeof exp !== 'number' || typeof iat !== 'number') throw new InvalidJwtError();
    if (nowSeconds - iat > this.config.maxAgeSeconds || iat - nowSeconds > 5) throw new InvalidJwtError();
    if (typeof jti !== 'string' || jti.length === 0 || jti.length > JTI_MAX_LENGTH) throw new InvalidJwtError();
    // An issuer that says the address is unverified is not vouching for who holds it.
    if (email_verified !== undefined && email_verified !== true) throw new InvalidJwtError();
    const subject: SsoSubject = { issuer: this.config.issuer, jti, remainingSeconds: Math.max(1, exp - nowSeconds) };
    if (customer_id !== undefined) {
      if (typeof customer_id !== 'number' || !Number.isSafeInteger(customer_id) || customer_id <= 0) throw new InvalidJwtError();
      subject.customerId = customer_id;
    } else if (typeof email === 'string' && email.includes('@') && email.length <= 254) {
      subject.email = email;
    } else {
      throw new InvalidJwtError();
    }
    return subject;
  }

  /** Stop the JWKS refresh schedule. */
  close(): void {
    this.jwks?.close();
  }

  /** Sandbox mode only: sign an assertion with the generated secret so loginWithJwt can be tried by hand. */
  signForDevelopment(subject: { customerId?: number; email?: string }, nowSeconds = Math.floor(Date.now() / 1000)): string {
    if (!this.config.generated || this.config.key.kind !== 'hs256') {
      throw new Error('development assertions are only available with a generated sandbox secret');
    }
    const claims = {
      iss: this.config.issuer,
      aud: this.config.audience,
      iat: nowSeconds,
      exp: nowSeconds + this.config.maxAgeSeconds,
      jti: crypto.randomUUID(),
      ...(subject.customerId ? { customer_id: subject.customerId } : { email: subject.email }),
    };
    return jwt.sign(claims, hmacKey(this.config.key.secret), { algorithm: 'HS256' });
  }
}
