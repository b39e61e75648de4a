import { GraphQLError } from 'graphql';
import { endCustomerSession, mailPasswordResetLink, maySignInOn, startCustomerSession } from '../accounts.js';
import type { IssuedCustomerAccessToken } from '../accounts.js';
import { toBigCommerceIso } from '../../kit/clock.js';
import { verifyPassword } from '../../kit/password-hash.js';
import { maskEmail } from '../../kit/redact.js';
import type { StorefrontServerContext } from './context.js';
import { checkCustomerLoginJwt } from './customer-login-jwt.js';
import { toCustomerView } from './customer-view.js';

/** Catalyst (core/auth) treats a login error containing "Invalid credentials" as wrong email or password. */
export const INVALID_CREDENTIALS_MESSAGE = 'Invalid credentials';

/**
 * UNVERIFIED full text: BigCommerce answers a login of a customer with `force_password_reset` with a top-level error
 * whose message ends in "Reset password" (Catalyst PR #2750 matches `Reset password"`), and mails a reset link.
 */
export const PASSWORD_RESET_REQUIRED_MESSAGE =
  'You must reset your password before you can log in. We have emailed you a link to Reset password';

function accessTokenView(token: IssuedCustomerAccessToken): { value: string; expiresAt: string } {
  return { value: token.value, expiresAt: toBigCommerceIso(token.expiresAtMs) };
}

export const loginResolvers = {
  login: (
    _parent: unknown,
    args: { email: string; password: string; guestCartEntityId?: string | null },
    { storefront }: StorefrontServerContext,
  ) => {
    const ctx = storefront.sandbox;
    const customer = ctx.state.findCustomerByEmail(args.email);
    const channelId = storefront.channelId;
    if (customer === undefined || !maySignInOn(ctx, customer, channelId) || !verifyPassword(args.password, customer.passwordHash)) {
      ctx.options.log(`storefront: login failed for ${maskEmail(args.email)}`);
      throw new GraphQLError(INVALID_CREDENTIALS_MESSAGE);
    }
    if (customer.forcePasswordReset) {
      // Support article "Forcing Customers to Reset Their Password": the next login shows a message and emails a
      // reset link (storefront-data-hooks #14: the flag alone sends nothing; the login attempt does).
      mailPasswordResetLink(ctx, customer, undefined, channelId);
      throw new GraphQLError(PASSWORD_RESET_REQUIRED_MESSAGE);
    }
    const token = startCustomerSession(ctx, customer.id);
    ctx.options.log(`storefront: customer ${customer.id} logged in`);
    return { result: 'success', customer: toCustomerView(customer), customerAccessToken: accessTokenView(token) };
  },

  /** "A customer access token becomes invalid on all devices when you log out of a single device." */
  logout: (_parent: unknown, _args: { cartEntityId?: string | null }, { storefront }: StorefrontServerContext) => {
    if (storefront.customerAccessToken !== undefined) endCustomerSession(storefront.sandbox, storefront.customerAccessToken);
    return { result: 'success', cartUnassignResult: { errors: [] } };
  },

  loginWithCustomerLoginJwt: (
    _parent: unknown,
    args: { jwt: string; guestCartEntityId?: string | null },
    { storefront }: StorefrontServerContext,
  ) => {
    const ctx = storefront.sandbox;
    const checked = checkCustomerLoginJwt(ctx, args.jwt);
    if (!checked.ok) {
      ctx.options.log(`storefront: customer login JWT rejected (${checked.message})`);
      throw new GraphQLError(checked.message);
    }
    const token = startCustomerSession(ctx, checked.customer.id);
    ctx.options.log(`storefront: customer ${checked.customer.id} logged in with a customer login JWT`);
    return {
      redirectTo: checked.redirectTo,
      customer: toCustomerView(checked.customer),
      customerAccessToken: accessTokenView(token),
    };
  },
};
