/** The reset surface: passwordPolicy, requestPasswordReset, resetPassword. Logic lives in reset/. */
import { z } from 'zod';
import { InvalidResetTokenError, PasswordChangeUnconfirmedError, PasswordNotChangedError, PasswordPolicyError, RateLimitedError } from '../errors.js';
import type { PasswordRules } from '../reset/policy.js';
import type { RequestPasswordResetPayload, ResetOutcome } from '../reset/service.js';
import { normalizeEmail } from '../reset/service.js';
import type { ResetAccountHint, ResetTokenStatus } from '../reset/strategy.js';
import { HANDOFF_COOKIE_PATH } from '../http/paths.js';
import { clearedHandoffCookie } from '../reset/handoff.js';
import { builder } from './builder.js';
import { withHttpRateLimit } from './http.js';
import { resultUnion } from './results.js';
import { CHANNEL_ID_DEPRECATION, channelIdInput, emailInput, storefrontFor, storefrontIdInput } from './inputs.js';
import { CustomerSessionType, CustomerType } from './customer.js';

const PasswordPolicyType = builder.objectRef<PasswordRules>('PasswordPolicy').implement({
  description: "The store's password rules merged with the gateway's floor: render the same checks in your form.",
  fields: (t) => ({
    minLength: t.exposeInt('minLength'),
    maxLength: t.exposeInt('maxLength'),
    requireLowerCase: t.exposeBoolean('requireLowerCase'),
    requireUpperCase: t.exposeBoolean('requireUpperCase'),
    requireLetter: t.exposeBoolean('requireLetter'),
    minimumNumbers: t.exposeInt('minimumNumbers'),
    minimumSpecialCharacters: t.exposeInt('minimumSpecialCharacters'),
    rejectCommon: t.exposeBoolean('rejectCommon', {
      description: 'Passwords on the shipped list of common and breached passwords (about 49,000) are refused.',
    }),
    rejectEmailLocalPart: t.exposeBoolean('rejectEmailLocalPart', {
      description: "Passwords containing the part of the account's email before the @ are refused (ott strategy).",
    }),
  }),
});

builder.queryField('passwordPolicy', (t) =>
  t.field({ type: PasswordPolicyType, resolve: (_root, _args, ctx) => ctx.services.policy.rules() }),
);

const RequestPasswordResetInput = builder.inputType('RequestPasswordResetInput', {
  fields: (t) => ({
    email: t.string({ required: true, validate: emailInput }),
    storefrontId: t.id({ description: 'The storefront asking; default: the configured one.', validate: storefrontIdInput }),
    channelId: t.int({
      description: 'The storefront (BigCommerce channel) asking; default: the configured channel.',
      validate: channelIdInput,
      deprecationReason: CHANNEL_ID_DEPRECATION,
    }),
  }),
});

const RequestPasswordResetPayloadType = builder
  .objectRef<RequestPasswordResetPayload>('RequestPasswordResetPayload')
  .implement({
    description: 'The same answer for every email, known or not.',
    fields: (t) => ({ accepted: t.exposeBoolean('accepted'), message: t.exposeString('message') }),
  });

builder.mutationField('requestPasswordReset', (t) =>
  t.field({
    type: RequestPasswordResetPayloadType,
    args: { input: t.arg({ type: RequestPasswordResetInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withHttpRateLimit(ctx.services.resets.requestReset(normalizeEmail(input.email), storefrontFor(input, ctx.services.storefronts), ctx.client)),
  }),
);

const ResetPasswordInput = builder.inputType('ResetPasswordInput', {
  fields: (t) => ({
    newPassword: t.string({ required: true, validate: z.string().max(4096, 'Password is too long.') }),
    token: t.string({
      description: 'ott: the token from the link; native: the `t` value. Omitted: read from the handoff cookie.',
      validate: z.string().min(1).max(4096),
    }),
    shopperId: t.id({ description: 'native only: the `c` value from the link.', validate: z.string().max(64) }),
    customerId: t.int({ description: 'native only: the `c` value from the link.', deprecationReason: 'Use `shopperId`.' }),
  }),
});

const ResetPasswordSuccessType = builder.objectRef<ResetOutcome>('ResetPasswordSuccess').implement({
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'customer' in value,
  fields: (t) => ({
    customer: t.expose('customer', { type: CustomerType }),
    session: t.expose('session', {
      type: CustomerSessionType,
      nullable: true,
      description: 'Present only when login-after-reset is enabled.',
    }),
  }),
});

const ResetPasswordResult = resultUnion('ResetPasswordResult', {
  results: [ResetPasswordSuccessType],
  errors: [InvalidResetTokenError, PasswordPolicyError, RateLimitedError, PasswordNotChangedError, PasswordChangeUnconfirmedError],
});

builder.mutationField('resetPassword', (t) =>
  t.field({
    type: ResetPasswordResult.union,
    args: { input: t.arg({ type: ResetPasswordInput, required: true }) },
    resolve: ResetPasswordResult.answers(async (_root, { input }, ctx) => {
      const credential = input.token
        ? { token: input.token, ...shopperOf(input) }
        : ctx.handoffCredential;
      const outcome = await ctx.services.resets.resetPassword(credential, input.newPassword, ctx.client);
      if (!input.token) ctx.setCookie(clearedHandoffCookie(HANDOFF_COOKIE_PATH));
      return outcome;
    }),
  }),
);

const ResetTokenState = builder.enumType('PasswordResetTokenState', {
  values: {
    VALID: { description: 'resetPassword would accept it now.' },
    EXPIRED: { description: 'Genuine, but past its lifetime.' },
    USED: { description: 'Already used (or a reset with it is in progress).' },
    INVALID: { description: 'Forged, malformed, or superseded by a newer request.' },
    UNKNOWN: { description: 'native strategy: BigCommerce cannot check a token without using it.' },
  } as const,
});

const ResetAccountHintType = builder.objectRef<ResetAccountHint>('PasswordResetAccount').implement({
  description: 'The account a reset link changes, masked: enough to tell your own from one planted by someone else.',
  fields: (t) => ({ maskedEmail: t.exposeString('maskedEmail', { description: 'e.g. j•••@example.com' }) }),
});

const PasswordResetTokenStatusType = builder.objectRef<ResetTokenStatus>('PasswordResetTokenStatus').implement({
  description: 'What resetPassword would do with a token, found without consuming anything.',
  fields: (t) => ({
    account: t.field({
      type: ResetAccountHintType,
      nullable: true,
      description:
        "ott, VALID: the account this link changes, shown before anything changes (a link planted in your browser names its planter's account). Null otherwise: BigCommerce's native `t` cannot be checked, so naming `c`'s account would tell anyone the masked address of any customer id.",
      resolve: (status) => (status.status === 'VALID' ? (status.account ?? null) : null),
    }),
    status: t.field({ type: ResetTokenState, resolve: (status) => status.status }),
    expiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (status) => (status.status === 'VALID' ? (status.expiresAt ?? null) : null),
    }),
  }),
});

builder.queryField('passwordResetTokenStatus', (t) =>
  t.field({
    type: PasswordResetTokenStatusType,
    description: 'Checks a reset token (omitted: the one in the handoff cookie) and never consumes it.',
    args: { token: t.arg.string({ validate: z.string().max(4096) }) },
    resolve: (_root, { token }, ctx) => withHttpRateLimit(ctx.services.resets.tokenStatus(token ? { token } : ctx.handoffCredential, ctx.client)),
  }),
);

/** The native `c`, from `shopperId` or the deprecated `customerId`. */
function shopperOf(input: { shopperId?: string | null; customerId?: number | null }): { shopperId?: string } {
  const shopperId = input.shopperId ?? (input.customerId == null ? undefined : String(input.customerId));
  return shopperId === undefined ? {} : { shopperId };
}
