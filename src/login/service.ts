/**
 * loginWithJwt: turn a trusted JWT into a BigCommerce sign-in.
 *
 * Two kinds are accepted, told apart by `operation`:
 * - a BigCommerce Customer Login JWT (`operation: customer_login`), checked with the client secret exactly as
 *   BigCommerce will check it, then forwarded (or handed back to the storefront);
 * - an SSO assertion from the configured trusted issuer, resolved to a customer who may use the channel; the
 *   gateway then mints the Customer Login JWT itself, just in time (its `iat` is valid for 30 s upstream).
 * Each token is claimed once in the shared store first (by issuer and `jti`), so a replay fails here even before
 * BigCommerce.
 */
import { createHash } from 'node:crypto';
import type { ChannelAccess } from '../backends/bigcommerce/channels.js';
import type { ManagementClient } from '../backends/bigcommerce/management.js';
import type { CustomerSession } from '../customer.js';
import { GatewayError, InvalidJwtError } from '../errors.js';
import type { SecurityEvents } from '../observability/events.js';
import type { ClientInfo, Limits } from '../limits.js';
import type { OneTimeClaims } from '../store/store.js';
import { CUSTOMER_LOGIN_JWT_LIFETIME_SECONDS, type CustomerLoginCredentials, verifyCustomerLoginJwt } from '../backends/bigcommerce/customer-login-jwt.js';
import { type CustomerSignIn, isHandoff, type SignInMode, type SignInOutcome } from '../backends/bigcommerce/session-issuer.js';
import type { SsoAssertionVerifier } from './sso-assertion.js';
import { JWT_SHAPE, peekClaims } from '../lib/jwt.js';

export interface JwtLoginOptions {
  credentials: CustomerLoginCredentials;
  defaultChannelId: number;
  /** Channels the gateway serves: a login names one of them or gets the default. */
  channelIds: readonly number[];
  management: Pick<ManagementClient, 'getCustomer' | 'findCustomerByEmail'>;
  channels: Pick<ChannelAccess, 'maySignIn'>;
  signIn: Pick<CustomerSignIn, 'complete' | 'forward'>;
  claims: OneTimeClaims;
  limits: Pick<Limits, 'enforce'>;
  /** Absent: SSO assertions are refused (only Customer Login JWTs work). */
  sso: SsoAssertionVerifier | null;
  events?: SecurityEvents;
}

/** JWTs longer than this are refused unparsed (no header/payload we accept comes close). */
const MAX_JWT_LENGTH = 8192;

export class JwtLoginService {
  constructor(private readonly options: JwtLoginOptions) {}

  /** @throws InvalidJwtError | RateLimitedError, or UpstreamError (masked) when BigCommerce fails otherwise */
  async login(token: string, client: ClientInfo, channelId: number | undefined, mode: SignInMode): Promise<SignInOutcome> {
    try {
      const outcome = await this.verifiedLogin(token, client, channelId, mode);
      const customerId = 'customer' in outcome ? outcome.customer.entityId : outcome.customerEntityId;
      this.options.events?.record({ event: 'jwt_login.succeeded', customerId });
      return outcome;
    } catch (error) {
      this.options.events?.record({ event: 'jwt_login.failed', code: error instanceof GatewayError ? error.code : 'UNEXPECTED' });
      throw error;
    }
  }

  private async verifiedLogin(token: string, client: ClientInfo, channelId: number | undefined, mode: SignInMode): Promise<SignInOutcome> {
    await this.options.limits.enforce('loginPerIp', client.ip);
    if (token.length > MAX_JWT_LENGTH || !JWT_SHAPE.test(token)) throw new InvalidJwtError();
    // Each token goes to the verifier of the issuer it names, as multi-issuer JWT validation does (the key is chosen
    // by `iss`); one naming no issuer we trust has no key to be checked with, so it is refused before any crypto.
    // Issuers are not secrets: BigCommerce's client id is in every Customer Login JWT handed to a storefront.
    const unverified = peekClaims(token);
    if (unverified?.iss === this.options.credentials.clientId && unverified.operation === 'customer_login') {
      const claims = verifyCustomerLoginJwt(token, this.options.credentials);
      if (!this.options.channelIds.includes(claims.channel_id)) throw new InvalidJwtError();
      await this.claimOnce(`clj:${claims.jti}`, CUSTOMER_LOGIN_JWT_LIFETIME_SECONDS * 2);
      if (mode === 'SESSION') return this.options.signIn.forward(token, claims.channel_id);
      // Checked and claimed here; the storefront exchanges it within its 30 s.
      return {
        customerEntityId: claims.customer_id,
        customerLoginJwt: token,
        expiresAt: new Date((claims.iat + CUSTOMER_LOGIN_JWT_LIFETIME_SECONDS) * 1000),
        redirectTo: claims.redirect_to ?? '/account.php',
        channelId: claims.channel_id,
      };
    }
    if (!this.options.sso || unverified?.iss !== this.options.sso.issuer) throw new InvalidJwtError();
    return this.exchangeSsoAssertion(this.options.sso, token, channelId ?? this.options.defaultChannelId, mode);
  }

  /** Log a known customer in (login-after-reset): a freshly minted Customer Login JWT, never a password. */
  async loginCustomer(customerId: number): Promise<CustomerSession> {
    const outcome = await this.options.signIn.complete(customerId, this.options.defaultChannelId, 'SESSION');
    if (isHandoff(outcome)) throw new Error('a session was asked for');
    return outcome.session;
  }

  private async exchangeSsoAssertion(sso: SsoAssertionVerifier, token: string, channelId: number, mode: SignInMode): Promise<SignInOutcome> {
    if (!this.options.channelIds.includes(channelId)) throw new InvalidJwtError();
    const subject = await sso.verify(token);
    // Keyed on what the issuer signed (`iss`, `jti`), never on the token's spelling: a JWS can be re-spelled without
    // breaking its signature (unused base64url bits, ECDSA's (r, n−s)), and each spelling would win its own claim.
    await this.claimOnce(`sso:${sha256(`${subject.issuer}\n${subject.jti}`)}`, subject.remainingSeconds);
    const customer = subject.customerId
      ? await this.options.management.getCustomer(subject.customerId)
      : await this.options.management.findCustomerByEmail(subject.email ?? '');
    if (!customer || !(await this.options.channels.maySignIn(customer, channelId))) throw new InvalidJwtError();
    return this.options.signIn.complete(customer.id, channelId, mode);
  }

  private async claimOnce(key: string, ttlSeconds: number): Promise<void> {
    if (!(await this.options.claims.claimOnce(key, ttlSeconds))) throw new InvalidJwtError();
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
