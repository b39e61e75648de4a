/**
 * How every sign-in ends, once a flow (SSO assertion, Customer Login JWT, passwordless code or link, login after a
 * reset) knows the customer and the channel: BigCommerce is asked for a session with a Customer Login JWT minted
 * just in time, or, in the storefront handoff mode, that JWT is returned for the storefront to exchange itself
 * (Catalyst's `signIn('jwt', { jwt })`), and the gateway opens no session of its own: BigCommerce keeps one session
 * per customer, so a gateway session would end the storefront's.
 */
import type { StorefrontClient } from '../bigcommerce/storefront.js';
import { LoginWithCustomerLoginJwtDocument } from '../bigcommerce/storefront-operations.js';
import { isUpstreamError } from '../../upstream/errors.js';
import type { Customer, CustomerSession } from '../../customer.js';
import { InvalidJwtError } from '../../errors.js';
import { CUSTOMER_LOGIN_JWT_LIFETIME_SECONDS, type CustomerLoginCredentials, mintCustomerLoginJwt } from './customer-login-jwt.js';

/** `SESSION`: the gateway signs in and returns the customer access token. `CUSTOMER_LOGIN_JWT`: the storefront does. */
export type SignInMode = 'SESSION' | 'CUSTOMER_LOGIN_JWT';

export interface LoginResult {
  customer: Customer;
  session: CustomerSession;
}

/** A just-minted Customer Login JWT for the storefront to exchange (valid 30 s upstream, single use). */
export interface LoginJwtHandoff {
  customerEntityId: number;
  customerLoginJwt: string;
  expiresAt: Date;
  /** Relative, as BigCommerce requires. */
  redirectTo: string;
  channelId: number;
}

export type SignInOutcome = LoginResult | LoginJwtHandoff;

export interface CustomerSignInOptions {
  credentials: CustomerLoginCredentials;
  /** The Storefront API of a configured channel; undefined for a channel the gateway does not serve. */
  storefront: (channelId: number) => Pick<StorefrontClient, 'execute'> | undefined;
  /** `redirect_to` of handed-off JWTs (relative). */
  redirectPath: string;
}

export class CustomerSignIn {
  constructor(private readonly options: CustomerSignInOptions) {}

  /** @throws InvalidJwtError when BigCommerce refuses the sign-in (e.g. the customer may not use the channel) */
  async complete(customerId: number, channelId: number, mode: SignInMode): Promise<SignInOutcome> {
    if (mode === 'CUSTOMER_LOGIN_JWT') return this.handoff(customerId, channelId);
    return this.forward(mintCustomerLoginJwt(this.options.credentials, { customerId, channelId }), channelId);
  }

  handoff(customerId: number, channelId: number, nowSeconds = Math.floor(Date.now() / 1000)): LoginJwtHandoff {
    const { redirectPath } = this.options;
    return {
      customerEntityId: customerId,
      customerLoginJwt: mintCustomerLoginJwt(this.options.credentials, { customerId, channelId, redirectTo: redirectPath }, nowSeconds),
      expiresAt: new Date((nowSeconds + CUSTOMER_LOGIN_JWT_LIFETIME_SECONDS) * 1000),
      redirectTo: redirectPath,
      channelId,
    };
  }

  /** Exchange a Customer Login JWT for a session on the channel's Storefront API. */
  async forward(customerLoginJwt: string, channelId: number): Promise<LoginResult> {
    const storefront = this.options.storefront(channelId);
    if (!storefront) throw new InvalidJwtError();
    try {
      const result = await storefront.execute('loginWithCustomerLoginJwt', LoginWithCustomerLoginJwtDocument, { jwt: customerLoginJwt });
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

export function isHandoff(outcome: SignInOutcome): outcome is LoginJwtHandoff {
  return 'customerLoginJwt' in outcome;
}
