/** The store's display name, used in the mail BigCommerce sends ("Password change request for <store name>"). */
export const SANDBOX_STORE_NAME = 'Sandbox Store';

/**
 * Fixed, public dev credentials of the sandbox store. They are safe to publish only because the sandbox binds to
 * loopback and refuses to start in production (see main.ts / server.ts).
 */
export const SANDBOX_CREDENTIALS = {
  storeHash: 'sandbox',
  accessToken: 'sandbox-access-token',
  clientId: 'sandbox-client-id',
  clientSecret: 'sandbox-client-secret',
  channelId: 1,
} as const satisfies {
  storeHash: string;
  accessToken: string;
  clientId: string;
  clientSecret: string;
  channelId: number;
};


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
