/**
 * BigCommerce's shoppers as the flows see them (backends/backend.ts `ShopperDirectory`): customers found by email or
 * id through the Management API, and which channel (storefront) each may sign in on: a customer with `channel_ids`
 * only on those channels; a global one (`channel_ids: null`) on its origin channel and on channels whose customer
 * settings allow global logins. The settings are read once per channel and cached, so checking costs no upstream
 * call in the common case.
 */
import type { Shopper, ShopperDirectory, StorefrontId } from '../backend.js';
import type { ManagementClient, ManagementCustomer } from './management.js';

/** BigCommerce customer ids are positive 32-bit ints (`Int!` upstream): anything else names nobody. */
export const CUSTOMER_ID = /^[1-9]\d{0,9}$/;

export function toShopper(customer: ManagementCustomer): Shopper {
  return {
    id: String(customer.id),
    username: customer.email,
    email: customer.email,
    firstName: customer.first_name,
    lastName: customer.last_name,
    access: Array.isArray(customer.channel_ids)
      ? { only: customer.channel_ids.map(String) }
      : { home: customer.origin_channel_id === undefined ? null : String(customer.origin_channel_id) },
  };
}

export class BigCommerceDirectory implements ShopperDirectory {
  private readonly settings = new Map<string, { allowGlobalLogins: boolean; readAt: number }>();

  constructor(
    private readonly management: Pick<ManagementClient, 'findCustomerByEmail' | 'getCustomer' | 'channelAllowsGlobalLogins'>,
    /** The channels the gateway serves, default first. */
    private readonly served: readonly StorefrontId[],
    private readonly ttlMs = 5 * 60_000,
  ) {}

  async findByUsername(email: string): Promise<Shopper | null> {
    const customer = await this.management.findCustomerByEmail(email);
    return customer ? toShopper(customer) : null;
  }

  async getById(id: string): Promise<Shopper | null> {
    if (!CUSTOMER_ID.test(id)) return null;
    const customer = await this.management.getCustomer(Number(id));
    return customer ? toShopper(customer) : null;
  }

  async mayUseStorefront(shopper: Shopper, storefront: StorefrontId): Promise<boolean> {
    if ('only' in shopper.access) return shopper.access.only.includes(storefront);
    // UNVERIFIED (as in the sandbox): a global customer may always sign in on the channel it was created on.
    if (shopper.access.home === storefront) return true;
    return this.allowsGlobalLogins(storefront);
  }

  async storefrontFor(shopper: Shopper, preferred: StorefrontId): Promise<StorefrontId | null> {
    if (await this.mayUseStorefront(shopper, preferred)) return preferred;
    for (const id of this.served) if (id !== preferred && (await this.mayUseStorefront(shopper, id))) return id;
    return null;
  }

  private async allowsGlobalLogins(channel: StorefrontId): Promise<boolean> {
    const cached = this.settings.get(channel);
    if (cached && Date.now() - cached.readAt < this.ttlMs) return cached.allowGlobalLogins;
    const allowGlobalLogins = await this.management.channelAllowsGlobalLogins(Number(channel));
    this.settings.set(channel, { allowGlobalLogins, readAt: Date.now() });
    return allowGlobalLogins;
  }
}
