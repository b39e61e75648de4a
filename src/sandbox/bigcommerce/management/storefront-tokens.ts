import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { SandboxContext } from '../context.js';
import { SANDBOX_CHANNEL_IDS } from '../credentials.js';
import type { ApiTokenKind } from '../storefront/api-tokens.js';
import { readJsonBody } from './request.js';
import { errorResponse, issuesToErrors } from './responses.js';

/** A value above this is milliseconds, which `expires_at` "does not support" (storefront_tokens.v3.yml). */
const LARGEST_SECONDS_TIMESTAMP = 99_999_999_999;

const baseSchema = z.object({
  channel_id: z.number().int().min(1).optional(),
  channel_ids: z.array(z.number().int().min(1)).min(1).max(100).optional(),
  expires_at: z.number().int().min(0).max(LARGEST_SECONDS_TIMESTAMP, 'expires_at must be a unix timestamp in seconds'),
});
/** One schema for the three kinds; `scopes` is required for private tokens only (checked below). */
const tokenBodySchema = baseSchema.extend({
  allowed_cors_origins: z.array(z.string().min(1).max(2048)).min(1).max(2).optional(),
  scopes: z.array(z.enum(['Unauthenticated', 'Customer', 'B2B'])).min(1).optional(),
});

async function createToken(c: Context, ctx: SandboxContext, kind: ApiTokenKind): Promise<Response> {
  const title = 'Invalid JSON request body - missing or invalid data.';
  const body = await readJsonBody(c);
  if (!body.ok) return body.response;
  const parsed = tokenBodySchema.safeParse(body.value);
  if (!parsed.success) return errorResponse(c, 422, title, issuesToErrors(parsed.error.issues));
  const data = parsed.data;
  if (kind === 'private' && data.scopes === undefined) {
    return errorResponse(c, 422, title, { scopes: 'scopes is required for private tokens.' });
  }
  // Browser tokens only: CORS origins mean nothing to the other kinds; scopes only to private tokens.
  const corsOrigins = kind === 'storefront' ? (data.allowed_cors_origins ?? []) : [];
  const scopes = kind === 'private' ? data.scopes : undefined;
  // "one must be included in the request body. Including neither will throw an error, and including both will
  // result in unexpected behaviors." The sandbox makes "both" an error too.
  if ((data.channel_id === undefined) === (data.channel_ids === undefined)) {
    return errorResponse(c, 422, title, { channel_id: 'Provide exactly one of channel_id or channel_ids.' });
  }
  const channelIds = data.channel_ids ?? [data.channel_id ?? 0];
  const unknown = channelIds.filter((id) => !SANDBOX_CHANNEL_IDS.includes(id));
  if (unknown.length > 0) return errorResponse(c, 422, title, { channel_ids: `Channel ${unknown.join(', ')} does not exist.` });
  if (data.expires_at <= ctx.clock.nowSeconds()) {
    return errorResponse(c, 422, title, { expires_at: 'expires_at must be in the future.' });
  }
  const token = ctx.apiTokens.issue({
    kind,
    channelIds,
    expiresAt: data.expires_at,
    corsOrigins,
    ...(scopes === undefined ? {} : { scopes }),
  });
  ctx.options.log(`management: issued a ${kind} token for channel(s) ${channelIds.join(',')}`);
  return c.json({ data: { token }, meta: {} });
}

export function registerStorefrontTokenRoutes(api: Hono, ctx: SandboxContext): void {
  api.post('/v3/storefront/api-token', (c) => createToken(c, ctx, 'storefront'));
  api.post('/v3/storefront/api-token-private', (c) => createToken(c, ctx, 'private'));
  api.post('/v3/storefront/api-token-customer-impersonation', (c) => createToken(c, ctx, 'customer-impersonation'));

  // "Revoke access for a storefront API token or a private API token"; 422 "Invalid JWT Token provided or missing
  // JWT token header".
  api.delete('/v3/storefront/api-token', (c) => {
    const header = c.req.header('Sf-Api-Token')?.trim();
    const checked = header === undefined || header === '' ? undefined : ctx.apiTokens.checkSigned(header);
    if (checked === undefined || !checked.ok || checked.token.kind === 'customer-impersonation') {
      return errorResponse(c, 422, 'Invalid JWT Token provided or missing JWT token header');
    }
    ctx.state.revokedApiTokenIds.add(checked.token.claims.jti);
    ctx.options.log(`management: revoked a ${checked.token.kind} token`);
    return c.json({});
  });
}
