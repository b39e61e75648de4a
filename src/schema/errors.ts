/** The `Error` interface and the typed errors results can carry; each has a stable machine `code`. */
import type {
  GatewayError} from '../errors.js';
import {
  InvalidJwtError,
  InvalidResetTokenError,
  InvalidSignInCodeError,
  InvalidSignInLinkError,
  NotSupportedError,
  PASSWORD_RULES,
  PasswordChangeUnconfirmedError,
  PasswordNotChangedError,
  PasswordPolicyError,
  type PasswordRuleFailure,
  RateLimitedError,
} from '../errors.js';
import { builder } from './builder.js';

export const ErrorInterface = builder.interfaceRef<GatewayError>('Error').implement({
  description: 'An expected failure. `code` is stable and meant for programs; `message` is for people.',
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.exposeString('code'),
  }),
});

function errorType<T extends GatewayError>(cls: (abstract new (...args: never[]) => T) & { typename: string }, description: string) {
  const name = cls.typename;
  // Answered errors arrive as plain values named by `__typename` (results.ts).
  const isTypeOf = (value: unknown) => typeof value === 'object' && value !== null && (value as { __typename?: unknown }).__typename === name;
  return { name, description, interfaces: [ErrorInterface], isTypeOf };
}

builder.objectType(InvalidResetTokenError, {
  ...errorType(InvalidResetTokenError, 'The reset token is invalid, expired, already used or superseded. `code`: INVALID_RESET_TOKEN.'),
});

const PasswordRule = builder.enumType('PasswordRule', { values: PASSWORD_RULES });

const PasswordRuleFailureType = builder.objectRef<PasswordRuleFailure>('PasswordRuleFailure').implement({
  fields: (t) => ({
    rule: t.expose('rule', { type: PasswordRule }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(PasswordPolicyError, {
  ...errorType(PasswordPolicyError, 'The new password breaks one or more rules, all listed. `code`: PASSWORD_POLICY.'),
  fields: (t) => ({ failures: t.expose('failures', { type: [PasswordRuleFailureType] }) }),
});

builder.objectType(RateLimitedError, {
  ...errorType(RateLimitedError, 'Too many attempts; retry after `retryAfterSeconds`. `code`: RATE_LIMITED.'),
  fields: (t) => ({ retryAfterSeconds: t.exposeInt('retryAfterSeconds') }),
});

builder.objectType(PasswordNotChangedError, {
  ...errorType(
    PasswordNotChangedError,
    'BigCommerce failed after the link was used, and confirmed the old password still stands: request a new link. `code`: PASSWORD_NOT_CHANGED.',
  ),
});

builder.objectType(PasswordChangeUnconfirmedError, {
  ...errorType(
    PasswordChangeUnconfirmedError,
    "The store's answer to the password update was lost and the gateway cannot tie a change to a genuine link (native strategy): the customer tries the new password, or requests a new link. `code`: PASSWORD_CHANGE_UNCONFIRMED.",
  ),
});

builder.objectType(InvalidJwtError, {
  ...errorType(InvalidJwtError, 'The JWT is invalid, expired, replayed or names no customer. `code`: INVALID_JWT.'),
});

builder.objectType(InvalidSignInCodeError, {
  ...errorType(
    InvalidSignInCodeError,
    'The code is wrong, expired, used, superseded by a newer one, or was given up after 3 wrong tries. `code`: INVALID_SIGN_IN_CODE.',
  ),
});

builder.objectType(InvalidSignInLinkError, {
  ...errorType(
    InvalidSignInLinkError,
    'The link is invalid, expired, used, superseded, or was opened in another browser than the one that asked. `code`: INVALID_SIGN_IN_LINK.',
  ),
});

builder.objectType(NotSupportedError, {
  ...errorType(
    NotSupportedError,
    'The configured commerce backend does not offer this (e.g. SSO login or the storefront handoff on Elastic Path); `capabilities` lists what it does. `code`: NOT_SUPPORTED.',
  ),
});
