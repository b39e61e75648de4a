/**
 * loginWithJwt: turn a trusted JWT into a BigCommerce customer session.
 *
 * Two kinds are accepted, told apart by `operation`:
 * - a BigCommerce Customer Login JWT (`operation: customer_login`), checked with the client secret exactly as
 *   BigCommerce will check it, then forwarded;
 * - an SSO assertion from the configured trusted issuer, resolved to a customer; the gateway then mints the
 *   Customer Login JWT itself, just in time (its `iat` is valid for 30 s upstream).
 * Each token is claimed once in the shared store first, so a replay fails here even before BigCommerce.
 */
import { createHash } from 'node:crypto';
import type { ManagementClient } from '../bigcommerce/management.js';
import type { StorefrontClient } from '../bigcommerce/storefront.js';
import { LoginWithCustomerLoginJwtDocument } from '../bigcommerce/storefront-operations.js';
import { isUpstreamError } from '../bigcommerce/errors.js';
import type { Customer, CustomerSession } from '../customer.js';
import { InvalidJwtError } from '../errors.js';
import type { ClientInfo, Limits } from '../limits.js';
import type { OneTimeClaims } from '../store/store.js';
import {
  CUSTOMER_LOGIN_JWT_LIFETIME_SECONDS,
  type CustomerLoginCredentials,
  mintCustomerLoginJwt,
  peekClaims,
  verifyCustomerLoginJwt,
} from './customer-login-jwt.js';
import type { SsoAssertionVerifier } from './sso-assertion.js';

export interface LoginResult {
  customer: Customer;
  session: CustomerSession;
}

export interface JwtLoginOptions {
  credentials: CustomerLoginCredentials;
  defaultChannelId: number;
  storefront: Pick<StorefrontClient, 'execute'>;
  management: Pick<ManagementClient, 'getCustomer' | 'findCustomerByEmail'>;
  claims: OneTimeClaims;
  limits: Pick<Limits, 'enforce'>;
  /** Absent: SSO assertions are refused (only Customer Login JWTs work). */
  sso: SsoAssertionVerifier | null;
}

/** JWTs longer than this are refused unparsed (no header/payload we accept comes close). */
const MAX_JWT_LENGTH = 8192;

export class JwtLoginService {
  constructor(private readonly options: JwtLoginOptions) {}

  /** @throws InvalidJwtError | RateLimitedError, or UpstreamError (masked) when BigCommerce fails otherwise */
  async login(token: string, client: ClientInfo, channelId?: number): Promise<LoginResult> {
    await this.options.limits.enforce('loginPerIp', client.ip);
    if (token.length > MAX_JWT_LENGTH) throw new InvalidJwtError();
    const customerLoginJwt =
      peekClaims(token)?.operation === 'customer_login'
        ? await this.checkCustomerLoginJwt(token)
        : await this.exchangeSsoAssertion(token, channelId);
    return this.forward(customerLoginJwt);
  }

  private async checkCustomerLoginJwt(token: string): Promise<string> {
    const claims = verifyCustomerLoginJwt(token, this.options.credentials);
    await this.claimOnce(`clj:${claims.jti}`, CUSTOMER_LOGIN_JWT_LIFETIME_SECONDS * 2);
    return token;
  }

  /** Log a known customer in (login-after-reset): a freshly minted Customer Login JWT, never a password. */
  async loginCustomer(customerId: number): Promise<CustomerSession> {
    const token = mintCustomerLoginJwt(this.options.credentials, { customerId, channelId: this.options.defaultChannelId });
    return (await this.forward(token)).session;
  }

  private async exchangeSsoAssertion(token: string, channelId: number | undefined): Promise<string> {
    if (!this.options.sso) throw new InvalidJwtError();
    const subject = await this.options.sso.verify(token);
    await this.claimOnce(`sso:${sha256(token)}`, subject.remainingSeconds);
    const customer = subject.customerId
      ? await this.options.management.getCustomer(subject.customerId)
      : await this.options.management.findCustomerByEmail(subject.email ?? '');
    if (!customer) throw new InvalidJwtError();
    return mintCustomerLoginJwt(this.options.credentials, {
      customerId: customer.id,
      channelId: channelId ?? this.options.defaultChannelId,
    });
  }

  private async claimOnce(key: string, ttlSeconds: number): Promise<void> {
    if (!(await this.options.claims.claimOnce(key, ttlSeconds))) throw new InvalidJwtError();
  }

  private async forward(customerLoginJwt: string): Promise<LoginResult> {
    try {
      const result = await this.options.storefront.execute('loginWithCustomerLoginJwt', LoginWithCustomerLoginJwtDocument, {
        jwt: customerLoginJwt,
      });
      const { customer, customerAccessToken } = result.loginWithCustomerLoginJwt;
      if (!customer || !customerAccessToken) throw new InvalidJwtError();
      return {
        customer,
        session: { customerAccessToken: customerAccessToken.value, expiresAt: new Date(customerAccessToken.expiresAt) },
      };
    } catch (error) {
      // BigCommerce answers a refused JWT (used jti, stale iat, unknown customer) with top-level GraphQL errors.
      if (isUpstreamError(error) && error.failure === 'graphql') throw new InvalidJwtError();
      throw error;
    }
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
