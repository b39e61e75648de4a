/**
 * `useMetrics`: serves the registry at `/metrics`, behind a bearer token when one is configured. (Root field results
 * are counted as they happen: `GatewayMetrics.observeResult`, called by the schema's observe plugin.)
 */
import type { Plugin } from 'graphql-yoga';
import { sameSecret } from '../lib/keys.js';
import type { GatewayMetrics } from './metrics.js';

export interface MetricsPluginOptions {
  metrics: GatewayMetrics;
  /**
   * Where the registry is served on the gateway's port; null: not served there (production without a token, or a
   * separate `METRICS_PORT` serves it).
   */
  endpoint: string | null;
  /** `Authorization: Bearer <token>` required to scrape; null: none (development, or a private network). */
  token: string | null;
}

export function useMetrics(options: MetricsPluginOptions): Plugin {
  const { metrics, token, endpoint } = options;
  return {
    async onRequest({ request, url, endResponse }) {
      if (endpoint === null || url.pathname !== endpoint || request.method !== 'GET') return;
      const given = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
      if (token !== null && !sameSecret(given, token)) {
        endResponse(new Response('Unauthorized\n', { status: 401, headers: { 'www-authenticate': 'Bearer' } }));
        return;
      }
      endResponse(new Response(await metrics.registry.metrics(), { headers: { 'content-type': metrics.registry.contentType } }));
    },
  };
}
