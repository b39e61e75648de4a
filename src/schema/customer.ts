import type { Customer, CustomerSession } from '../customer.js';
import { builder } from './builder.js';

export const CustomerType = builder.objectRef<Customer>('Customer').implement({
  description: 'A BigCommerce customer.',
  fields: (t) => ({
    entityId: t.exposeInt('entityId', { description: 'The BigCommerce customer id.' }),
    email: t.exposeString('email'),
    firstName: t.exposeString('firstName'),
    lastName: t.exposeString('lastName'),
  }),
});

export const CustomerSessionType = builder.objectRef<CustomerSession>('CustomerSession').implement({
  description:
    'A BigCommerce customer session. Send the token as `X-Bc-Customer-Access-Token` on server-to-server Storefront API calls.',
  fields: (t) => ({
    customerAccessToken: t.exposeString('customerAccessToken'),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
});
