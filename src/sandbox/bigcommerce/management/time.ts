import type { Hono } from 'hono';
import type { SandboxContext } from '../context.js';

/** `GET /v2/time` ("Get System Timestamp"): the clock to sign Customer Login JWTs with (customer-login.mdx). */
export function registerTimeRoute(api: Hono, ctx: SandboxContext): void {
  api.get('/v2/time', (c) => c.json({ time: ctx.clock.nowSeconds() }));
}
