import { BIGCOMMERCE_DEV_CREDENTIALS } from '../../contracts/bigcommerce/dev-credentials.js';

/** The store's display name, used in the mail BigCommerce sends ("Password change request for <store name>"). */
export const SANDBOX_STORE_NAME = 'Sandbox Store';

/** The store's public dev credentials (src/contracts: the gateway's sandbox mode reads the same data). */
export const SANDBOX_CREDENTIALS = BIGCOMMERCE_DEV_CREDENTIALS;


export interface SandboxChannel {
  id: number;
  name: string;
  /** Customer settings of the channel (`/v3/customers/settings/channels/{id}`): may global customers sign in? */
  allowGlobalLogins: boolean;
}

/**
 * The store's channels. Channel 1 is the default storefront every store has, open to global customers; channel 2
 * is a second storefront that keeps its customers to itself (`allow_global_logins: false`), which is enough to
 * exercise every multi-storefront rule.
 */
export const SANDBOX_CHANNELS: readonly SandboxChannel[] = [
  { id: 1, name: SANDBOX_STORE_NAME, allowGlobalLogins: true },
  { id: 2, name: 'Sandbox Outlet', allowGlobalLogins: false },
];

export const SANDBOX_CHANNEL_IDS: readonly number[] = SANDBOX_CHANNELS.map((channel) => channel.id);
