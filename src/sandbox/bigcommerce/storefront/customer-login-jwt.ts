import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { SandboxContext } from '../context.js';
import { SANDBOX_CHANNEL_IDS, SANDBOX_CREDENTIALS } from '../credentials.js';
import { maySignInOn } from '../accounts.js';
import type { CustomerRecord } from '../state.js';

/** A KeyObject, made once: given a string, jsonwebtoken tries it as a PEM key on every call first. */
const CLIENT_SECRET_KEY = createSecretKey(Buffer.from(SANDBOX_CREDENTIALS.clientSecret, 'utf8'));

/** UNVERIFIED: tolerance for an `iat` slightly in the future (clock skew) is undocumented; 5 s chosen. */
export const CUSTOMER_LOGIN_JWT_FUTURE_SKEW_SECONDS = 5;

/** customer-login.mdx: `redirect_to` defaults to `/account.php`. */
const DEFAULT_REDIRECT = '/account.php';

/**
 * Messages of the top-level GraphQL errors for a rejected Customer Login JWT. UNVERIFIED: BigCommerce's wording is
 * unpublished. All start with "Invalid JWT" so a client can classify them, and none echoes the token.
 */
export const CUSTOMER_LOGIN_JWT_ERRORS = {
  malformed: 'Invalid JWT: the token is not a well-formed JWT.',
  algorithm: 'Invalid JWT: the token must be signed with HS256.',
  signature: 'Invalid JWT: the signature does not match the API account client secret.',
  claims: 'Invalid JWT: required claims are missing or malformed (iss, iat, jti, operation, store_hash, customer_id).',
  issuer: 'Invalid JWT: iss does not match the API account client ID.',
  operation: 'Invalid JWT: operation must be customer_login.',
  store: 'Invalid JWT: store_hash does not match this store.',
  channel: 'Invalid JWT: channel_id is not a channel of this store.',
  expired: 'Invalid JWT: the token has expired (iat is only valid for a short time).',
  future: 'Invalid JWT: iat is in the future.',
  reused: 'Invalid JWT: this token has already been used.',
  customer: 'Invalid JWT: the customer does not exist.',
} as const;

/** Claims from customer-login.mdx (names verbatim); `operation` and `store_hash` are checked separately. */
const claimsSchema = z.object({
  iss: z.string(),
  iat: z.number().int(),
  jti: z.string().min(1).max(512),
  operation: z.string(),
  store_hash: z.string(),
  customer_id: z.number().int().positive(),
  channel_id: z.number().int().positive().optional(),
  redirect_to: z.string().max(2048).optional(),
  request_ip: z.string().optional(),
  enable_persistent_cart: z.boolean().optional(),
});

export type CustomerLoginJwtCheck =
  | { ok: true; customer: CustomerRecord; redirectTo: string; channelId: number }
  | { ok: false; message: string };

/**
 * BigCommerce's rules (customer-login.mdx, customer_login.yml): HS256 signed with the client secret, `iss` = client
 * id, `operation` = `customer_login`, `store_hash`, an existing `customer_id`, `channel_id` (default 1), "the JWT's
 * iat (issued at) claim is only valid for 30 seconds", and each `jti` is usable once.
 */
export function checkCustomerLoginJwt(ctx: SandboxContext, token: string): CustomerLoginJwtCheck {
  const fail = (message: string): CustomerLoginJwtCheck => ({ ok: false, message });
  const decoded = jwt.decode(token, { complete: true });
  if (decoded === null || typeof decoded.payload === 'string') return fail(CUSTOMER_LOGIN_JWT_ERRORS.malformed);
  if (decoded.header.alg !== 'HS256') return fail(CUSTOMER_LOGIN_JWT_ERRORS.algorithm);
  try {
    // `iat` is judged against the sandbox clock below; a present `exp` must hold at that clock too.
    jwt.verify(token, CLIENT_SECRET_KEY, {
      algorithms: ['HS256'],
      clockTimestamp: ctx.clock.nowSeconds(),
    });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) return fail(CUSTOMER_LOGIN_JWT_ERRORS.expired);
    if (error instanceof jwt.NotBeforeError) return fail(CUSTOMER_LOGIN_JWT_ERRORS.future);
    return fail(CUSTOMER_LOGIN_JWT_ERRORS.signature);
  }
  const parsed = claimsSchema.safeParse(decoded.payload);
  if (!parsed.success) return fail(CUSTOMER_LOGIN_JWT_ERRORS.claims);
  const claims = parsed.data;
  if (claims.iss !== SANDBOX_CREDENTIALS.clientId) return fail(CUSTOMER_LOGIN_JWT_ERRORS.issuer);
  if (claims.operation !== 'customer_login') return fail(CUSTOMER_LOGIN_JWT_ERRORS.operation);
  if (claims.store_hash !== SANDBOX_CREDENTIALS.storeHash) return fail(CUSTOMER_LOGIN_JWT_ERRORS.store);
  const channelId = claims.channel_id ?? 1;
  if (!SANDBOX_CHANNEL_IDS.includes(channelId)) return fail(CUSTOMER_LOGIN_JWT_ERRORS.channel);

  const now = ctx.clock.nowSeconds();
  const maxAge = ctx.options.customerLoginJwtMaxAgeSeconds;
  if (claims.iat > now + CUSTOMER_LOGIN_JWT_FUTURE_SKEW_SECONDS) return fail(CUSTOMER_LOGIN_JWT_ERRORS.future);
  if (claims.iat < now - maxAge) return fail(CUSTOMER_LOGIN_JWT_ERRORS.expired);

  ctx.state.pruneExpired();
  if (ctx.state.usedCustomerLoginJwtIds.has(claims.jti)) return fail(CUSTOMER_LOGIN_JWT_ERRORS.reused);
  // A correctly signed, fresh token is spent on its first presentation, whatever happens next. The id only needs
  // remembering until its iat ages out, after which the age check rejects it anyway.
  ctx.state.usedCustomerLoginJwtIds.set(claims.jti, (claims.iat + maxAge + 1) * 1000);

  const customer = ctx.state.customers.get(claims.customer_id);
  if (customer === undefined || !maySignInOn(ctx, customer, channelId)) return fail(CUSTOMER_LOGIN_JWT_ERRORS.customer);
  return { ok: true, customer, redirectTo: claims.redirect_to ?? DEFAULT_REDIRECT, channelId };
}
