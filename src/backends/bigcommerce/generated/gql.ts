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
    "\n  mutation RequestResetPassword($input: RequestResetPasswordInput!) {\n    customer {\n      requestResetPassword(input: $input) {\n        errors {\n          __typename\n          ... on Error {\n            message\n          }\n        }\n      }\n    }\n  }\n": typeof types.RequestResetPasswordDocument,
    "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    customer {\n      resetPassword(input: $input) {\n        errors {\n          __typename\n          ... on Error {\n            message\n          }\n        }\n      }\n    }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation LoginWithCustomerLoginJwt($jwt: String!) {\n    loginWithCustomerLoginJwt(jwt: $jwt) {\n      customer {\n        entityId\n        email\n        firstName\n        lastName\n      }\n      customerAccessToken {\n        value\n        expiresAt\n      }\n    }\n  }\n": typeof types.LoginWithCustomerLoginJwtDocument,
    "\n  query StoreSettings {\n    site {\n      settings {\n        storeName\n        customers {\n          passwordComplexitySettings {\n            minimumPasswordLength\n            requireLowerCase\n            requireUpperCase\n            requireNumbers\n            minimumNumbers\n            requireSpecialCharacters\n            minimumSpecialCharacters\n          }\n        }\n      }\n    }\n  }\n": typeof types.StoreSettingsDocument,
};
const documents: Documents = {
    "\n  mutation RequestResetPassword($input: RequestResetPasswordInput!) {\n    customer {\n      requestResetPassword(input: $input) {\n        errors {\n          __typename\n          ... on Error {\n            message\n          }\n        }\n      }\n    }\n  }\n": types.RequestResetPasswordDocument,
    "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    customer {\n      resetPassword(input: $input) {\n        errors {\n          __typename\n          ... on Error {\n            message\n          }\n        }\n      }\n    }\n  }\n": types.ResetPasswordDocument,
    "\n  mutation LoginWithCustomerLoginJwt($jwt: String!) {\n    loginWithCustomerLoginJwt(jwt: $jwt) {\n      customer {\n        entityId\n        email\n        firstName\n        lastName\n      }\n      customerAccessToken {\n        value\n        expiresAt\n      }\n    }\n  }\n": types.LoginWithCustomerLoginJwtDocument,
    "\n  query StoreSettings {\n    site {\n      settings {\n        storeName\n        customers {\n          passwordComplexitySettings {\n            minimumPasswordLength\n            requireLowerCase\n            requireUpperCase\n            requireNumbers\n            minimumNumbers\n            requireSpecialCharacters\n            minimumSpecialCharacters\n          }\n        }\n      }\n    }\n  }\n": types.StoreSettingsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestResetPassword($input: RequestResetPasswordInput!) {\n    customer {\n      requestResetPassword(input: $input) {\n        errors {\n          __typename\n          ... on Error {\n            message\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').RequestResetPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    customer {\n      resetPassword(input: $input) {\n        errors {\n          __typename\n          ... on Error {\n            message\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ResetPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LoginWithCustomerLoginJwt($jwt: String!) {\n    loginWithCustomerLoginJwt(jwt: $jwt) {\n      customer {\n        entityId\n        email\n        firstName\n        lastName\n      }\n      customerAccessToken {\n        value\n        expiresAt\n      }\n    }\n  }\n"): typeof import('./graphql.js').LoginWithCustomerLoginJwtDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StoreSettings {\n    site {\n      settings {\n        storeName\n        customers {\n          passwordComplexitySettings {\n            minimumPasswordLength\n            requireLowerCase\n            requireUpperCase\n            requireNumbers\n            minimumNumbers\n            requireSpecialCharacters\n            minimumSpecialCharacters\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').StoreSettingsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
