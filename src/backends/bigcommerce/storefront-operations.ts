/**
 * Every Storefront GraphQL operation the gateway sends, typed by codegen (`npm run codegen`) against
 * storefront-schema.graphql. Secrets travel only in variables, never inlined into documents.
 */
import { graphql } from './generated/index.js';

export const RequestResetPasswordDocument = graphql(`
  mutation RequestResetPassword($input: RequestResetPasswordInput!) {
    customer {
      requestResetPassword(input: $input) {
        errors {
          __typename
          ... on Error {
            message
          }
        }
      }
    }
  }
`);

export const ResetPasswordDocument = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    customer {
      resetPassword(input: $input) {
        errors {
          __typename
          ... on Error {
            message
          }
        }
      }
    }
  }
`);

export const LoginWithCustomerLoginJwtDocument = graphql(`
  mutation LoginWithCustomerLoginJwt($jwt: String!) {
    loginWithCustomerLoginJwt(jwt: $jwt) {
      customer {
        entityId
        email
        firstName
        lastName
      }
      customerAccessToken {
        value
        expiresAt
      }
    }
  }
`);

export const StoreSettingsDocument = graphql(`
  query StoreSettings {
    site {
      settings {
        storeName
        customers {
          passwordComplexitySettings {
            minimumPasswordLength
            requireLowerCase
            requireUpperCase
            requireNumbers
            minimumNumbers
            requireSpecialCharacters
            minimumSpecialCharacters
          }
        }
      }
    }
  }
`);
