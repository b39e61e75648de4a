import { GraphQLError } from 'graphql';
import { customerOfAccessToken } from '../accounts.js';
import type { CustomerRecord } from '../state.js';
import type { StorefrontRequestContext } from './context.js';

/** The Storefront `Customer` type (fields of the SDL subset). */
export interface CustomerView {
  entityId: number;
  company: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
}

export function toCustomerView(customer: CustomerRecord): CustomerView {
  return {
    entityId: customer.id,
    company: customer.company,
    email: customer.email,
    firstName: customer.firstName,
    lastName: customer.lastName,
    phone: customer.phone,
  };
}

export type ActingCustomer =
  | { kind: 'guest' }
  | { kind: 'customer'; customer: CustomerRecord }
  /** Impersonation named a customer id that does not exist. */
  | { kind: 'missing' };

/** Who the request acts as: the customer of the access token, or of `X-Bc-Customer-Id` with an impersonation token. */
export function actingCustomer(ctx: StorefrontRequestContext): ActingCustomer {
  if (ctx.customerAccessToken !== undefined) {
    const customer = customerOfAccessToken(ctx.sandbox, ctx.customerAccessToken);
    if (customer !== undefined) return { kind: 'customer', customer };
    if (ctx.errorOnInvalidCustomerAccessToken) {
      throw new GraphQLError('Invalid customer access token.', { extensions: { code: 'INVALID_CUSTOMER_ACCESS_TOKEN' } });
    }
    return { kind: 'guest' };
  }
  if (ctx.apiToken.kind === 'customer-impersonation' && ctx.impersonatedCustomerId !== undefined) {
    const customer = ctx.sandbox.state.customers.get(ctx.impersonatedCustomerId);
    return customer === undefined ? { kind: 'missing' } : { kind: 'customer', customer };
  }
  return { kind: 'guest' };
}
