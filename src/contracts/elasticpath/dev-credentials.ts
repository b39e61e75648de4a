/**
 * The Elastic Path emulator's fixed, public dev credentials: data both sides read (the emulator serves them, the
 * gateway's sandbox mode connects with them), so neither imports the other. Safe to publish only because the
 * emulator binds to loopback and refuses to start in production.
 */
export const ELASTICPATH_DEV_CREDENTIALS = {
  clientId: 'ep-sandbox-client-id',
  clientSecret: 'ep-sandbox-client-secret',
  storeId: '5b1c2f7e-0d2a-4a8e-9c1b-2f3e4d5c6b7a',
  realmId: '0f6c1a52-8d4b-4a3e-b6f1-6a2c9e1d7b34',
  passwordProfileId: '9a44bb7e-e377-4382-b36e-c8030aad1c2d',
  webhookSecret: 'ep-sandbox-webhook-secret',
} as const;

/** The demo shoppers: the BigCommerce sandbox's addresses, plus one member with two accounts and one with none. */
export const ELASTICPATH_DEMO_PASSWORD = 'Password123';
