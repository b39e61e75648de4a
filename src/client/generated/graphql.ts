/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type LoginWithJwtInput = {
  /**
   * BigCommerce channel to log in to (SSO assertions); default: the configured channel.
   * @deprecated Use `storefrontId` (on BigCommerce: the channel id, as a string).
   */
  channelId?: number | null | undefined;
  /** An SSO assertion from the trusted issuer, or a BigCommerce Customer Login JWT. */
  jwt: string;
  mode?: SignInMode | null | undefined;
  /** The storefront to sign in to (SSO assertions); default: the configured one. */
  storefrontId?: string | number | null | undefined;
};

export type PasswordResetTokenState =
  /** Genuine, but past its lifetime. */
  | 'EXPIRED'
  /** Forged, malformed, or superseded by a newer request. */
  | 'INVALID'
  /** native strategy: BigCommerce cannot check a token without using it. */
  | 'UNKNOWN'
  /** Already used (or a reset with it is in progress). */
  | 'USED'
  /** resetPassword would accept it now. */
  | 'VALID';

export type PasswordRule =
  | 'COMMON'
  | 'CONTAINS_EMAIL'
  | 'CONTROL_CHARACTERS'
  | 'LETTER'
  | 'LOWERCASE'
  | 'MAX_LENGTH'
  | 'MIN_LENGTH'
  | 'NUMBERS'
  | 'SPECIAL_CHARACTERS'
  | 'STORE_REJECTED'
  | 'UPPERCASE';

export type RequestPasswordResetInput = {
  /**
   * The storefront (BigCommerce channel) asking; default: the configured channel.
   * @deprecated Use `storefrontId` (on BigCommerce: the channel id, as a string).
   */
  channelId?: number | null | undefined;
  email: string;
  /** The storefront asking; default: the configured one. */
  storefrontId?: string | number | null | undefined;
};

export type RequestSignInCodeInput = {
  /**
   * The storefront (BigCommerce channel) to sign in to; default: the configured channel.
   * @deprecated Use `storefrontId` (on BigCommerce: the channel id, as a string).
   */
  channelId?: number | null | undefined;
  email: string;
  /** The storefront to sign in to; default: the configured one. */
  storefrontId?: string | number | null | undefined;
};

export type ResetPasswordInput = {
  /**
   * native only: the `c` value from the link.
   * @deprecated Use `shopperId`.
   */
  customerId?: number | null | undefined;
  newPassword: string;
  /** native only: the `c` value from the link. */
  shopperId?: string | number | null | undefined;
  /** ott: the token from the link; native: the `t` value. Omitted: read from the handoff cookie. */
  token?: string | null | undefined;
};

export type SignInLinkState =
  /** Forged, expired, used or superseded. */
  | 'INVALID'
  /** Genuine, but asked for in another browser: enter the code instead. */
  | 'OTHER_BROWSER'
  /** signInWithLink would sign in here. */
  | 'SAME_BROWSER';

/** What a successful sign-in returns. */
export type SignInMode =
  /** The storefront handoff: a just-minted credential for the storefront to exchange itself (BigCommerce: a Customer Login JWT, valid 30 s, single use, for Catalyst's signIn('jwt')); the gateway opens no session of its own. Not every backend has one (`capabilities.signInModes`). */
  | 'CUSTOMER_LOGIN_JWT'
  /** The gateway signs in at the backend and returns the session (BigCommerce: the customer access token). */
  | 'SESSION';

export type SignInWithCodeInput = {
  /** @deprecated Use `storefrontId` (on BigCommerce: the channel id, as a string). */
  channelId?: number | null | undefined;
  code: string;
  email: string;
  mode?: SignInMode | null | undefined;
  storefrontId?: string | number | null | undefined;
};

export type SignInWithLinkInput = {
  mode?: SignInMode | null | undefined;
  /** The `token` of the magic link. */
  token: string;
};

export type CustomerFieldsFragment = { id: string, entityId: number, email: string, firstName: string, lastName: string };

export type SessionFieldsFragment = { customerAccessToken: string, expiresAt: string, accounts: Array<{ accountId: string, accountName: string, token: string, expiresAt: string }> };

export type SignedInFieldsFragment = { customer: { id: string, entityId: number, email: string, firstName: string, lastName: string }, session: { customerAccessToken: string, expiresAt: string, accounts: Array<{ accountId: string, accountName: string, token: string, expiresAt: string }> } };

export type HandoffFieldsFragment = { customerId: string, customerEntityId: number, customerLoginJwt: string, expiresAt: string, redirectTo: string, storefrontId: string, channelId: number };

export type PasswordPolicyQueryVariables = Exact<{ [key: string]: never; }>;


export type PasswordPolicyQuery = { passwordPolicy: { minLength: number, maxLength: number, requireLowerCase: boolean, requireUpperCase: boolean, requireLetter: boolean, minimumNumbers: number, minimumSpecialCharacters: number, rejectCommon: boolean, rejectEmailLocalPart: boolean } };

export type PasswordResetTokenStatusQueryVariables = Exact<{
  token?: string | null | undefined;
}>;


export type PasswordResetTokenStatusQuery = { passwordResetTokenStatus: { status: PasswordResetTokenState, expiresAt: string | null } };

export type RequestPasswordResetMutationVariables = Exact<{
  input: RequestPasswordResetInput;
}>;


export type RequestPasswordResetMutation = { requestPasswordReset: { accepted: boolean, message: string } };

export type ResetPasswordMutationVariables = Exact<{
  input: ResetPasswordInput;
}>;


export type ResetPasswordMutation = { resetPassword:
    | { __typename: 'InvalidResetTokenError', code: string, message: string }
    | { __typename: 'PasswordChangeUnconfirmedError', code: string, message: string }
    | { __typename: 'PasswordNotChangedError', code: string, message: string }
    | { __typename: 'PasswordPolicyError', code: string, message: string, failures: Array<{ rule: PasswordRule, message: string }> }
    | { __typename: 'RateLimitedError', retryAfterSeconds: number, code: string, message: string }
    | { __typename: 'ResetPasswordSuccess', customer: { id: string, entityId: number, email: string, firstName: string, lastName: string }, session: { customerAccessToken: string, expiresAt: string, accounts: Array<{ accountId: string, accountName: string, token: string, expiresAt: string }> } | null }
   };

export type LoginWithJwtMutationVariables = Exact<{
  input: LoginWithJwtInput;
}>;


export type LoginWithJwtMutation = { loginWithJwt:
    | { __typename: 'InvalidJwtError', code: string, message: string }
    | { __typename: 'LoginJwtHandoff', customerId: string, customerEntityId: number, customerLoginJwt: string, expiresAt: string, redirectTo: string, storefrontId: string, channelId: number }
    | { __typename: 'LoginSuccess', customer: { id: string, entityId: number, email: string, firstName: string, lastName: string }, session: { customerAccessToken: string, expiresAt: string, accounts: Array<{ accountId: string, accountName: string, token: string, expiresAt: string }> } }
    | { __typename: 'NotSupportedError', code: string, message: string }
    | { __typename: 'RateLimitedError', retryAfterSeconds: number, code: string, message: string }
   };

export type RequestSignInCodeMutationVariables = Exact<{
  input: RequestSignInCodeInput;
}>;


export type RequestSignInCodeMutation = { requestSignInCode: { accepted: boolean, message: string } };

export type SignInWithCodeMutationVariables = Exact<{
  input: SignInWithCodeInput;
}>;


export type SignInWithCodeMutation = { signInWithCode:
    | { __typename: 'InvalidSignInCodeError', code: string, message: string }
    | { __typename: 'LoginJwtHandoff', customerId: string, customerEntityId: number, customerLoginJwt: string, expiresAt: string, redirectTo: string, storefrontId: string, channelId: number }
    | { __typename: 'LoginSuccess', customer: { id: string, entityId: number, email: string, firstName: string, lastName: string }, session: { customerAccessToken: string, expiresAt: string, accounts: Array<{ accountId: string, accountName: string, token: string, expiresAt: string }> } }
    | { __typename: 'NotSupportedError', code: string, message: string }
    | { __typename: 'RateLimitedError', retryAfterSeconds: number, code: string, message: string }
   };

export type SignInWithLinkMutationVariables = Exact<{
  input: SignInWithLinkInput;
}>;


export type SignInWithLinkMutation = { signInWithLink:
    | { __typename: 'InvalidSignInLinkError', code: string, message: string }
    | { __typename: 'LoginJwtHandoff', customerId: string, customerEntityId: number, customerLoginJwt: string, expiresAt: string, redirectTo: string, storefrontId: string, channelId: number }
    | { __typename: 'LoginSuccess', customer: { id: string, entityId: number, email: string, firstName: string, lastName: string }, session: { customerAccessToken: string, expiresAt: string, accounts: Array<{ accountId: string, accountName: string, token: string, expiresAt: string }> } }
    | { __typename: 'NotSupportedError', code: string, message: string }
    | { __typename: 'RateLimitedError', retryAfterSeconds: number, code: string, message: string }
   };

export type SignInLinkStatusQueryVariables = Exact<{
  token: string;
}>;


export type SignInLinkStatusQuery = { signInLinkStatus: SignInLinkState };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const CustomerFieldsFragmentDoc = new TypedDocumentString(`
    fragment CustomerFields on Customer {
  id
  entityId
  email
  firstName
  lastName
}
    `, {"fragmentName":"CustomerFields"}) as unknown as TypedDocumentString<CustomerFieldsFragment, unknown>;
export const SessionFieldsFragmentDoc = new TypedDocumentString(`
    fragment SessionFields on CustomerSession {
  customerAccessToken
  expiresAt
  accounts {
    accountId
    accountName
    token
    expiresAt
  }
}
    `, {"fragmentName":"SessionFields"}) as unknown as TypedDocumentString<SessionFieldsFragment, unknown>;
export const SignedInFieldsFragmentDoc = new TypedDocumentString(`
    fragment SignedInFields on LoginSuccess {
  customer {
    ...CustomerFields
  }
  session {
    ...SessionFields
  }
}
    fragment CustomerFields on Customer {
  id
  entityId
  email
  firstName
  lastName
}
fragment SessionFields on CustomerSession {
  customerAccessToken
  expiresAt
  accounts {
    accountId
    accountName
    token
    expiresAt
  }
}`, {"fragmentName":"SignedInFields"}) as unknown as TypedDocumentString<SignedInFieldsFragment, unknown>;
export const HandoffFieldsFragmentDoc = new TypedDocumentString(`
    fragment HandoffFields on LoginJwtHandoff {
  customerId
  customerEntityId
  customerLoginJwt
  expiresAt
  redirectTo
  storefrontId
  channelId
}
    `, {"fragmentName":"HandoffFields"}) as unknown as TypedDocumentString<HandoffFieldsFragment, unknown>;
export const PasswordPolicyDocument = new TypedDocumentString(`
    query PasswordPolicy {
  passwordPolicy {
    minLength
    maxLength
    requireLowerCase
    requireUpperCase
    requireLetter
    minimumNumbers
    minimumSpecialCharacters
    rejectCommon
    rejectEmailLocalPart
  }
}
    `) as unknown as TypedDocumentString<PasswordPolicyQuery, PasswordPolicyQueryVariables>;
export const PasswordResetTokenStatusDocument = new TypedDocumentString(`
    query PasswordResetTokenStatus($token: String) {
  passwordResetTokenStatus(token: $token) {
    status
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<PasswordResetTokenStatusQuery, PasswordResetTokenStatusQueryVariables>;
export const RequestPasswordResetDocument = new TypedDocumentString(`
    mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
  requestPasswordReset(input: $input) {
    accepted
    message
  }
}
    `) as unknown as TypedDocumentString<RequestPasswordResetMutation, RequestPasswordResetMutationVariables>;
export const ResetPasswordDocument = new TypedDocumentString(`
    mutation ResetPassword($input: ResetPasswordInput!) {
  resetPassword(input: $input) {
    __typename
    ... on ResetPasswordSuccess {
      customer {
        ...CustomerFields
      }
      session {
        ...SessionFields
      }
    }
    ... on PasswordPolicyError {
      failures {
        rule
        message
      }
    }
    ... on RateLimitedError {
      retryAfterSeconds
    }
    ... on Error {
      code
      message
    }
  }
}
    fragment CustomerFields on Customer {
  id
  entityId
  email
  firstName
  lastName
}
fragment SessionFields on CustomerSession {
  customerAccessToken
  expiresAt
  accounts {
    accountId
    accountName
    token
    expiresAt
  }
}`) as unknown as TypedDocumentString<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const LoginWithJwtDocument = new TypedDocumentString(`
    mutation LoginWithJwt($input: LoginWithJwtInput!) {
  loginWithJwt(input: $input) {
    __typename
    ...SignedInFields
    ...HandoffFields
    ... on RateLimitedError {
      retryAfterSeconds
    }
    ... on Error {
      code
      message
    }
  }
}
    fragment CustomerFields on Customer {
  id
  entityId
  email
  firstName
  lastName
}
fragment SessionFields on CustomerSession {
  customerAccessToken
  expiresAt
  accounts {
    accountId
    accountName
    token
    expiresAt
  }
}
fragment SignedInFields on LoginSuccess {
  customer {
    ...CustomerFields
  }
  session {
    ...SessionFields
  }
}
fragment HandoffFields on LoginJwtHandoff {
  customerId
  customerEntityId
  customerLoginJwt
  expiresAt
  redirectTo
  storefrontId
  channelId
}`) as unknown as TypedDocumentString<LoginWithJwtMutation, LoginWithJwtMutationVariables>;
export const RequestSignInCodeDocument = new TypedDocumentString(`
    mutation RequestSignInCode($input: RequestSignInCodeInput!) {
  requestSignInCode(input: $input) {
    accepted
    message
  }
}
    `) as unknown as TypedDocumentString<RequestSignInCodeMutation, RequestSignInCodeMutationVariables>;
export const SignInWithCodeDocument = new TypedDocumentString(`
    mutation SignInWithCode($input: SignInWithCodeInput!) {
  signInWithCode(input: $input) {
    __typename
    ...SignedInFields
    ...HandoffFields
    ... on RateLimitedError {
      retryAfterSeconds
    }
    ... on Error {
      code
      message
    }
  }
}
    fragment CustomerFields on Customer {
  id
  entityId
  email
  firstName
  lastName
}
fragment SessionFields on CustomerSession {
  customerAccessToken
  expiresAt
  accounts {
    accountId
    accountName
    token
    expiresAt
  }
}
fragment SignedInFields on LoginSuccess {
  customer {
    ...CustomerFields
  }
  session {
    ...SessionFields
  }
}
fragment HandoffFields on LoginJwtHandoff {
  customerId
  customerEntityId
  customerLoginJwt
  expiresAt
  redirectTo
  storefrontId
  channelId
}`) as unknown as TypedDocumentString<SignInWithCodeMutation, SignInWithCodeMutationVariables>;
export const SignInWithLinkDocument = new TypedDocumentString(`
    mutation SignInWithLink($input: SignInWithLinkInput!) {
  signInWithLink(input: $input) {
    __typename
    ...SignedInFields
    ...HandoffFields
    ... on RateLimitedError {
      retryAfterSeconds
    }
    ... on Error {
      code
      message
    }
  }
}
    fragment CustomerFields on Customer {
  id
  entityId
  email
  firstName
  lastName
}
fragment SessionFields on CustomerSession {
  customerAccessToken
  expiresAt
  accounts {
    accountId
    accountName
    token
    expiresAt
  }
}
fragment SignedInFields on LoginSuccess {
  customer {
    ...CustomerFields
  }
  session {
    ...SessionFields
  }
}
fragment HandoffFields on LoginJwtHandoff {
  customerId
  customerEntityId
  customerLoginJwt
  expiresAt
  redirectTo
  storefrontId
  channelId
}`) as unknown as TypedDocumentString<SignInWithLinkMutation, SignInWithLinkMutationVariables>;
export const SignInLinkStatusDocument = new TypedDocumentString(`
    query SignInLinkStatus($token: String!) {
  signInLinkStatus(token: $token)
}
    `) as unknown as TypedDocumentString<SignInLinkStatusQuery, SignInLinkStatusQueryVariables>;