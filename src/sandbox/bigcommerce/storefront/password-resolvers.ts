import { changeCustomerPassword, isLiveResetToken, mailPasswordResetLink, maySignInOn } from '../accounts.js';
import { describePasswordComplexity, meetsPasswordComplexity } from '../password-policy.js';
import { verifyPassword } from '../../kit/password-hash.js';
import { maskEmail } from '../../kit/redact.js';
import type { StorefrontServerContext } from './context.js';
import { actingCustomer } from './customer-view.js';

/**
 * Error messages of the password mutations. UNVERIFIED: BigCommerce's exact strings are unpublished (fact sheet §6);
 * the types and paths follow the schema.
 */
export const PASSWORD_MUTATION_MESSAGES = {
  invalidEmail: 'The email address is not valid.',
  invalidResetToken: 'The password reset token is invalid or has expired. Please request a new password reset email.',
  wrongCurrentPassword: 'The current password is incorrect.',
  notLoggedIn: 'You must be logged in as a customer to change the password.',
  customerDoesNotExist: 'The customer does not exist.',
} as const;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface TypedError {
  __typename: string;
  message: string;
  path?: string[];
}

function validationError(path: string[], message: string): TypedError {
  return { __typename: 'ValidationError', path, message };
}

function errors(...list: TypedError[]): { errors: TypedError[] } {
  return { errors: list };
}

export const customerMutationResolvers = {
  /**
   * Always `{errors: []}` for a well-formed email, known or not (Catalyst's e2e test submits a random address and
   * expects success), so the answer does not reveal whether an account exists.
   */
  requestResetPassword: (
    _parent: unknown,
    args: { input: { email: string; path?: string | null }; reCaptchaV2?: { token: string } | null },
    { storefront }: StorefrontServerContext,
  ) => {
    const ctx = storefront.sandbox;
    const email = args.input.email.trim();
    if (email.length > 255 || !EMAIL_PATTERN.test(email)) {
      return errors(validationError(['input', 'email'], PASSWORD_MUTATION_MESSAGES.invalidEmail));
    }
    const customer = ctx.state.findCustomerByEmail(email);
    if (customer !== undefined && maySignInOn(ctx, customer, storefront.channelId)) {
      mailPasswordResetLink(ctx, customer, args.input.path ?? undefined, storefront.channelId);
    } else {
      ctx.options.log(`storefront: reset requested for unknown ${maskEmail(email)} (no mail)`);
    }
    return errors();
  },

  resetPassword: (
    _parent: unknown,
    args: { input: { customerEntityId: number; token: string; newPassword: string } },
    { storefront }: StorefrontServerContext,
  ) => {
    const ctx = storefront.sandbox;
    const { customerEntityId, token, newPassword } = args.input;
    const customer = ctx.state.customers.get(customerEntityId);
    if (customer === undefined || !isLiveResetToken(ctx, customerEntityId, token)) {
      return errors(validationError(['input', 'token'], PASSWORD_MUTATION_MESSAGES.invalidResetToken));
    }
    const rules = ctx.options.passwordComplexity;
    if (!meetsPasswordComplexity(newPassword, rules)) {
      // The token stays valid, so the customer can try again with a stronger password.
      return errors({ __typename: 'CustomerPasswordError', message: describePasswordComplexity(rules) });
    }
    ctx.state.resetTokens.delete(customer.id);
    changeCustomerPassword(ctx, customer, newPassword);
    customer.forcePasswordReset = false;
    ctx.options.log(`storefront: customer ${customer.id} reset the password`);
    return errors();
  },

  changePassword: (
    _parent: unknown,
    args: { input: { currentPassword: string; newPassword: string } },
    { storefront }: StorefrontServerContext,
  ) => {
    const ctx = storefront.sandbox;
    const acting = actingCustomer(storefront);
    if (acting.kind === 'guest') return errors({ __typename: 'CustomerNotLoggedInError', message: PASSWORD_MUTATION_MESSAGES.notLoggedIn });
    if (acting.kind === 'missing') {
      return errors({ __typename: 'CustomerDoesNotExistError', message: PASSWORD_MUTATION_MESSAGES.customerDoesNotExist });
    }
    const { customer } = acting;
    if (!verifyPassword(args.input.currentPassword, customer.passwordHash)) {
      return errors(validationError(['input', 'currentPassword'], PASSWORD_MUTATION_MESSAGES.wrongCurrentPassword));
    }
    const rules = ctx.options.passwordComplexity;
    if (!meetsPasswordComplexity(args.input.newPassword, rules)) {
      return errors({ __typename: 'CustomerPasswordError', message: describePasswordComplexity(rules) });
    }
    // The customer changing the password keeps the session they are using.
    changeCustomerPassword(ctx, customer, args.input.newPassword, { keepSessions: true });
    customer.forcePasswordReset = false;
    ctx.options.log(`storefront: customer ${customer.id} changed the password`);
    return errors();
  },
};
