/**
 * SSO assertions from the configured trusted issuer: a JWT naming a customer (by `customer_id` or `email`),
 * signed with a shared HS256 secret or a key from the issuer's JWKS. `iss`, `aud`, `exp` and `iat` are
 * required and the assertion may be at most `maxAgeSeconds` old, whatever its `exp` says.
 */
import jwt from 'jsonwebtoken';
import { withoutStackTraces } from '../lib/jwt.js';
import { hmacKey } from '../lib/keys.js';
import type { JwksClient } from 'jwks-rsa';
import type { SsoConfig } from '../config.js';
import { InvalidJwtError } from '../errors.js';

export interface SsoSubject {
  customerId?: number;
  email?: string;
  /** Seconds until the assertion's own expiry: how long its one-time claim must be held. */
  remainingSeconds: number;
}

/** Asymmetric algorithms accepted from a JWKS; never HS* (a public key must not double as an HMAC secret). */
const JWKS_ALGORITHMS: jwt.Algorithm[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

export class SsoAssertionVerifier {
  /** Loaded on the first JWKS lookup: jwks-rsa takes about 50 ms to load, and a shared secret never needs it. */
  private jwks: Promise<JwksClient> | null = null;

  constructor(private readonly config: SsoConfig) {}

  /** The `iss` an assertion must name. */
  get issuer(): string {
    return this.config.issuer;
  }

  /** @throws InvalidJwtError */
  async verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): Promise<SsoSubject> {
    let payload: jwt.JwtPayload;
    try {
      payload = await new Promise<jwt.JwtPayload>((resolve, reject) => {
        // With a shared secret the whole check runs synchronously, here; a JWKS key lookup finishes later (with stacks).
        withoutStackTraces(() =>
          jwt.verify(
            token,
            (header, callback) => this.key(header, callback),
            {
              algorithms: this.config.key.kind === 'hs256' ? ['HS256'] : JWKS_ALGORITHMS,
              issuer: this.config.issuer,
              audience: this.config.audience,
              clockTimestamp: nowSeconds,
            },
            (error, decoded) => (error || !decoded || typeof decoded === 'string' ? reject(error) : resolve(decoded)),
          ),
        );
      });
    } catch {
      throw new InvalidJwtError();
    }
    const { exp, iat, customer_id, email } = payload;
    if (typeof exp !== 'number' || typeof iat !== 'number') throw new InvalidJwtError();
    if (nowSeconds - iat > this.config.maxAgeSeconds || iat - nowSeconds > 5) throw new InvalidJwtError();
    const customerId = typeof customer_id === 'number' ? customer_id : Number(customer_id);
    const subject: SsoSubject = { remainingSeconds: Math.max(1, exp - nowSeconds) };
    if (Number.isSafeInteger(customerId) && customerId > 0) subject.customerId = customerId;
    else if (typeof email === 'string' && email.includes('@')) subject.email = email;
    else throw new InvalidJwtError();
    return subject;
  }

  private key(header: jwt.JwtHeader, callback: jwt.SigningKeyCallback): void {
    const { key: keyConfig } = this.config;
    if (keyConfig.kind === 'hs256') return callback(null, hmacKey(keyConfig.secret));
    this.jwks ??= import('jwks-rsa').then(({ default: jwksClient }) =>
      jwksClient({ jwksUri: keyConfig.url, cache: true, cacheMaxAge: 10 * 60_000, rateLimit: true, jwksRequestsPerMinute: 10, timeout: 5000 }),
    );
    this.jwks.then(
      (jwks) => jwks.getSigningKey(header.kid, (error, key) => callback(error ?? null, key?.getPublicKey())),
      (error: Error) => callback(error),
    );
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
      ...(subject.customerId ? { customer_id: subject.customerId } : { email: subject.email }),
    };
    return jwt.sign(claims, hmacKey(this.config.key.secret), { algorithm: 'HS256' });
  }
}
