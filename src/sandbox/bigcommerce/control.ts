import { Hono } from 'hono';
import { z } from 'zod';
import type { SandboxContext } from './context.js';
import { setFaultsBodySchema } from '../kit/faults.js';

const clockBodySchema = z.object({ advanceSeconds: z.number().int().min(0).max(10 * 365 * 24 * 3600) }).strict();

async function readJson(request: Request): Promise<unknown> {
  try {
    return (await request.json()) as unknown;
  } catch {
    return undefined;
  }
}

function invalid(issues: z.ZodError['issues'] | string): Response {
  const message = typeof issues === 'string' ? issues : issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
  return Response.json({ error: 'invalid_request', message }, { status: 400 });
}

/**
 * `/__sandbox/*`: test and demo controls. No auth: the whole sandbox only ever binds to loopback (server.ts).
 *   GET    /__sandbox/mail[?to=email]   mail BigCommerce would have sent, newest first
 *   DELETE /__sandbox/mail              empty the outbox
 *   POST   /__sandbox/reset             back to the seed data (customers, attributes, tokens revoked, sessions,
 *                                       reset tokens, used JWT ids, outbox, quota, faults, clock)
 *   GET    /__sandbox/faults            the active faults
 *   POST   /__sandbox/faults            replace the faults: {"faults": [...]} (shape in faults.ts); [] clears
 *   POST   /__sandbox/clock             {"advanceSeconds": n}: move the sandbox clock forward (expire tokens)
 */
export function createControlRoutes(ctx: SandboxContext, resetAll: () => void): Hono {
  const control = new Hono();

  control.get('/mail', (c) => c.json(ctx.outbox.list(c.req.query('to'))));
  control.delete('/mail', (c) => {
    ctx.outbox.clear();
    return c.body(null, 204);
  });

  control.post('/reset', (c) => {
    resetAll();
    ctx.options.log('control: sandbox reset to seed data');
    return c.json({ reset: true });
  });

  control.get('/faults', (c) => c.json({ faults: ctx.faults.list() }));
  control.post('/faults', async (c) => {
    const parsed = setFaultsBodySchema.safeParse(await readJson(c.req.raw));
    if (!parsed.success) return invalid(parsed.error.issues);
    ctx.faults.set(parsed.data.faults);
    ctx.options.log(`control: ${parsed.data.faults.length} fault(s) set`);
    return c.json({ faults: ctx.faults.list() });
  });

  control.post('/clock', async (c) => {
    const parsed = clockBodySchema.safeParse(await readJson(c.req.raw));
    if (!parsed.success) return invalid(parsed.error.issues);
    ctx.clock.advance(parsed.data.advanceSeconds * 1000);
    return c.json({ time: ctx.clock.nowSeconds() });
  });

  return control;
}
