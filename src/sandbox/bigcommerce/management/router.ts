import { Hono } from 'hono';
import type { SandboxContext } from '../context.js';
import { SANDBOX_CREDENTIALS } from '../credentials.js';
import { registerAttributeValueRoutes } from './attribute-values.js';
import { registerAttributeRoutes } from './attributes.js';
import { registerChannelSettingsRoutes } from './channel-settings.js';
import { registerCustomerRoutes } from './customers.js';
import { errorResponse, errorResponseBody, notFoundResponse } from './responses.js';
import { registerStorefrontTokenRoutes } from './storefront-tokens.js';
import { registerTimeRoute } from './time.js';
import { registerValidateCredentialsRoute } from './validate-credentials.js';

/** `"PUT /v3/customers"`: the fault route key of a Management API request (see faults.ts). */
export function managementRouteKey(method: string, path: string): string {
  const rest = path.replace(/^\/stores\/[^/]+/, '').replace(/\/+$/, '');
  return `${method.toUpperCase()} ${rest === '' ? '/' : rest}`;
}

/**
 * The Management API, mounted at `/stores/:storeHash`. Every response carries the `X-Rate-Limit-*` headers; the
 * order of checks is: injected faults (they stand for the platform in front of the API), store hash, `X-Auth-Token`,
 * quota, then the route.
 */
export function createManagementApi(ctx: SandboxContext): Hono {
  const api = new Hono();

  api.use('*', async (c, next) => {
    const fault = await ctx.faults.apply([managementRouteKey(c.req.method, c.req.path)], c.req.raw.signal);
    if (fault.kind === 'abandoned') return c.body(null, 503);
    if (fault.kind === 'rate-limited') {
      return c.json(errorResponseBody(429, 'Too many requests'), 429, ctx.quota.rejectedHeaders());
    }
    if (fault.kind === 'error') {
      const status = fault.status as 500;
      return c.json(errorResponseBody(status, 'Injected fault: the sandbox answered with an error'), status, ctx.quota.peek());
    }

    if (c.req.param('storeHash') !== SANDBOX_CREDENTIALS.storeHash) {
      for (const [name, value] of Object.entries(ctx.quota.peek())) c.header(name, value);
      return notFoundResponse(c, 'Store not found');
    }
    if (c.req.header('X-Auth-Token') !== SANDBOX_CREDENTIALS.accessToken) {
      // UNVERIFIED body wording; the shape is `ErrorResponse` (customers.v3.yml, 401 "Unauthorized - the v3 Auth
      // client ID or token in the request are not a valid combination for this store").
      for (const [name, value] of Object.entries(ctx.quota.peek())) c.header(name, value);
      return errorResponse(c, 401, 'Unauthorized');
    }
    const decision = ctx.quota.take();
    if (!decision.allowed) {
      // customers.v3.yml 429 example, verbatim.
      return c.json(errorResponseBody(429, 'Too many requests'), 429, decision.headers);
    }
    for (const [name, value] of Object.entries(decision.headers)) c.header(name, value);
    await next();
    await ctx.faults.holdAnswer(fault.answerDelayMs, c.req.raw.signal);
  });

  registerChannelSettingsRoutes(api, ctx);
  registerCustomerRoutes(api, ctx);
  registerAttributeRoutes(api, ctx);
  registerAttributeValueRoutes(api, ctx);
  registerValidateCredentialsRoute(api, ctx);
  registerStorefrontTokenRoutes(api, ctx);
  registerTimeRoute(api, ctx);
  return api;
}
