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

/** The store's display name, used in the mail BigCommerce sends ("Password change request for <store name>"). */
export const SANDBOX_STORE_NAME = 'Sandbox Store';

/** The channels this store has. BigCommerce stores always have channel 1 (the default storefront). */
export const SANDBOX_CHANNEL_IDS: readonly number[] = [SANDBOX_CREDENTIALS.channelId];
