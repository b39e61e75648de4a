/**
 * The BigCommerce sandbox's fixed, public dev credentials: data that both sides read (the sandbox serves them, the
 * gateway's sandbox mode connects with them), so neither imports the other. Safe to publish only because the
 * sandbox binds to loopback and refuses to start in production, and the gateway refuses its client secret there.
 */
export const BIGCOMMERCE_DEV_CREDENTIALS = {
  storeHash: 'sandbox',
  accessToken: 'sandbox-access-token',
  clientId: 'sandbox-client-id',
  clientSecret: 'sandbox-client-secret',
  channelId: 1,
} as const;
