/**
 * How every BigCommerce sign-in ends, once a flow (SSO assertion, Customer Login JWT, passwordless code or link, login
 * after a reset) knows the customer and the channel: BigCommerce is asked for a session with a Customer Login JWT
 * minted just in time, or, in the storefront handoff mode, that JWT is returned for the storefront to exchange itself
 * (Catalyst's `signIn('jwt', { jwt })`), and the gateway opens no session of its own: BigCommerce keeps one session
 * per customer, so a gateway session would end the storefront's.
 */
import type { LoginJwtHandoff, LoginResult, SessionIssuer, SignInMode, SignInOutcome, SignInSubject, StorefrontId } from '../backend.js';
import { isUpstreamError } from '../../upstream/errors.js';
import { InvalidJwtError } from '../../errors.js';
import { CUSTOMER_LOGIN_JWT_LIFETIME_SECONDS, type CustomerLoginCredentials, mintCustomerLoginJwt } from './customer-login-jwt.js';
import type { StorefrontClient } from './storefront.js';
import { LoginWithCustomerLoginJwtDocument } from './storefront-operations.js';

export interface CustomerSignInOptions {
  credentials: CustomerLoginCredentials;
  /** The Storefront API of a configured channel; undefined for a channel the gateway does not serve. */
  storefront: (channelId: StorefrontId) => Pick<StorefrontClient, 'execute'> | undefined;
  /** `redirect_to` of handed-off JWTs (relative), unless the JWT names its own. */
  redirectPath: string;
}

export class CustomerSignIn implements SessionIssuer {
  readonly modes: readonly SignInMode[] = ['SESSION', 'CUSTOMER_LOGIN_JWT'];

  constructor(private readonly options: CustomerSignInOptions) {}

  /** @throws InvalidJwtError when BigCommerce refuses the sign-in (e.g. the customer may not use the channel) */
  async complete({ shopperId, storefrontId }: SignInSubject, mode: SignInMode): Promise<SignInOutcome> {
    const subject = { customerId: Number(shopperId), channelId: Number(storefrontId) };
    if (mode === 'CUSTOMER_LOGIN_JWT') {
      const nowSeconds = Math.floor(Date.now() / 1000);
      const jwt = mintCustomerLoginJwt(this.options.credentials, { ...subject, redirectTo: this.options.redirectPath }, nowSeconds);
      return this.handoff(jwt, { shopperId, storefrontId, issuedAt: nowSeconds, redirectTo: undefined });
    }
    return this.forward(mintCustomerLoginJwt(this.options.credentials, subject), storefrontId);
  }

  /** A Customer Login JWT handed to the storefront: its own `redirect_to` when it has one, else SIGN_IN_REDIRECT_PATH. */
  handoff(
    customerLoginJwt: string,
    claims: { shopperId: string; storefrontId: StorefrontId; issuedAt: number; redirectTo: string | undefined },
  ): LoginJwtHandoff {
    return {
      customerId: claims.shopperId,
      customerEntityId: Number(claims.shopperId),
      customerLoginJwt,
      expiresAt: new Date((claims.issuedAt + CUSTOMER_LOGIN_JWT_LIFETIME_SECONDS) * 1000),
      redirectTo: claims.redirectTo ?? this.options.redirectPath,
      storefrontId: claims.storefrontId,
    };
  }

  /** Exchange a Customer Login JWT for a session on the channel's Storefront API. */
  async forward(customerLoginJwt: string, storefrontId: StorefrontId): Promise<LoginResult> {
    const storefront = this.options.storefront(storefrontId);
    if (!storefront) throw new InvalidJwtError();
    try {
      const result = await storefront.execute('loginWithCustomerLoginJwt', LoginWithCustomerLoginJwtDocument, { jwt: customerLoginJwt });
      const { customer, customerAccessToken } = result.loginWithCustomerLoginJwt;
      if (!customer || !customerAccessToken) throw new InvalidJwtError();
      return {
        customer: { id: String(customer.entityId), ...customer },
        session: { customerAccessToken: customerAccessToken.value, expiresAt: new Date(customerAccessToken.expiresAt), accounts: [] },
      };
    } catch (error) {
      // BigCommerce answers a refused JWT (used jti, stale iat, unknown customer) with top-level GraphQL errors.
      if (isUpstreamError(error) && error.failure === 'graphql') throw new InvalidJwtError();
      throw error;
    }
  }
}
