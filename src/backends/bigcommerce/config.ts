/**
 * The BigCommerce section of the configuration (`COMMERCE_BACKEND=bigcommerce`, the default): the store's API
 * credentials, the channels served, and the sandbox mode used when no store is configured. Parsed with the common
 * section's tools (config-kit.ts), so one start-up lists every problem of every section at once.
 */
import { z } from 'zod';
import { addExamples, httpUrl, nonEmpty, positiveInt, type Problems } from '../../config-kit.js';
import { BIGCOMMERCE_DEV_CREDENTIALS } from '../../contracts/bigcommerce/dev-credentials.js';

/** The sandbox's fixed public dev credentials (loopback only, refused in production). */
export const SANDBOX_UPSTREAM = BIGCOMMERCE_DEV_CREDENTIALS;

export const BIGCOMMERCE_ENV = {
  BIGCOMMERCE_STORE_HASH: z.string().trim().regex(/^[a-z0-9]+$/i, 'must be the alphanumeric store hash').optional(),
  BIGCOMMERCE_ACCESS_TOKEN: nonEmpty.optional(),
  BIGCOMMERCE_CLIENT_ID: nonEmpty.optional(),
  BIGCOMMERCE_CLIENT_SECRET: nonEmpty.optional(),
  BIGCOMMERCE_CHANNEL_ID: positiveInt.default(1),
  BIGCOMMERCE_STOREFRONT_TOKEN: nonEmpty.optional(),
  BIGCOMMERCE_API_URL: httpUrl.optional(),
  BIGCOMMERCE_STOREFRONT_URL: httpUrl.optional(),
  NATIVE_RESET_PATH: z.string().regex(/^\/[^?#\s]*$/, 'must be a path starting with /').default('/password-reset'),
  NATIVE_RESET_TOKEN_TTL: positiveInt.max(7 * 24 * 3600).default(3600),
  BIGCOMMERCE_CHANNELS: z
    .string()
    .transform((v, ctx) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON array' });
        return z.NEVER;
      }
    })
    .pipe(
      z
        .array(
          z
            .object({
              id: z.number().int().positive(),
              siteUrl: httpUrl.optional(),
              storefrontUrl: httpUrl.optional(),
              name: z.string().trim().min(1).max(100).optional(),
              mailFrom: z.string().trim().min(3).optional(),
              resetPath: z.string().regex(/^\/[^?#\s]*$/, 'must be a path starting with /').optional(),
            })
            .strict(),
        )
        .min(1)
        .refine((list) => new Set(list.map((c) => c.id)).size === list.length, 'lists a channel id twice'),
    )
    .optional(),
};

/** The parsed settings this section reads: its own, and the two common ones it needs. */
type BigCommerceEnv = z.output<z.ZodObject<typeof BIGCOMMERCE_ENV>> & { UPSTREAM_TIMEOUT_MS: number; SANDBOX_PORT: number };

addExamples({
  BIGCOMMERCE_STORE_HASH: 'abc123',
  BIGCOMMERCE_API_URL: 'https://api.bigcommerce.com',
  BIGCOMMERCE_CHANNELS: '\'[{"id":1,"siteUrl":"https://shop.example.com"}]\'',
  NATIVE_RESET_PATH: '/password-reset',
});

/** A storefront (BigCommerce channel) the gateway serves. */
export interface ChannelConfig {
  id: number;
  /** The storefront's public site: where a browser finishes a sign-in (BigCommerce's `/login/token/{jwt}`). */
  siteUrl: string;
  /** The channel's Storefront GraphQL base (`/graphql` is appended). */
  storefrontUrl: string;
  /** Store name in the gateway's mail; absent: the store's name from BigCommerce. */
  name: string | undefined;
  /** Sender of the gateway's mail for this storefront; absent: `MAIL_FROM`. */
  mailFrom: string | undefined;
  /** native: the `path` BigCommerce's reset mail links to on this channel's site. */
  resetPath: string;
}

/** The store's API: credentials and endpoints. */
export interface BigCommerceClientConfig {
  storeHash: string;
  accessToken: string;
  clientId: string;
  clientSecret: string;
  channelId: number;
  /** Absent: the gateway mints a private token through the Management API and renews it. */
  storefrontToken: string | undefined;
  /** Management API base, e.g. https://api.bigcommerce.com (paths `/stores/{hash}/v3/...` are appended). */
  apiUrl: string;
  /** Storefront base, e.g. https://store-{hash}-{channel}.mybigcommerce.com (`/graphql` is appended). */
  storefrontUrl: string;
  timeoutMs: number;
}

export interface BigCommerceConfig extends BigCommerceClientConfig {
  /** The storefronts served; the first is the default (`BIGCOMMERCE_CHANNEL_ID`). */
  channels: ChannelConfig[];
}

/** Whether a store is configured (else: sandbox mode, the embedded sandbox with its public dev credentials). */
export function bigCommerceStoreConfigured(env: { BIGCOMMERCE_STORE_HASH?: string | undefined }): boolean {
  return Boolean(env.BIGCOMMERCE_STORE_HASH);
}

export function bigCommerceConfig(
  env: BigCommerceEnv,
  context: { mode: 'sandbox' | 'store'; production: boolean; publicUrl: string },
  problems: Problems,
): BigCommerceConfig {
  const client = context.mode === 'sandbox' ? sandboxUpstream(env) : storeUpstream(env, context.production, problems);
  return { ...client, channels: channelsConfig(env, client, context.publicUrl, problems) };
}

function storeUpstream(env: BigCommerceEnv, production: boolean, problems: Problems): BigCommerceClientConfig {
  const storeHash = problems.need(env.BIGCOMMERCE_STORE_HASH, 'BIGCOMMERCE_STORE_HASH', 'is required', '');
  const required = (name: 'BIGCOMMERCE_ACCESS_TOKEN' | 'BIGCOMMERCE_CLIENT_ID' | 'BIGCOMMERCE_CLIENT_SECRET') =>
    problems.need(env[name], name, 'is required when BIGCOMMERCE_STORE_HASH is set', '');
  const clientSecret = required('BIGCOMMERCE_CLIENT_SECRET');
  if (production && clientSecret === SANDBOX_UPSTREAM.clientSecret) {
    problems.add('BIGCOMMERCE_CLIENT_SECRET', 'is the public sandbox secret, refused in production');
  }
  if (env.BIGCOMMERCE_STOREFRONT_TOKEN && isServerRefusedStorefrontToken(env.BIGCOMMERCE_STOREFRONT_TOKEN)) {
    problems.add(
      'BIGCOMMERCE_STOREFRONT_TOKEN',
      'is a storefront token created after 2026-06-30, which BigCommerce refuses server-to-server; unset it (the gateway then mints a private token) or give a private token',
    );
  }
  return {
    storeHash,
    accessToken: required('BIGCOMMERCE_ACCESS_TOKEN'),
    clientId: required('BIGCOMMERCE_CLIENT_ID'),
    clientSecret,
    channelId: env.BIGCOMMERCE_CHANNEL_ID,
    storefrontToken: env.BIGCOMMERCE_STOREFRONT_TOKEN,
    apiUrl: env.BIGCOMMERCE_API_URL ?? 'https://api.bigcommerce.com',
    storefrontUrl:
      env.BIGCOMMERCE_STOREFRONT_URL ?? `https://store-${storeHash}-${env.BIGCOMMERCE_CHANNEL_ID}.mybigcommerce.com`,
    timeoutMs: env.UPSTREAM_TIMEOUT_MS,
  };
}

/**
 * `BIGCOMMERCE_CHANNELS`, or the one configured channel. The default channel (`BIGCOMMERCE_CHANNEL_ID`) comes first;
 * a channel's Storefront URL defaults to its permanent URL `store-{hash}-{id}`, its site to `PUBLIC_URL`. In sandbox
 * mode, main.ts points both at the embedded sandbox once it runs (it serves channels 1 and 2).
 */
function channelsConfig(env: BigCommerceEnv, bigcommerce: BigCommerceClientConfig, publicUrl: string, problems: Problems): ChannelConfig[] {
  const listed = env.BIGCOMMERCE_CHANNELS ?? (env.BIGCOMMERCE_STORE_HASH ? [{ id: bigcommerce.channelId }] : [{ id: 1 }, { id: 2 }]);
  const channels = listed.map((channel) => ({
    id: channel.id,
    siteUrl: channel.siteUrl ?? publicUrl,
    storefrontUrl:
      channel.storefrontUrl ??
      (channel.id === bigcommerce.channelId ? bigcommerce.storefrontUrl : `https://store-${bigcommerce.storeHash}-${channel.id}.mybigcommerce.com`),
    name: channel.name,
    mailFrom: channel.mailFrom,
    resetPath: channel.resetPath ?? env.NATIVE_RESET_PATH,
  }));
  const main = channels.find((channel) => channel.id === bigcommerce.channelId);
  if (!main) {
    problems.add('BIGCOMMERCE_CHANNELS', `must include BIGCOMMERCE_CHANNEL_ID (${bigcommerce.channelId})`);
    return channels;
  }
  return [main, ...channels.filter((channel) => channel !== main)];
}

/**
 * storefront_tokens.v3.yml: storefront (not private) tokens created after 2026-06-30 never get server-to-server
 * support. Their JWT payload says what they are: `token_type` 1 is a storefront token (UNVERIFIED numbering: private
 * tokens are another type) and `iat` when it was made. A token that cannot be read this way is left to BigCommerce.
 */
function isServerRefusedStorefrontToken(token: string): boolean {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { token_type?: unknown; iat?: unknown };
    return payload.token_type === 1 && typeof payload.iat === 'number' && payload.iat >= Date.UTC(2026, 6, 1) / 1000;
  } catch {
    return false;
  }
}

function sandboxUpstream(env: BigCommerceEnv): BigCommerceClientConfig {
  // The URLs are provisional: main.ts starts the sandbox (possibly on another free port) and points them at it.
  const url = `http://127.0.0.1:${env.SANDBOX_PORT}`;
  return {
    ...SANDBOX_UPSTREAM,
    storefrontToken: undefined,
    apiUrl: url,
    storefrontUrl: url,
    timeoutMs: env.UPSTREAM_TIMEOUT_MS,
  };
}

/**
 * Sandbox mode: point every BigCommerce URL at a running sandbox (embedded by main.ts, or a test's), by URL only,
 * exactly as at a store. It serves channel n's Storefront API and site at /channels/n (channel 1 at its root).
 */
export function withEmbeddedSandbox<C extends { bigcommerce: BigCommerceConfig | null; sandbox: { siteUrl: string | undefined } | null }>(config: C, sandboxUrl: string): C {
  const { bigcommerce } = config;
  if (!bigcommerce) return config;
  const channelBase = (id: number) => (id === 1 ? sandboxUrl : `${sandboxUrl}/channels/${id}`);
  return {
    ...config,
    bigcommerce: {
      ...bigcommerce,
      apiUrl: sandboxUrl,
      storefrontUrl: channelBase(bigcommerce.channelId),
    // A storefront given as the sandbox's site (SANDBOX_SITE_URL) is where channel 1's browsers finish signing in.
      channels: bigcommerce.channels.map((channel) => ({
      ...channel,
      storefrontUrl: channelBase(channel.id),
      siteUrl: channel.id === 1 && config.sandbox?.siteUrl ? config.sandbox.siteUrl : channelBase(channel.id),
      })),
    },
  };
}

