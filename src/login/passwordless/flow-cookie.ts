/**
 * The sign-in flow cookie: the id of the browser that asked for a code, so the magic link signs in only there.
 * HttpOnly (no script reads it), Secure, SameSite=Strict (never sent from another site's page), and Path=/ because
 * both the GraphQL endpoint and the link page read it. It lives as long as the code.
 */
import { newLinkSecret } from '../../onetime/secrets.js';

/** `__Host-`: only this host can set it (no cookie tossing from a sibling subdomain); Path=/ as the prefix requires. */
export const SIGN_IN_FLOW_COOKIE = '__Host-signin_flow';

const FLOW_ID = /^[\w-]{43}$/;

/** The browser's flow id: the one its cookie already holds (so asking again keeps the link working), or a new one. */
export function flowIdFrom(cookieValue: string | undefined): string {
  return cookieValue !== undefined && FLOW_ID.test(cookieValue) ? cookieValue : newLinkSecret();
}

export function flowCookie(flowId: string, maxAgeSeconds: number): string {
  return [`${SIGN_IN_FLOW_COOKIE}=${flowId}`, 'Path=/', `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'Secure', 'SameSite=Strict'].join('; ');
}
