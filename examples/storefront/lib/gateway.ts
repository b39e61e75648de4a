/**
 * The gateway, as this storefront's server talks to it: the typed client with the shopper's IP (the gateway trusts
 * it from this server, listed in its TRUSTED_PROXIES) and the shopper's sign-in flow, which the gateway sets as a
 * cookie on its response and this storefront keeps as its own HttpOnly, Secure cookie, so a magic link works only in
 * the browser that asked for it.
 */
import 'server-only';
import { cookies, headers } from 'next/headers';
import { createGatewayClient } from 'headless-auth-gateway/client';
import { settings } from './settings';

const FLOW_COOKIE = 'gateway_signin_flow';

/**
 * The shopper's IP, the way the platform in front of this server vouches for it, or undefined (then the gateway's
 * per-IP limits count this whole server as one client: coarse, but nobody can choose their own bucket).
 *
 * Never the leftmost `X-Forwarded-For` hop: anyone can send that header, and Next.js passes a client's own value on
 * unchanged (it fills the header in only when it is absent), so forwarding it let every client pick its per-IP limit.
 * - `SHOPPER_IP_HEADER`: a header your platform sets itself and strips from clients (`x-real-ip` behind nginx,
 *   `cf-connecting-ip` on Cloudflare, `x-vercel-forwarded-for` on Vercel);
 * - or `TRUSTED_PROXY_COUNT`: how many proxies in front of this server append to `X-Forwarded-For`; the shopper is
 *   the hop that many places from the right (the rightmost one no proxy of yours wrote).
 */
export function shopperIp(requestHeaders: Headers): string | undefined {
  const { shopperIpHeader, trustedProxyCount } = settings();
  if (shopperIpHeader) return requestHeaders.get(shopperIpHeader)?.trim() || undefined;
  if (trustedProxyCount === 0) return undefined;
  const hops = (requestHeaders.get('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
  return hops.length >= trustedProxyCount ? hops[hops.length - trustedProxyCount] : undefined;
}

export async function gateway() {
  const requestHeaders = await headers();
  const jar = await cookies();
  const flow = jar.get(FLOW_COOKIE)?.value;
  const ip = shopperIp(requestHeaders);
  return createGatewayClient({
    url: settings().gatewayUrl,
    ...(ip ? { shopperIp: ip } : {}),
    ...(flow ? { cookie: `__Host-signin_flow=${flow}` } : {}),
    onResponse: (response) => {
      const setCookie = response.headers.get('set-cookie') ?? '';
      const match = /^__Host-signin_flow=([\w-]+);.*Max-Age=(\d+)/.exec(setCookie);
      // Secure: never sent over plain HTTP (browsers allow it on http://localhost for development).
      if (match?.[1]) jar.set(FLOW_COOKIE, match[1], { httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: Number(match[2]) });
    },
  });
}
