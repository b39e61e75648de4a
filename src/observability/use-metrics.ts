/**
 * `useMetrics`: counts every root field's result (`hag_graphql_requests_total{operation, result}`) and serves the
 * registry at `/metrics`, behind a bearer token when one is configured. The result is the typed error's code, the
 * GraphQL error's code (bad input), `UNEXPECTED`, or `OK`: never anything the client sent.
 */
import { timingSafeEqual } from 'node:crypto';
import { useOnResolve } from '@envelop/on-resolve';
import type { Plugin } from 'graphql-yoga';
import { GatewayError } from '../errors.js';
import type { GatewayMetrics } from './metrics.js';

export interface MetricsPluginOptions {
  metrics: GatewayMetrics;
  /**
   * Where the registry is served on the gateway's port; null: not served there (production without a token, or a
   * separate `METRICS_PORT` serves it).
   * @default '/metrics'
   */
  endpoint?: string | null;
  /** `Authorization: Bearer <token>` required to scrape; null: none (development, or a private network). */
  token: string | null;
}

function resultOf(result: unknown): string {
  // A typed error comes back wrapped by plugin-errors (a proxy that is no longer `instanceof` its class), but it
  // keeps its `code`; no success type has one.
  if (result instanceof GatewayError) return result.code;
  const code = typeof result === 'object' && result !== null ? (result as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && !(result instanceof Error)) return code;
  if (result instanceof Error) {
    const code = (result as { extensions?: { code?: unknown } }).extensions?.code;
    if (typeof code === 'string') return code;
    return /validation/i.test(result.name) || /^Validation error/.test(result.message) ? 'BAD_USER_INPUT' : 'UNEXPECTED';
  }
  return 'OK';
}

/** Constant-time, so the token cannot be guessed a byte at a time from response times. */
function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function useMetrics(options: MetricsPluginOptions): Plugin[] {
  const { metrics, token } = options;
  const endpoint = options.endpoint === undefined ? '/metrics' : options.endpoint;
  return [
    useOnResolve(({ info }) => {
      if (info.parentType.name !== 'Query' && info.parentType.name !== 'Mutation') return;
      return ({ result }) => {
        metrics.requests.inc({ operation: info.fieldName, result: resultOf(result) });
      };
    }),
    {
      async onRequest({ request, url, endResponse }) {
        if (endpoint === null || url.pathname !== endpoint || request.method !== 'GET') return;
        const given = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
        if (token !== null && !sameToken(given, token)) {
          endResponse(new Response('Unauthorized\n', { status: 401, headers: { 'www-authenticate': 'Bearer' } }));
          return;
        }
        endResponse(new Response(await metrics.registry.metrics(), { headers: { 'content-type': metrics.registry.contentType } }));
      },
    },
  ];
}
