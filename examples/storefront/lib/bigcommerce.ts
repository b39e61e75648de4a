/**
 * The one BigCommerce call this storefront makes itself, as Catalyst does in its `signIn('jwt')` provider: exchange a
 * Customer Login JWT (handed over by the gateway) for a customer access token, server-to-server.
 */
import 'server-only';
import { settings } from './settings';

export interface SignedInCustomer {
  id: string;
  name: string;
  email: string;
  customerAccessToken: string;
}

export async function loginWithCustomerLoginJwt(jwt: string): Promise<SignedInCustomer | null> {
  const { storefrontUrl, storefrontToken } = settings();
  const response = await fetch(`${storefrontUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${storefrontToken}` },
    body: JSON.stringify({
      query: `mutation LoginWithCustomerLoginJwt($jwt: String!) {
        loginWithCustomerLoginJwt(jwt: $jwt) { customer { entityId firstName lastName email } customerAccessToken { value } }
      }`,
      variables: { jwt },
    }),
    cache: 'no-store',
  });
  const body = (await response.json()) as {
    data?: { loginWithCustomerLoginJwt?: { customer: { entityId: number; firstName: string; lastName: string; email: string } | null; customerAccessToken: { value: string } | null } };
  };
  const result = body.data?.loginWithCustomerLoginJwt;
  if (!result?.customer || !result.customerAccessToken) return null;
  const { customer } = result;
  return {
    id: String(customer.entityId),
    name: `${customer.firstName} ${customer.lastName}`,
    email: customer.email,
    customerAccessToken: result.customerAccessToken.value,
  };
}
