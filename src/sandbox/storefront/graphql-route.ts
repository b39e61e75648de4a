import type { Context } from 'hono';
import { Kind, parse } from 'graphql';
import type { DocumentNode, SelectionSetNode } from 'graphql';
import { createYoga } from 'graphql-yoga';
import type { SandboxContext } from '../context.js';
import { SANDBOX_CREDENTIALS } from '../credentials.js';
import { readBodyText } from '../request-body.js';
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
async function readGraphqlRequest(original: Request): Promise<ReadGraphqlRequest> {
  if (original.method !== 'POST') {
    const url = new URL(original.url);
    return { ok: true, request: original, fieldNames: fieldNamesFrom(url.searchParams.get('query'), url.searchParams.get('operationName')) };
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
  const request = new Request(original.url, {
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

/**
 * `/graphql`: the Storefront GraphQL API of channel 1 (https://store-{hash}-1.mybigcommerce.com/graphql). The bearer
 * token is checked before GraphQL runs; failures are HTTP 401 with the documented messages.
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
  const channelId = SANDBOX_CREDENTIALS.channelId;

  return async (c) => {
    if (c.req.raw.method === 'OPTIONS') return yoga.fetch(c.req.raw, {} as StorefrontServerContext);
    const read = await readGraphqlRequest(c.req.raw);
    if (!read.ok) return read.response;
    const { request, fieldNames } = read;

    const fault = await ctx.faults.apply(['graphql', ...fieldNames.map((name) => `graphql:${name}`)], request.signal);
    if (fault.kind === 'abandoned') return new Response(null, { status: 503 });
    if (fault.kind === 'rate-limited') return graphqlErrorResponse(429, 'Too many requests', { 'Retry-After': '1' });
    if (fault.kind === 'error') return graphqlErrorResponse(fault.status, 'Injected fault: the sandbox answered with an error');

    const auth = ctx.apiTokens.checkAuthorization(request.headers.get('Authorization') ?? undefined, channelId);
    if (!auth.ok) return graphqlErrorResponse(401, auth.message);

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
