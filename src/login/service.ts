/**
 * loginWithJwt: turn a trusted JWT into a sign-in.
 *
 * Each token goes to the verifier of the issuer it names, as multi-issuer JWT validation does (the key is chosen by
 * `iss`): a backend's own JWT logins (BigCommerce: its Customer Login JWTs, in its backend's jwt-login.ts), or an
 * SSO assertion from the configured trusted issuer, resolved to a shopper who may use the storefront and completed by
 * the backend's session issuer. One naming no issuer we trust has no key to be checked with, so it is refused before
 * any crypto. Every token is claimed once in the shared store first (SSO: by issuer and `jti`), so a replay fails
 * here even before the upstream.
 */
import { createHash } from 'node:crypto';
import {
  type CustomerSession,
  isHandoff,
  type JwtLogin,
  type SessionIssuer,
  type ShopperDirectory,
  type SignInMode,
  type SignInOutcome,
  type StorefrontId,
} from '../backends/backend.js';
import { GatewayError, InvalidJwtError, NotSupportedError } from '../errors.js';
import { JWT_SHAPE, peekClaims } from '../lib/jwt.js';
import type { ClientInfo, Limits } from '../limits.js';
import type { SecurityEvents } from '../observability/events.js';
import type { OneTimeClaims } from '../store/store.js';
import type { SsoAssertionVerifier } from './sso-assertion.js';

export interface JwtLoginOptions {
  defaultStorefrontId: StorefrontId;
  directory: Pick<ShopperDirectory, 'getById' | 'findByUsername' | 'mayUseStorefront' | 'storefrontFor'>;
  sessions: SessionIssuer;
  /** The backend's own JWT logins, tried by the issuer the token names. */
  jwtLogins: readonly JwtLogin[];
  claims: OneTimeClaims;
  limits: Pick<Limits, 'enforce'>;
  /** Absent: SSO assertions are refused (only the backend's own JWTs work). */
  sso: SsoAssertionVerifier | null;
  /** Whether the backend can sign a shopper in from an SSO assertion at all (else loginWithJwt may be unsupported). */
  ssoSupported: boolean;
  events?: SecurityEvents;
}

/** JWTs longer than this are refused unparsed (no header/payload we accept comes close). */
const MAX_JWT_LENGTH = 8192;

export class JwtLoginService {
  constructor(private readonly options: JwtLoginOptions) {}

  /** @throws InvalidJwtError | RateLimitedError | NotSupportedError, or UpstreamError (masked) when the upstream fails otherwise */
  async login(token: string, client: ClientInfo, storefrontId: StorefrontId | undefined, mode: SignInMode): Promise<SignInOutcome> {
    try {
      const outcome = await this.verifiedLogin(token, client, storefrontId, mode);
      this.options.events?.record({ event: 'jwt_login.succeeded', customerId: isHandoff(outcome) ? outcome.customerId : outcome.customer.id });
      return outcome;
    } catch (error) {
      this.options.events?.record({ event: 'jwt_login.failed', code: error instanceof GatewayError ? error.code : 'UNEXPECTED' });
      throw error;
    }
  }

  private async verifiedLogin(token: string, client: ClientInfo, storefrontId: StorefrontId | undefined, mode: SignInMode): Promise<SignInOutcome> {
    await this.options.limits.enforce('loginPerIp', client.ip);
    if (!this.options.ssoSupported && this.options.jwtLogins.length === 0) throw new NotSupportedError('loginWithJwt');
    if (!this.options.sessions.modes.includes(mode)) throw new NotSupportedError(`the ${mode} sign-in mode`);
    if (token.length > MAX_JWT_LENGTH || !JWT_SHAPE.test(token)) throw new InvalidJwtError();
    const unverified = peekClaims(token);
    if (!unverified) throw new InvalidJwtError();
    const own = this.options.jwtLogins.find((login) => login.handles(unverified));
    if (own) return own.login(token, mode);
    if (!this.options.sso || unverified.iss !== this.options.sso.issuer) throw new InvalidJwtError();
    return this.exchangeSsoAssertion(this.options.sso, token, storefrontId ?? this.options.defaultStorefrontId, mode);
  }

  /**
   * Sign a known shopper in (login-after-reset): the backend's session, never a password replayed. On a storefront
   * the shopper may use (a channel-limited customer is signed in where their account works).
   */
  async loginShopper(shopperId: string): Promise<CustomerSession> {
    const { directory, defaultStorefrontId } = this.options;
    const shopper = await directory.getById(shopperId);
    const storefrontId = shopper ? await directory.storefrontFor(shopper, defaultStorefrontId) : null;
    if (!shopper || !storefrontId) throw new InvalidJwtError();
    const outcome = await this.options.sessions.complete({ shopperId, storefrontId }, 'SESSION');
    if (isHandoff(outcome)) throw new Error('a session was asked for');
    return outcome.session;
  }

  private async exchangeSsoAssertion(sso: SsoAssertionVerifier, token: string, storefrontId: StorefrontId, mode: SignInMode): Promise<SignInOutcome> {
    const subject = await sso.verify(token);
    // Keyed on what the issuer signed (`iss`, `jti`), never on the token's spelling: a JWS can be re-spelled without
    // breaking its signature (unused base64url bits, ECDSA's (r, n−s)), and each spelling would win its own claim.
    await this.claimOnce(`sso:${sha256(`${subject.issuer}\n${subject.jti}`)}`, subject.remainingSeconds);
    const shopper = subject.customerId
      ? await this.options.directory.getById(String(subject.customerId))
      : await this.options.directory.findByUsername(subject.email ?? '');
    if (!shopper || !(await this.options.directory.mayUseStorefront(shopper, storefrontId))) throw new InvalidJwtError();
    return this.options.sessions.complete({ shopperId: shopper.id, storefrontId }, mode);
  }

  private async claimOnce(key: string, ttlSeconds: number): Promise<void> {
    if (!(await this.options.claims.claimOnce(key, ttlSeconds))) throw new InvalidJwtError();
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
