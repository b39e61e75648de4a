import type { Hono } from 'hono';
import { z } from 'zod';
import type { SandboxContext } from '../context.js';
import { maySignInOn } from '../accounts.js';
import { verifyPassword } from '../../kit/password-hash.js';
import { readJsonBody } from './request.js';
import { errorResponse, issuesToErrors } from './responses.js';

const bodySchema = z.object({
  email: z.string().min(1).max(255),
  password: z.string().min(1).max(1024),
  channel_id: z.number().int().positive().optional(),
});

/**
 * `POST /customers/validate-credentials`: checks a password without starting a session (so, unlike `login`, it does
 * not end the customer's other session). "If channel_id is empty, we will use channel 1." UNVERIFIED: the
 * "special rate limiting protections" are unpublished; only the store-wide quota applies here.
 */
export function registerValidateCredentialsRoute(api: Hono, ctx: SandboxContext): void {
  api.post('/v3/customers/validate-credentials', async (c) => {
    const body = await readJsonBody(c);
    if (!body.ok) return body.response;
    const parsed = bodySchema.safeParse(body.value);
    if (!parsed.success) return errorResponse(c, 422, 'Missing required fields', issuesToErrors(parsed.error.issues));
    const channelId = parsed.data.channel_id ?? 1;
    const customer = ctx.state.findCustomerByEmail(parsed.data.email);
    const valid =
      customer !== undefined &&
      maySignInOn(ctx, customer, channelId) &&
      verifyPassword(parsed.data.password, customer.passwordHash);
    return c.json({ is_valid: valid, customer_id: valid ? customer.id : null });
  });
}
