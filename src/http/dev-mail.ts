/**
 * Dev mail (sandbox mode): `GET /dev/mail` lists the mail the gateway would have sent, with clickable links, and
 * beside it the mail BigCommerce (the sandbox) sent, labelled; `GET /dev/mail.json` gives the same to scripts,
 * newest first.
 */
import type { Plugin } from 'graphql-yoga';
import { z } from 'zod';
import type { Logger } from '../log.js';
import type { OutboxMail, OutboxMailer } from '../mail/outbox.js';
import { escapeHtml } from '../lib/html.js';

export interface DevMailOptions {
  outbox: Pick<OutboxMailer, 'list'>;
  /** The sandbox's mail list (`GET /__sandbox/mail`), shown as BigCommerce's mail. */
  sandboxMailUrl?: string;
  logger: Logger;
}

const SandboxMailList = z.array(
  z.object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    links: z.array(z.string()),
    createdAt: z.string(),
  }),
);

export function useDevMail(options: DevMailOptions): Plugin {
  async function allMail(): Promise<OutboxMail[]> {
    const mail = options.outbox.list();
    if (options.sandboxMailUrl) {
      try {
        const response = await fetch(options.sandboxMailUrl, { signal: AbortSignal.timeout(2000) });
        const upstream = SandboxMailList.parse(await response.json());
        mail.push(...upstream.map((m) => ({ ...m, source: 'bigcommerce' as const })));
      } catch (error) {
        options.logger.warn({ reason: (error as Error).message }, 'sandbox mail unavailable');
      }
    }
    return mail.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET') return;
      if (url.pathname === '/dev/mail.json') {
        endResponse(Response.json(await allMail(), { headers: { 'cache-control': 'no-store' } }));
      } else if (url.pathname === '/dev/mail') {
        endResponse(
          new Response(renderPage(await allMail()), {
            headers: {
              'content-type': 'text/html; charset=utf-8',
              'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'",
              'referrer-policy': 'no-referrer',
              'cache-control': 'no-store',
            },
          }),
        );
      }
    },
  };
}

function renderPage(mail: OutboxMail[]): string {
  const items = mail
    .map(
      (m) => `<article class="${m.source}">
  <header><span class="source">${m.source === 'gateway' ? 'Gateway' : 'BigCommerce (sandbox)'}</span>
  <strong>${escapeHtml(m.subject)}</strong> to ${escapeHtml(m.to)} <time>${escapeHtml(m.createdAt)}</time></header>
  <pre>${escapeHtml(m.text)}</pre>
  ${m.links.map((l) => `<a href="${escapeHtml(l)}">${escapeHtml(l)}</a>`).join('<br>')}
</article>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dev mail</title><style>
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--link:#0550ae}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--link:#6cb6ff}}
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;background:var(--bg);color:var(--fg)}
a{color:var(--link)}
article{border:1px solid #8b949e;border-radius:.4rem;padding:1rem;margin:1rem 0}
.source{font-size:.8rem;padding:.1rem .4rem;border-radius:.3rem;margin-right:.5rem;background:#e3ecff;color:#0b2a66}
.bigcommerce .source{background:#ffe9c7;color:#5a3300}
/* Links carry 300-character tokens: they wrap anywhere rather than push the page sideways. */
pre{white-space:pre-wrap;overflow-wrap:anywhere} a{overflow-wrap:anywhere}
</style></head><body><h1>Dev mail</h1>
<p>Mail the gateway and the BigCommerce sandbox would have sent, newest first. Scripts: <a href="/dev/mail.json">/dev/mail.json</a>.</p>
${items || '<p>No mail yet. Run <code>requestPasswordReset</code> in <a href="/graphql">GraphiQL</a>.</p>'}
</body></html>`;
}
