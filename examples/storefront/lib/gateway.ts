/**
 * The gateway, as this storefront's server talks to it: the typed client with the shopper's IP (the gateway trusts
 * it from this server, listed in its TRUSTED_PROXIES) and the shopper's sign-in flow, which the gateway sets as a
 * cookie on its response and this storefront keeps as its own HttpOnly cookie, so a magic link works only in the
 * browser that asked for it.
 */
import 'server-only';
import { cookies, headers } from 'next/headers';
import { createGatewayClient } from 'headless-auth-gateway/client';

const FLOW_COOKIE = 'gateway_signin_flow';

export async function gateway() {
  const requestHeaders = await headers();
  const jar = await cookies();
  const flow = jar.get(FLOW_COOKIE)?.value;
  const shopperIp = requestHeaders.get('x-forwarded-for')?.split(',')[0]?.trim() || '127.0.0.1';
  return createGatewayClient({
    url: process.env.GATEWAY_URL ?? 'http://localhost:4000/graphql',
    shopperIp,
    ...(flow ? { cookie: `__Host-signin_flow=${flow}` } : {}),
    onResponse: (response) => {
      const setCookie = response.headers.get('set-cookie') ?? '';
      const match = /^__Host-signin_flow=([\w-]+);.*Max-Age=(\d+)/.exec(setCookie);
      if (match?.[1]) jar.set(FLOW_COOKIE, match[1], { httpOnly: true, sameSite: 'lax', path: '/', maxAge: Number(match[2]) });
    },
  });
}
