/**
 * Where the Storefront API bearer token comes from: the configured `BIGCOMMERCE_STOREFRONT_TOKEN`, or a private
 * token the gateway mints through the Management API and renews before it expires (BigCommerce ends
 * server-to-server use of storefront tokens; private tokens are the server-side kind).
 */
import type { ManagementClient } from './management.js';

export interface StorefrontTokenSource {
  get(): Promise<string>;
  /** The upstream refused this token (401): forget it so the next `get` mints a new one, if it can. */
  invalidate(token: string): void;
}

export function configuredToken(token: string): StorefrontTokenSource {
  return { get: async () => token, invalidate: () => {} };
}

export interface MintedTokenOptions {
  management: Pick<ManagementClient, 'createPrivateStorefrontToken'>;
  /** Every channel the gateway calls the Storefront API of: one token serves them all. */
  channelIds: number[];
  lifetimeSeconds?: number;
  now?: () => number;
}

export function mintedPrivateToken(options: MintedTokenOptions): StorefrontTokenSource {
  const lifetime = options.lifetimeSeconds ?? 24 * 3600;
  const now = options.now ?? (() => Date.now() / 1000);
  let current: { token: string; renewAt: number } | null = null;
  // One mint in flight at a time, however many requests need a token at once.
  let minting: Promise<string> | null = null;

  async function mint(): Promise<string> {
    const issuedAt = now();
    const token = await options.management.createPrivateStorefrontToken({
      channelIds: options.channelIds,
      expiresAt: Math.floor(issuedAt + lifetime),
    });
    current = { token, renewAt: issuedAt + lifetime * 0.8 };
    return token;
  }

  return {
    async get() {
      if (current && now() < current.renewAt) return current.token;
      minting ??= mint().finally(() => {
        minting = null;
      });
      return minting;
    },
    invalidate(token) {
      if (current?.token === token) current = null;
    },
  };
}
