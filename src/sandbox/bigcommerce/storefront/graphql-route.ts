import type { Context } from 'hono';
import { Kind, parse } from 'graphql';
import type { DocumentNode, SelectionSetNode } from 'graphql';
import { createYoga } from 'graphql-yoga';
import type { SandboxContext } from '../context.js';
import { SANDBOX_CHANNEL_IDS, SANDBOX_CREDENTIALS } from '../credentials.js';
import { readBodyText } from '../../kit/request-body.js';
import type { StorefrontServerContext } from './context.js';
import { createStorefrontSchema } from './schema.js';

/** GraphQL failures before execution: `{"errors":[{"message": ...}]}` (status-codes.mdx). */
function graphqlErrorResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ errors: [{ message }] }), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

/** A GraphQL document is small; this leaves room for big variables without letting a client exhaust memory. */
const MAX_GRAPHQL_BODY_BYTES = 256 * 1024;

type ReadGraphqlRequest = { ok: true; request: Request; fieldNames: string[] } | { ok: false; response: Response };

/**
 * Reads the body once (capped), notes the field names it touches (for fault keys), and hands yoga an equivalent
 * Request built from the text.
 */
async function readGraphqlRequest(original: Request, url: string): Promise<ReadGraphqlRequest> {
  if (original.method !== 'POST') {
    const { searchParams } = new URL(original.url);
    const request = url === original.url ? original : new Request(url, { method: original.method, headers: original.headers, signal: original.signal });
    return { ok: true, request, fieldNames: fieldNamesFrom(searchParams.get('query'), searchParams.get('operationName')) };
  }
  const read = await readBodyText(original, MAX_GRAPHQL_BODY_BYTES);
  if (!read.ok) {
    return read.reason === 'too-large'
      ? { ok: false, response: graphqlErrorResponse(413, 'Request body is too large.') }
      : { ok: false, response: graphqlErrorResponse(400, 'Request body could not be read.') };
  }
  let fieldNames: string[] = [];
  try {
    const body = JSON.parse(read.text) as { query?: unknown; operationName?: unknown };
    fieldNames = fieldNamesFrom(body.query, body.operationName);
  } catch {
    // Yoga answers malformed JSON itself (400).
  }
  const request = new Request(url, {
    method: original.method,
    headers: original.headers,
    body: read.text,
    signal: original.signal,
  });
  return { ok: true, request, fieldNames };
}

function fieldNamesFrom(query: unknown, operationName: unknown): string[] {
  if (typeof query !== 'string') return [];
  try {
    return fieldNamesOf(parse(query), typeof operationName === 'string' ? operationName : undefined);
  } catch {
    return [];
  }
}

function fieldNamesOf(document: DocumentNode, operationName: string | undefined): string[] {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const operation =
    operations.find((candidate) => operationName !== undefined && candidate.name?.value === operationName) ?? operations[0];
  if (operation === undefined) return [];
  const names: string[] = [];
  const collect = (selectionSet: SelectionSetNode, depth: number): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      names.push(selection.name.value);
      if (depth === 0 && selection.name.value === 'customer' && selection.selectionSet !== undefined) {
        collect(selection.selectionSet, 1);
      }
    }
  };
  collect(operation.selectionSet, 0);
  return names;
}

/** Top-level fields a private token needs the `Customer` scope for ("Customer identity, orders, login/logout…"). */
const CUSTOMER_SCOPE_FIELDS = new Set(['login', 'logout', 'loginWithCustomerLoginJwt', 'customer']);

/**
 * The scope a private token must carry for these fields (graphql-storefront.mdx: `Customer` for customer identity
 * and login; everything else the gateway calls is public storefront data, `Unauthenticated`). UNVERIFIED: the exact
 * mapping per field is not published; this is the documented split.
 */
function requiredScopes(fieldNames: readonly string[]): string[] {
  const scopes = new Set<string>();
  for (const name of fieldNames) scopes.add(CUSTOMER_SCOPE_FIELDS.has(name) ? 'Customer' : 'Unauthenticated');
  return [...scopes];
}

/**
 * Storefront (not private) tokens created after this lose server-to-server support (storefront_tokens.v3.yml).
 * A request without an `Origin` header is taken for a server-to-server one.
 */
export const STOREFRONT_TOKEN_SERVER_CUTOFF_SECONDS = Date.UTC(2026, 6, 1) / 1000;

/**
 * UNVERIFIED wording: how BigCommerce refuses a newer storefront token server-to-server is not documented; like the
 * other credential errors, a 401.
 */
export const SERVER_TO_SERVER_REFUSED =
  'GraphQL invalid credentials. Storefront tokens created after 2026-06-30 cannot be used server-to-server; use a private token.';

/**
 * `/graphql` (channel 1) and `/channels/{id}/graphql`: the Storefront GraphQL API of a channel
 * (https://store-{hash}-{id}.mybigcommerce.com/graphql). The bearer token is checked before GraphQL runs (failures
 * are HTTP 401 with the documented messages), then a private token's scopes.
 */
export function createGraphqlHandler(ctx: SandboxContext): (c: Context) => Promise<Response> {
  const yoga = createYoga<StorefrontServerContext>({
    schema: createStorefrontSchema(),
    graphqlEndpoint: '/graphql',
    graphiql: false,
    landingPage: false,
    batching: false,
    // Anything that is not a GraphQLError becomes "Unexpected error.": no stack traces leave the sandbox.
    maskedErrors: true,
    logging: {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (...args: unknown[]) => {
        const error = args.find((arg): arg is Error => arg instanceof Error);
        ctx.options.log(`storefront: internal error${error === undefined ? '' : ` (${error.name})`}`);
      },
    },
  });
  return async (c) => {
    const channelParam = c.req.param('channelId');
    const channelId = channelParam === undefined ? SANDBOX_CREDENTIALS.channelId : Number(channelParam);
    if (!SANDBOX_CHANNEL_IDS.includes(channelId)) return graphqlErrorResponse(404, 'Channel not found');
    if (c.req.raw.method === 'OPTIONS') return yoga.fetch(c.req.raw, {} as StorefrontServerContext);
    // Yoga serves one path; a channel's endpoint is the same API.
    const url = new URL(c.req.url);
    url.pathname = '/graphql';
    const read = await readGraphqlRequest(c.req.raw, url.toString());
    if (!read.ok) return read.response;
    const { request, fieldNames } = read;

    const fault = await ctx.faults.apply(['graphql', ...fieldNames.map((name) => `graphql:${name}`)], request.signal);
    if (fault.kind === 'abandoned') return new Response(null, { status: 503 });
    if (fault.kind === 'rate-limited') return graphqlErrorResponse(429, 'Too many requests', { 'Retry-After': '1' });
    if (fault.kind === 'error') return graphqlErrorResponse(fault.status, 'Injected fault: the sandbox answered with an error');

    const auth = ctx.apiTokens.checkAuthorization(request.headers.get('Authorization') ?? undefined, channelId);
    if (!auth.ok) return graphqlErrorResponse(401, auth.message);
    const token = auth.token;
    if (token.kind === 'storefront' && !request.headers.has('Origin') && token.claims.iat >= STOREFRONT_TOKEN_SERVER_CUTOFF_SECONDS) {
      return graphqlErrorResponse(401, SERVER_TO_SERVER_REFUSED);
    }
    if (token.kind === 'private') {
      const missing = requiredScopes(fieldNames).filter((scope) => !token.claims.scopes?.includes(scope));
      if (missing.length > 0) {
        return Response.json({
          data: null,
          errors: [
            {
              message: `The token does not have the scopes this operation requires: ${missing.join(', ')}.`,
              extensions: { code: 'INSUFFICIENT_ACCESS_SCOPE', requiredScopes: missing },
            },
          ],
        });
      }
    }

    const customerAccessToken = request.headers.get('X-Bc-Customer-Access-Token')?.trim() || undefined;
    const customerIdHeader = request.headers.get('X-Bc-Customer-Id')?.trim();
    const impersonatedCustomerId =
      customerIdHeader !== undefined && /^\d{1,10}$/.test(customerIdHeader) ? Number(customerIdHeader) : undefined;
    const response = await yoga.fetch(request, {
      storefront: {
        sandbox: ctx,
        apiToken: auth.token,
        channelId,
        customerAccessToken,
        impersonatedCustomerId,
        errorOnInvalidCustomerAccessToken:
          request.headers.get('X-Bc-Error-On-Invalid-Customer-Access-Token')?.trim().toLowerCase() === 'true',
      },
    });
    await ctx.faults.holdAnswer(fault.answerDelayMs, request.signal);
    return response;
  };
}
