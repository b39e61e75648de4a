/**
 * `GET /graphql` from a browser while GraphiQL is off (production by default): a short page saying so and how to turn
 * it on, instead of Yoga's empty 406. Nothing about the schema is shown.
 */
import type { Plugin } from 'graphql-yoga';
import { escapeHtml } from '../lib/html.js';

export function useGraphiqlOffPage(options: { endpoint: string }): Plugin {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>GraphiQL is off</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5">
<h1>GraphiQL is off</h1>
<p>This is the GraphQL endpoint of headless-auth-gateway. Send POST requests with a JSON body to ${escapeHtml(options.endpoint)}.</p>
<p>GraphiQL is off in production unless <code>GRAPHIQL=true</code> is set (and its schema explorer needs
<code>INTROSPECTION=true</code>). Sandbox mode (<code>npm start</code> without a store) has both on.</p>
</body></html>`;
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== options.endpoint || request.method !== 'GET' || url.searchParams.has('query')) return;
      if (!(request.headers.get('accept') ?? '').includes('text/html')) return;
      endResponse(
        new Response(page, {
          status: 200,
          headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'", 'cache-control': 'no-store' },
        }),
      );
    },
  };
}
