import 'server-only';

export interface StorefrontSettings {
  gatewayUrl: string;
  storefrontUrl: string;
  storefrontToken: string;
  shopperIpHeader: string | undefined;
  trustedProxyCount: number;
}

/** Checked at start-up (lib/check-settings.mjs, from next.config.mjs); here they are only read. */
export function settings(env: NodeJS.ProcessEnv = process.env): StorefrontSettings {
  return {
    gatewayUrl: env.GATEWAY_URL ?? '',
    storefrontUrl: env.BIGCOMMERCE_STOREFRONT_URL ?? '',
    storefrontToken: env.BIGCOMMERCE_STOREFRONT_TOKEN ?? '',
    shopperIpHeader: env.SHOPPER_IP_HEADER?.toLowerCase() || undefined,
    trustedProxyCount: Number(env.TRUSTED_PROXY_COUNT ?? 0),
  };
}
