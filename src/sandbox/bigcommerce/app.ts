import { Hono } from 'hono';
import { SandboxClock } from '../kit/clock.js';
import type { SandboxContext } from './context.js';
import { createControlRoutes } from './control.js';
import { FaultRegistry } from '../kit/faults.js';
import { ManagementQuota } from './management/quota.js';
import { errorResponseBody } from './management/responses.js';
import { createManagementApi } from './management/router.js';
import type { SandboxOptions } from './options.js';
import { resolveSandboxOptions } from './options.js';
import { Outbox } from './outbox.js';
import { SandboxState } from './state.js';
import { StorefrontApiTokens } from './storefront/api-tokens.js';
import { registerBrowserLogin } from './storefront/browser-login.js';
import { createGraphqlHandler } from './storefront/graphql-route.js';

export interface SandboxApp {
  /** Answers one request (a WHATWG fetch handler), e.g. for in-process tests without a socket. */
  fetch: (request: Request) => Response | Promise<Response>;
  /** The URL the sandbox is reachable at; the default site URL for links in mail. */
  setPublicUrl(url: string): void;
  /** Back to the seed data (same as POST /__sandbox/reset). */
  reset(): void;
  /** Ends delayed and hanging requests (injected latency/timeouts), so the server can close at once. */
  releaseHangingRequests(): void;
}

/** Builds the sandbox (Management API, Storefront GraphQL, control routes) without binding a socket. */
export function createSandboxApp(options: SandboxOptions = {}): SandboxApp {
  const resolved = resolveSandboxOptions(options);
  const clock = new SandboxClock();
  const state = new SandboxState(clock);
  let publicUrl = `http://${options.host ?? '127.0.0.1'}:${options.port ?? 4010}`;
  const ctx: SandboxContext = {
    options: resolved,
    clock,
    state,
    outbox: new Outbox(clock),
    faults: new FaultRegistry(),
    quota: new ManagementQuota(resolved.quota, clock),
    apiTokens: new StorefrontApiTokens(clock, state),
    siteUrl: (channelId = 1) => resolved.channelSiteUrls[channelId] ?? resolved.siteUrl ?? publicUrl,
  };
  const reset = (): void => {
    ctx.clock.reset();
    ctx.state.reset();
    ctx.outbox.clear();
    ctx.quota.reset();
    ctx.faults.clear();
  };

  const app = new Hono();
  app.route('/__sandbox', createControlRoutes(ctx, reset));
  // Channel 1 at /graphql (like store-{hash}.mybigcommerce.com); every channel at /channels/{id}/graphql, standing
  // in for its own host, https://store-{hash}-{id}.mybigcommerce.com/graphql.
  const graphql = createGraphqlHandler(ctx);
  app.all('/graphql', graphql);
  app.all('/channels/:channelId/graphql', graphql);
  app.route('/stores/:storeHash', createManagementApi(ctx));
  registerBrowserLogin(app, ctx);

  app.notFound((c) =>
    c.json({ status: 404, title: 'The route is not found, check the URL', type: errorResponseBody(404, '').type }, 404),
  );
  // Last line of defence: never a stack trace, never a crash.
  app.onError((error, c) => {
    resolved.log(`sandbox: unexpected ${error.name} on ${c.req.method} ${c.req.path}`);
    if (c.req.path === '/graphql') return c.json({ errors: [{ message: 'Internal server error' }] }, 500);
    return c.json(errorResponseBody(500, 'Internal Server Error'), 500);
  });

  return {
    fetch: (request) => app.fetch(request),
    setPublicUrl: (url) => {
      publicUrl = url.replace(/\/+$/, '');
    },
    reset,
    releaseHangingRequests: () => ctx.faults.releaseAll(),
  };
}
