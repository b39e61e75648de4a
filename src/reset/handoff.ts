/**
 * The handoff cookie: a reset link's credential moved out of the URL (history, Referer, logs) into an
 * HttpOnly, Secure, SameSite=Strict cookie that only the GraphQL endpoint receives.
 */
import type { ResetCredential } from './strategy.js';

/**
 * `__Host-`: the browser accepts it only from this exact host, Secure, with Path=/ and no Domain, so a page on a
 * sibling subdomain cannot toss a cookie of its own in (a planted credential is a login-CSRF). The price is Path=/
 * instead of the GraphQL path alone; the cookie is HttpOnly and SameSite=Strict, and only the gateway's host sees it.
 */
export const HANDOFF_COOKIE = '__Host-reset_handoff';

/** Browsers drop a cookie over about 4 KB: a longer credential is refused (and the old cookie cleared) instead. */
export const MAX_HANDOFF_COOKIE_VALUE = 3800;

export function encodeHandoff(credential: ResetCredential): string {
  return Buffer.from(JSON.stringify(credential)).toString('base64url');
}

export function decodeHandoff(value: string | undefined): ResetCredential | null {
  if (!value || value.length > MAX_HANDOFF_COOKIE_VALUE) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { token, shopperId, customerId } = parsed as Record<string, unknown>;
    if (typeof token !== 'string' || token.length === 0) return null;
    // `customerId` (a number): a cookie set by the previous version, still valid for up to an hour after an upgrade.
    const shopper = typeof shopperId === 'string' ? shopperId : typeof customerId === 'number' ? String(customerId) : undefined;
    if ((shopperId !== undefined || customerId !== undefined) && shopper === undefined) return null;
    return shopper === undefined ? { token } : { token, shopperId: shopper };
  } catch {
    return null;
  }
}

/** `Set-Cookie` for the handoff, scoped to the path where resetPassword is called. */
export function handoffCookie(value: string, options: { path: string; maxAgeSeconds: number }): string {
  return [
    `${HANDOFF_COOKIE}=${value}`,
    `Path=${options.path}`,
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    'HttpOnly',
    'Secure',
    'SameSite=Strict',
  ].join('; ');
}

export function clearedHandoffCookie(path: string): string {
  return handoffCookie('', { path, maxAgeSeconds: 0 });
}

/** The value of one cookie in a `Cookie` request header. */
export function readCookie(header: string | null, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
