/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type RequestResetPasswordInput = {
  /** The email address of the customer requesting a reset password email. */
  email: string;
  /** A path to direct the customer to from the email. */
  path?: string | null | undefined;
};

export type ResetPasswordInput = {
  /** The customer ID of the customer resetting their password. */
  customerEntityId: number;
  /** The new password for the customer. */
  newPassword: string;
  /** The token sent to the customer in the reset password email. */
  token: string;
};

export type RequestResetPasswordMutationVariables = Exact<{
  input: RequestResetPasswordInput;
}>;


export type RequestResetPasswordMutation = { customer: { requestResetPassword: { errors: Array<{ __typename: 'ValidationError', message: string }> } } };

export type ResetPasswordMutationVariables = Exact<{
  input: ResetPasswordInput;
}>;


export type ResetPasswordMutation = { customer: { resetPassword: { errors: Array<
        | { __typename: 'CustomerPasswordError', message: string }
        | { __typename: 'ValidationError', message: string }
      > } } };

export type LoginWithCustomerLoginJwtMutationVariables = Exact<{
  jwt: string;
}>;


export type LoginWithCustomerLoginJwtMutation = { loginWithCustomerLoginJwt: { customer: { entityId: number, email: string, firstName: string, lastName: string } | null, customerAccessToken: { value: string, expiresAt: string } | null } };

export type StoreSettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type StoreSettingsQuery = { site: { settings: { storeName: string, customers: { passwordComplexitySettings: { minimumPasswordLength: number, requireLowerCase: boolean, requireUpperCase: boolean, requireNumbers: boolean, minimumNumbers: number, requireSpecialCharacters: boolean, minimumSpecialCharacters: number } | null } | null } | null } };

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

export const RequestResetPasswordDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<RequestResetPasswordMutation, RequestResetPasswordMutationVariables>;
export const ResetPasswordDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const LoginWithCustomerLoginJwtDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<LoginWithCustomerLoginJwtMutation, LoginWithCustomerLoginJwtMutationVariables>;
export const StoreSettingsDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<StoreSettingsQuery, StoreSettingsQueryVariables>;