/**
 * The expected failures the public API returns as typed results. Each has a stable machine `code`; the schema
 * registers them as GraphQL types implementing `Error`. Anything else thrown stays masked ("Unexpected error.").
 */
export abstract class GatewayError extends Error {
  abstract readonly code: string;
  /**
   * The GraphQL type name, spelled out: class names are not a contract (a bundler may rename classes), type names
   * are (schema/errors.ts registers each class under it, schema/results.ts answers with it).
   */
  static readonly typename: string;

  constructor(message: string) {
    // No stack: these are answers, not faults, and nothing reads their stack. Capturing one (and, in development,
    // source-mapping it) cost about a tenth of answering a rejected request.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

export class InvalidResetTokenError extends GatewayError {
  static override readonly typename = 'InvalidResetTokenError';
  readonly code = 'INVALID_RESET_TOKEN';
  constructor() {
    // One message for every cause (expired, used, forged, unknown customer): the cause is nobody's business.
    super('This password reset link is invalid or has expired. Request a new one.');
  }
}

/** Every password rule, once: the schema's `PasswordRule` enum and the failures' `rule` are this list. */
export const PASSWORD_RULES = [
  'MIN_LENGTH',
  'MAX_LENGTH',
  'LOWERCASE',
  'UPPERCASE',
  'LETTER',
  'NUMBERS',
  'SPECIAL_CHARACTERS',
  'CONTAINS_EMAIL',
  'COMMON',
  'CONTROL_CHARACTERS',
  'STORE_REJECTED',
] as const;

export type PasswordRuleName = (typeof PASSWORD_RULES)[number];

export interface PasswordRuleFailure {
  rule: PasswordRuleName;
  message: string;
}

export class PasswordPolicyError extends GatewayError {
  static override readonly typename = 'PasswordPolicyError';
  readonly code = 'PASSWORD_POLICY';
  constructor(readonly failures: PasswordRuleFailure[]) {
    super(`The new password does not meet the password policy: ${failures.map((f) => f.message).join(' ')}`);
  }
}

export class RateLimitedError extends GatewayError {
  static override readonly typename = 'RateLimitedError';
  readonly code = 'RATE_LIMITED';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts. Try again in ${retryAfterSeconds} seconds.`);
  }
}

export class InvalidJwtError extends GatewayError {
  static override readonly typename = 'InvalidJwtError';
  readonly code = 'INVALID_JWT';
  constructor() {
    // One message for every cause: which check failed would help forgers, not users.
    super('The JWT is invalid, expired or already used.');
  }
}

export class PasswordNotChangedError extends GatewayError {
  static override readonly typename = 'PasswordNotChangedError';
  readonly code = 'PASSWORD_NOT_CHANGED';
  constructor() {
    // BigCommerce failed after the link was used up, and the gateway confirmed the old password still stands.
    super('Your password was not changed, and this link can no longer be used. Request a new password reset link.');
  }
}

export class PasswordChangeUnconfirmedError extends GatewayError {
  static override readonly typename = 'PasswordChangeUnconfirmedError';
  readonly code = 'PASSWORD_CHANGE_UNCONFIRMED';
  constructor() {
    // The upstream's answer was lost and nothing ties a change to a genuine link: saying "changed" could confirm a
    // guessed password, saying "not changed" could be false. Only the customer can find out, by signing in.
    super('We could not confirm whether your password was changed. Try signing in with the new password; if that does not work, request a new password reset link.');
  }
}

export class InvalidSignInCodeError extends GatewayError {
  static override readonly typename = 'InvalidSignInCodeError';
  readonly code = 'INVALID_SIGN_IN_CODE';
  constructor() {
    // Wrong, expired, used, superseded or given up after too many tries: one answer, no hints.
    super('This sign-in code is invalid or has expired. Check the code, or request a new one.');
  }
}

export class InvalidSignInLinkError extends GatewayError {
  static override readonly typename = 'InvalidSignInLinkError';
  readonly code = 'INVALID_SIGN_IN_LINK';
  constructor() {
    super('This sign-in link is invalid, has expired, or was opened in another browser. Enter the code from the mail instead, or request a new one.');
  }
}

export class NotSupportedError extends GatewayError {
  static override readonly typename = 'NotSupportedError';
  readonly code = 'NOT_SUPPORTED';
  constructor(readonly capability: string) {
    // A fact about the configured commerce backend, not about the request: `capabilities` lists what it offers.
    super(`The configured commerce backend does not support ${capability}. Query \`capabilities\` for what it offers.`);
  }
}

/**
 * Every error `code` the API answers with: the typed client re-exports this list (src/client), so it is written once,
 * here, beside the classes (test/integration/client.test.ts checks it against them).
 */
export const ERROR_CODES = [
  'INVALID_RESET_TOKEN',
  'PASSWORD_POLICY',
  'PASSWORD_NOT_CHANGED',
  'PASSWORD_CHANGE_UNCONFIRMED',
  'RATE_LIMITED',
  'INVALID_JWT',
  'INVALID_SIGN_IN_CODE',
  'INVALID_SIGN_IN_LINK',
  'NOT_SUPPORTED',
] as const;
