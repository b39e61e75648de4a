/**
 * The Elastic Path section of the configuration (`COMMERCE_BACKEND=elasticpath`). Without `EP_CLIENT_ID` the gateway
 * runs in sandbox mode against the embedded Elastic Path emulator, with its public dev credentials.
 */
import { z } from 'zod';
import { addExamples, boolean, httpUrl, list, nonEmpty, type Problems } from '../../config-kit.js';
import { ELASTICPATH_DEV_CREDENTIALS } from '../../contracts/elasticpath/dev-credentials.js';

export const ELASTICPATH_ENV = {
  EP_API_URL: httpUrl.optional(),
  EP_CLIENT_ID: nonEmpty.optional(),
  EP_CLIENT_SECRET: nonEmpty.optional(),
  EP_PASSWORD_PROFILE_ID: z.uuid('must be the password profile id (a UUID)').optional(),
  EP_REALM_ID: z.uuid('must be the authentication realm id (a UUID)').optional(),
  EP_WEBHOOK_SECRET: list.pipe(z.array(z.string().min(16, 'must be at least 16 characters')).min(1).max(2, 'must be one secret, or two while rotating (the new one first)')).optional(),
  EP_CREATE_INTEGRATION: boolean.default(false),
  EP_STORE_NAME: z.string().trim().min(1).max(100).optional(),
};

type ElasticPathEnv = z.output<z.ZodObject<typeof ELASTICPATH_ENV>> & { UPSTREAM_TIMEOUT_MS: number; SANDBOX_PORT: number };

addExamples({
  EP_API_URL: 'https://useast.api.elasticpath.com',
  EP_PASSWORD_PROFILE_ID: '9a44bb7e-e377-4382-b36e-c8030aad1c2d',
  EP_WEBHOOK_SECRET: '"$(openssl rand -base64 32)"',
  EP_STORE_NAME: '"Example Shop"',
});

export interface ElasticPathConfig {
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  passwordProfileId: string;
  /** Absent: read from the account-authentication settings at start-up. */
  realmId: string | undefined;
  /** `X-Moltin-Secret-Key` values accepted (the first is the integration's; a second while rotating). */
  webhookSecrets: string[];
  /** Create the integration observing `one-time-password-token-request.created` when none points at us. */
  createIntegration: boolean;
  storeName: string;
  timeoutMs: number;
}

export function elasticPathStoreConfigured(env: { EP_CLIENT_ID?: string | undefined }): boolean {
  return Boolean(env.EP_CLIENT_ID);
}

export function elasticPathConfig(env: ElasticPathEnv, context: { mode: 'sandbox' | 'store'; production: boolean }, problems: Problems): ElasticPathConfig {
  if (context.mode === 'sandbox') {
    const dev = ELASTICPATH_DEV_CREDENTIALS;
    return {
      // Provisional: main.ts starts the emulator and points this at it.
      apiUrl: `http://127.0.0.1:${env.SANDBOX_PORT}`,
      clientId: dev.clientId,
      clientSecret: dev.clientSecret,
      passwordProfileId: dev.passwordProfileId,
      realmId: dev.realmId,
      webhookSecrets: [dev.webhookSecret],
      createIntegration: false,
      storeName: env.EP_STORE_NAME ?? 'Sandbox Store',
      timeoutMs: env.UPSTREAM_TIMEOUT_MS,
    };
  }
  const required = <T>(value: T | undefined, name: string) => problems.need(value, name, 'is required with COMMERCE_BACKEND=elasticpath', '' as T);
  const clientSecret = required(env.EP_CLIENT_SECRET, 'EP_CLIENT_SECRET');
  if (context.production && clientSecret === ELASTICPATH_DEV_CREDENTIALS.clientSecret) {
    problems.add('EP_CLIENT_SECRET', 'is the public sandbox secret, refused in production');
  }
  return {
    apiUrl: required(env.EP_API_URL, 'EP_API_URL'),
    clientId: env.EP_CLIENT_ID ?? '',
    clientSecret,
    passwordProfileId: required(env.EP_PASSWORD_PROFILE_ID, 'EP_PASSWORD_PROFILE_ID'),
    realmId: env.EP_REALM_ID,
    // Elastic Path sends the secret to anyone the integration names: without one, anybody could post codes to us.
    webhookSecrets: required(env.EP_WEBHOOK_SECRET, 'EP_WEBHOOK_SECRET'),
    createIntegration: env.EP_CREATE_INTEGRATION,
    // Elastic Path has no store name to read, and mails name the store in their subject.
    storeName: required(env.EP_STORE_NAME, 'EP_STORE_NAME'),
    timeoutMs: env.UPSTREAM_TIMEOUT_MS,
  };
}

/** Sandbox mode: point the backend at a running emulator, by URL only. */
export function withEmbeddedElasticPath<C extends { elasticpath: ElasticPathConfig | null }>(config: C, emulatorUrl: string): C {
  return config.elasticpath ? { ...config, elasticpath: { ...config.elasticpath, apiUrl: emulatorUrl } } : config;
}
