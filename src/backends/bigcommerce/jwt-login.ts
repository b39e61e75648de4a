/**
 * loginWithJwt for BigCommerce's own Customer Login JWTs (`operation: customer_login`, `iss` = the API account's
 * client id): checked as BigCommerce will check them (HS256 with the client secret, store hash, `iat` within 30 s,
 * a served channel), claimed once by `jti` in the shared store so a replay fails here even before BigCommerce, then
 * forwarded for a session or handed back to the storefront.
 */
import { InvalidJwtError } from '../../errors.js';
import type { OneTimeClaims } from '../../store/store.js';
import type { JwtLogin, SignInMode, SignInOutcome, StorefrontId } from '../backend.js';
import { CUSTOMER_LOGIN_JWT_LIFETIME_SECONDS, type CustomerLoginCredentials, verifyCustomerLoginJwt } from './customer-login-jwt.js';
import type { CustomerSignIn } from './session-issuer.js';

export function customerLoginJwtLogin(options: {
  credentials: CustomerLoginCredentials;
  /** Channels the gateway serves. */
  storefrontIds: readonly StorefrontId[];
  claims: OneTimeClaims;
  sessions: Pick<CustomerSignIn, 'forward' | 'handoff'>;
}): JwtLogin {
  return {
    // Issuers are not secrets: the client id is in every Customer Login JWT handed to a storefront.
    handles: (unverified) => unverified.iss === options.credentials.clientId && unverified.operation === 'customer_login',
    async login(token: string, mode: SignInMode): Promise<SignInOutcome> {
      const claims = verifyCustomerLoginJwt(token, options.credentials);
      const storefrontId = String(claims.channel_id);
      if (!options.storefrontIds.includes(storefrontId)) throw new InvalidJwtError();
      if (!(await options.claims.claimOnce(`clj:${claims.jti}`, CUSTOMER_LOGIN_JWT_LIFETIME_SECONDS * 2))) throw new InvalidJwtError();
      if (mode === 'SESSION') return options.sessions.forward(token, storefrontId);
      // Checked and claimed here; the storefront exchanges it within its 30 s.
      return options.sessions.handoff(token, { shopperId: String(claims.customer_id), storefrontId, issuedAt: claims.iat, redirectTo: claims.redirect_to });
    },
  };
}
