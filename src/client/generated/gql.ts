/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment CustomerFields on Customer {\n    id\n    entityId\n    email\n    firstName\n    lastName\n  }\n": typeof types.CustomerFieldsFragmentDoc,
    "\n  fragment SessionFields on CustomerSession {\n    customerAccessToken\n    expiresAt\n    accounts {\n      accountId\n      accountName\n      token\n      expiresAt\n    }\n  }\n": typeof types.SessionFieldsFragmentDoc,
    "\n  fragment SignedInFields on LoginSuccess {\n    customer {\n      ...CustomerFields\n    }\n    session {\n      ...SessionFields\n    }\n  }\n": typeof types.SignedInFieldsFragmentDoc,
    "\n  fragment HandoffFields on LoginJwtHandoff {\n    customerId\n    customerEntityId\n    customerLoginJwt\n    expiresAt\n    redirectTo\n    storefrontId\n    channelId\n  }\n": typeof types.HandoffFieldsFragmentDoc,
    "\n  query PasswordPolicy {\n    passwordPolicy {\n      minLength\n      maxLength\n      requireLowerCase\n      requireUpperCase\n      requireLetter\n      minimumNumbers\n      minimumSpecialCharacters\n      rejectCommon\n      rejectEmailLocalPart\n    }\n  }\n": typeof types.PasswordPolicyDocument,
    "\n  query PasswordResetTokenStatus($token: String) {\n    passwordResetTokenStatus(token: $token) {\n      status\n      expiresAt\n    }\n  }\n": typeof types.PasswordResetTokenStatusDocument,
    "\n  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n    requestPasswordReset(input: $input) {\n      accepted\n      message\n    }\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      __typename\n      ... on ResetPasswordSuccess {\n        customer {\n          ...CustomerFields\n        }\n        session {\n          ...SessionFields\n        }\n      }\n      ... on PasswordPolicyError {\n        failures {\n          rule\n          message\n        }\n      }\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation LoginWithJwt($input: LoginWithJwtInput!) {\n    loginWithJwt(input: $input) {\n      __typename\n      ...SignedInFields\n      ...HandoffFields\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": typeof types.LoginWithJwtDocument,
    "\n  mutation RequestSignInCode($input: RequestSignInCodeInput!) {\n    requestSignInCode(input: $input) {\n      accepted\n      message\n    }\n  }\n": typeof types.RequestSignInCodeDocument,
    "\n  mutation SignInWithCode($input: SignInWithCodeInput!) {\n    signInWithCode(input: $input) {\n      __typename\n      ...SignedInFields\n      ...HandoffFields\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": typeof types.SignInWithCodeDocument,
    "\n  mutation SignInWithLink($input: SignInWithLinkInput!) {\n    signInWithLink(input: $input) {\n      __typename\n      ...SignedInFields\n      ...HandoffFields\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": typeof types.SignInWithLinkDocument,
    "\n  query SignInLinkStatus($token: String!) {\n    signInLinkStatus(token: $token)\n  }\n": typeof types.SignInLinkStatusDocument,
};
const documents: Documents = {
    "\n  fragment CustomerFields on Customer {\n    id\n    entityId\n    email\n    firstName\n    lastName\n  }\n": types.CustomerFieldsFragmentDoc,
    "\n  fragment SessionFields on CustomerSession {\n    customerAccessToken\n    expiresAt\n    accounts {\n      accountId\n      accountName\n      token\n      expiresAt\n    }\n  }\n": types.SessionFieldsFragmentDoc,
    "\n  fragment SignedInFields on LoginSuccess {\n    customer {\n      ...CustomerFields\n    }\n    session {\n      ...SessionFields\n    }\n  }\n": types.SignedInFieldsFragmentDoc,
    "\n  fragment HandoffFields on LoginJwtHandoff {\n    customerId\n    customerEntityId\n    customerLoginJwt\n    expiresAt\n    redirectTo\n    storefrontId\n    channelId\n  }\n": types.HandoffFieldsFragmentDoc,
    "\n  query PasswordPolicy {\n    passwordPolicy {\n      minLength\n      maxLength\n      requireLowerCase\n      requireUpperCase\n      requireLetter\n      minimumNumbers\n      minimumSpecialCharacters\n      rejectCommon\n      rejectEmailLocalPart\n    }\n  }\n": types.PasswordPolicyDocument,
    "\n  query PasswordResetTokenStatus($token: String) {\n    passwordResetTokenStatus(token: $token) {\n      status\n      expiresAt\n    }\n  }\n": types.PasswordResetTokenStatusDocument,
    "\n  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n    requestPasswordReset(input: $input) {\n      accepted\n      message\n    }\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      __typename\n      ... on ResetPasswordSuccess {\n        customer {\n          ...CustomerFields\n        }\n        session {\n          ...SessionFields\n        }\n      }\n      ... on PasswordPolicyError {\n        failures {\n          rule\n          message\n        }\n      }\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": types.ResetPasswordDocument,
    "\n  mutation LoginWithJwt($input: LoginWithJwtInput!) {\n    loginWithJwt(input: $input) {\n      __typename\n      ...SignedInFields\n      ...HandoffFields\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": types.LoginWithJwtDocument,
    "\n  mutation RequestSignInCode($input: RequestSignInCodeInput!) {\n    requestSignInCode(input: $input) {\n      accepted\n      message\n    }\n  }\n": types.RequestSignInCodeDocument,
    "\n  mutation SignInWithCode($input: SignInWithCodeInput!) {\n    signInWithCode(input: $input) {\n      __typename\n      ...SignedInFields\n      ...HandoffFields\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": types.SignInWithCodeDocument,
    "\n  mutation SignInWithLink($input: SignInWithLinkInput!) {\n    signInWithLink(input: $input) {\n      __typename\n      ...SignedInFields\n      ...HandoffFields\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": types.SignInWithLinkDocument,
    "\n  query SignInLinkStatus($token: String!) {\n    signInLinkStatus(token: $token)\n  }\n": types.SignInLinkStatusDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CustomerFields on Customer {\n    id\n    entityId\n    email\n    firstName\n    lastName\n  }\n"): typeof import('./graphql.js').CustomerFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionFields on CustomerSession {\n    customerAccessToken\n    expiresAt\n    accounts {\n      accountId\n      accountName\n      token\n      expiresAt\n    }\n  }\n"): typeof import('./graphql.js').SessionFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SignedInFields on LoginSuccess {\n    customer {\n      ...CustomerFields\n    }\n    session {\n      ...SessionFields\n    }\n  }\n"): typeof import('./graphql.js').SignedInFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HandoffFields on LoginJwtHandoff {\n    customerId\n    customerEntityId\n    customerLoginJwt\n    expiresAt\n    redirectTo\n    storefrontId\n    channelId\n  }\n"): typeof import('./graphql.js').HandoffFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PasswordPolicy {\n    passwordPolicy {\n      minLength\n      maxLength\n      requireLowerCase\n      requireUpperCase\n      requireLetter\n      minimumNumbers\n      minimumSpecialCharacters\n      rejectCommon\n      rejectEmailLocalPart\n    }\n  }\n"): typeof import('./graphql.js').PasswordPolicyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PasswordResetTokenStatus($token: String) {\n    passwordResetTokenStatus(token: $token) {\n      status\n      expiresAt\n    }\n  }\n"): typeof import('./graphql.js').PasswordResetTokenStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n    requestPasswordReset(input: $input) {\n      accepted\n      message\n    }\n  }\n"): typeof import('./graphql.js').RequestPasswordResetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      __typename\n      ... on ResetPasswordSuccess {\n        customer {\n          ...CustomerFields\n        }\n        session {\n          ...SessionFields\n        }\n      }\n      ... on PasswordPolicyError {\n        failures {\n          rule\n          message\n        }\n      }\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"): typeof import('./graphql.js').ResetPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LoginWithJwt($input: LoginWithJwtInput!) {\n    loginWithJwt(input: $input) {\n      __typename\n      ...SignedInFields\n      ...HandoffFields\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"): typeof import('./graphql.js').LoginWithJwtDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestSignInCode($input: RequestSignInCodeInput!) {\n    requestSignInCode(input: $input) {\n      accepted\n      message\n    }\n  }\n"): typeof import('./graphql.js').RequestSignInCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignInWithCode($input: SignInWithCodeInput!) {\n    signInWithCode(input: $input) {\n      __typename\n      ...SignedInFields\n      ...HandoffFields\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"): typeof import('./graphql.js').SignInWithCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignInWithLink($input: SignInWithLinkInput!) {\n    signInWithLink(input: $input) {\n      __typename\n      ...SignedInFields\n      ...HandoffFields\n      ... on RateLimitedError {\n        retryAfterSeconds\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"): typeof import('./graphql.js').SignInWithLinkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignInLinkStatus($token: String!) {\n    signInLinkStatus(token: $token)\n  }\n"): typeof import('./graphql.js').SignInLinkStatusDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
