import type { AccountSession, Customer, CustomerSession } from '../backends/backend.js';
import { builder } from './builder.js';

export const CustomerType = builder.objectRef<Customer>('Customer').implement({
  description: 'A shopper of the commerce backend (a BigCommerce customer; an Elastic Path account member).',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The shopper's id at the backend (BigCommerce: the customer id, as a string)." }),
    entityId: t.exposeInt('entityId', {
      description: 'The BigCommerce customer id.',
      deprecationReason: 'Use `id`: not every backend has integer ids (0 where it has none).',
    }),
    email: t.exposeString('email'),
    firstName: t.exposeString('firstName'),
    lastName: t.exposeString('lastName'),
  }),
});

const AccountSessionType = builder.objectRef<AccountSession>('AccountSession').implement({
  description: "One account's session, where the backend issues one per account (Elastic Path's Account Management tokens).",
  fields: (t) => ({
    accountId: t.exposeID('accountId'),
    accountName: t.exposeString('accountName'),
    token: t.exposeString('token', { description: 'Elastic Path: send as `EP-Account-Management-Authentication-Token`.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
});

export const CustomerSessionType = builder.objectRef<CustomerSession>('CustomerSession').implement({
  description:
    "The shopper's session. BigCommerce: a customer access token, sent as `X-Bc-Customer-Access-Token` on server-to-server Storefront API calls. Backends with one token per account: the token of the account signed in to, and every account's in `accounts`.",
  fields: (t) => ({
    customerAccessToken: t.exposeString('customerAccessToken'),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    accounts: t.expose('accounts', {
      type: [AccountSessionType],
      description: 'One session per account the shopper belongs to (empty where the backend has a single session).',
    }),
  }),
});
