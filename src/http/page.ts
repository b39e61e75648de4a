/**
 * The gateway's own pages (reset, sign-in): one shape for all of them. A page is static HTML with one inline style
 * and one inline script, allowed by hash under a strict CSP (no other script, style, frame, form target or
 * third-party request), never cached, never framed, sending no Referer.
 */
import { createHash } from 'node:crypto';

/** The look every page shares; a page adds its own rules after it. */
export const BASE_STYLE = `
  /* Explicit colours for both schemes (WCAG AA, checked by axe in the browser tests). */
  :root { color-scheme: light dark; font-family: system-ui, sans-serif;
    --bg: #ffffff; --fg: #1f2328; --ok: #1a7f37; --muted: #59636e; --link: #0550ae; }
  @media (prefers-color-scheme: dark) {
    :root { --bg: #0d1117; --fg: #e6edf3; --ok: #56d364; --muted: #9198a1; --link: #6cb6ff; }
  }
  body { max-width: 26rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; background: var(--bg); color: var(--fg); }
  a { color: var(--link); }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input { width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem; margin-top: .25rem; }
  button { margin-top: 1.25rem; padding: .7rem 1.2rem; font-size: 1rem; cursor: pointer; }
  button.secondary { margin-right: .5rem; }
  ul { padding-left: 1.2rem; }
  .hint { color: var(--muted); font-size: .95rem; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  /* Alerts and statuses carry their own colours, so they contrast the same in light and dark mode. */
  [role="alert"] { margin-top: 1rem; padding: .75rem; border-radius: .25rem; background: #fdecea; color: #611a15; }
  [role="status"].box { margin-top: 1rem; padding: .75rem; border-radius: .25rem; background: #e6f4ea; color: #0d3b1e; }
  [role="alert"] a, [role="status"].box a { color: inherit; }
  .notice { margin: 1rem 0; padding: .75rem; border: 1px solid currentColor; border-radius: .25rem; }
  [hidden] { display: none !important; }
`;

/** `gql(query, variables)` for page scripts: same-origin POST to the GraphQL endpoint, first error thrown. */
export function gqlHelper(endpoint: string): string {
  return `
  async function gql(query, variables) {
    const response = await fetch(${JSON.stringify(endpoint)}, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors && body.errors.length) throw new Error(body.errors[0].message);
    return body.data;
  }`;
}

/**
 * Settings a page's script reads (URLs from configuration, never from the request), as JSON in a script element
 * that never runs: raw text, no entities, safe once `<` is escaped so nothing can close it early.
 */
export function pageConfig(config: object): string {
  return `<script type="application/json" id="config">${JSON.stringify(config).replaceAll('<', '\\u003c')}</script>`;
}

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

export interface PageParts {
  title: string;
  style: string;
  /** Inside <main>. */
  body: string;
  script: string;
}

/** Built once at start-up; `respond()` answers each GET with it. */
export function staticPage(parts: PageParts): { respond(): Response } {
  const csp = [
    "default-src 'none'",
    `script-src ${hash(parts.script)}`,
    `style-src ${hash(parts.style)}`,
    "connect-src 'self'",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${parts.title}</title>
<style>${parts.style}</style>
</head>
<body>
<main>
${parts.body}
</main>
<script>${parts.script}</script>
</body>
</html>`;
  return {
    respond: () =>
      new Response(html, {
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': csp,
          'referrer-policy': 'no-referrer',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
        },
      }),
  };
}
