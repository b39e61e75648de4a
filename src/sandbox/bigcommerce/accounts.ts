import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { SandboxContext } from './context.js';
import { SANDBOX_STORE_NAME } from './credentials.js';
import { resetPasswordMail } from './mail-templates.js';
import { hashPassword } from '../kit/password-hash.js';
import { maskEmail } from '../kit/redact.js';
import type { CustomerRecord } from './state.js';
import { sha256Hex } from './state.js';

/** UNVERIFIED: BigCommerce does not publish the reset token's lifetime (fact sheet §7); one hour is the common norm. */
export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

/** UNVERIFIED: the customer access token lifetime is undocumented (graphql-storefront.mdx); 24 hours chosen. */
export const CUSTOMER_ACCESS_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/** BigCommerce's legacy Stencil reset route, used when no `path` is given (storefront-data-hooks #14). */
const DEFAULT_RESET_PATH = '/login.php?action=change_password';

/**
 * Link in BigCommerce's reset mail: `{site URL}{path}?c={customer id}&t={token}` (fact sheet §7, inferred from
 * Catalyst's change-password page, which reads `c` and `t`). `path` is always treated as a path on the site, so a
 * caller cannot turn the store's mail into a link to another host.
 */
export function buildResetLink(siteUrl: string, path: string | undefined, customerId: number, token: string): string {
  let relative = path === undefined || path.trim() === '' ? DEFAULT_RESET_PATH : path.trim();
  if (!relative.startsWith('/')) relative = `/${relative}`;
  relative = relative.replace(/^\/+/, '/');
  const url = new URL(`${siteUrl}${relative}`);
  url.searchParams.set('c', String(customerId));
  url.searchParams.set('t', token);
  return url.toString();
}

/**
 * Issues a fresh reset token and mails the link, as BigCommerce does for `requestResetPassword`, for a forced reset
 * at login, and for `PUT /customers` without `force_password_reset: false`. UNVERIFIED: only the newest token per
 * customer stays valid (a new request replaces the previous one), which is what a careful store does.
 */
export function mailPasswordResetLink(ctx: SandboxContext, customer: CustomerRecord, path?: string, channelId = 1): void {
  const token = randomBytes(24).toString('hex');
  ctx.state.resetTokens.set(customer.id, {
    tokenSha256: sha256Hex(token),
    expiresAtMs: ctx.clock.nowMs() + RESET_TOKEN_TTL_MS,
  });
  ctx.outbox.add(
    resetPasswordMail({
      to: customer.email,
      firstName: customer.firstName,
      storeName: SANDBOX_STORE_NAME,
      resetLink: buildResetLink(ctx.siteUrl(channelId), path, customer.id, token),
    }),
  );
  ctx.options.log(`mail: password reset link sent to customer ${customer.id} (${maskEmail(customer.email)})`);
}

/**
 * Whether the customer may sign in on the channel (channel-specific-customers guide): a customer with `channel_ids`
 * only on those channels; a global one (`channel_ids: null`) on its origin channel and wherever the channel's
 * customer settings allow global logins. UNVERIFIED: that the origin channel always admits its own global customers.
 */
export function maySignInOn(ctx: SandboxContext, customer: CustomerRecord, channelId: number): boolean {
  if (customer.channelIds !== null) return customer.channelIds.includes(channelId);
  return customer.originChannelId === channelId || ctx.state.channelSettings.get(channelId)?.allowGlobalLogins === true;
}

/** True when `token` is the customer's live (newest, unexpired, unused) reset token. Does not consume it. */
export function isLiveResetToken(ctx: SandboxContext, customerId: number, token: string): boolean {
  const record = ctx.state.resetTokens.get(customerId);
  if (record === undefined || record.expiresAtMs <= ctx.clock.nowMs()) return false;
  const expected = Buffer.from(record.tokenSha256, 'hex');
  const actual = Buffer.from(sha256Hex(token), 'hex');
  return timingSafeEqual(expected, actual);
}

/**
 * Sets a new password. UNVERIFIED: BigCommerce's handling of open sessions on a password change is undocumented;
 * ending them is the safe behaviour a store most plausibly has.
 */
export function changeCustomerPassword(
  ctx: SandboxContext,
  customer: CustomerRecord,
  newPassword: string,
  options: { keepSessions?: boolean } = {},
): void {
  customer.passwordHash = hashPassword(newPassword);
  customer.dateModified = ctx.clock.isoNow();
  if (options.keepSessions !== true) ctx.state.endSessionsOf(customer.id);
}

export interface IssuedCustomerAccessToken {
  value: string;
  expiresAtMs: number;
}

/**
 * Starts a storefront session. BigCommerce: "When you run the customer login mutation for a session on a new device,
 * the customer is automatically signed out of the previous session" (graphql-storefront.mdx), so older tokens end.
 * The value mimics the documented example `53ea9099…c0de7_1721406629` (random part, `_`, unix expiry).
 */
export function startCustomerSession(ctx: SandboxContext, customerId: number): IssuedCustomerAccessToken {
  ctx.state.pruneExpired();
  ctx.state.endSessionsOf(customerId);
  const expiresAtMs = ctx.clock.nowMs() + CUSTOMER_ACCESS_TOKEN_TTL_MS;
  const value = `${randomBytes(20).toString('hex')}_${Math.floor(expiresAtMs / 1000)}`;
  ctx.state.sessions.set(sha256Hex(value), { customerId, expiresAtMs });
  return { value, expiresAtMs };
}

/** The customer of a live customer access token, if any. */
export function customerOfAccessToken(ctx: SandboxContext, value: string): CustomerRecord | undefined {
  const session = ctx.state.sessions.get(sha256Hex(value));
  if (session === undefined) return undefined;
  if (session.expiresAtMs <= ctx.clock.nowMs()) {
    ctx.state.sessions.delete(sha256Hex(value));
    return undefined;
  }
  return ctx.state.customers.get(session.customerId);
}

export function endCustomerSession(ctx: SandboxContext, value: string): boolean {
  const customer = customerOfAccessToken(ctx, value);
  if (customer === undefined) return false;
  ctx.state.endSessionsOf(customer.id);
  return true;
}
