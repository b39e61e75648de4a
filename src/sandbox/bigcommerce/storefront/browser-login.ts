/**
 * The storefront's browser sign-in, as BigCommerce serves it on a channel's site (customer-login.mdx: "Browser:
 * GET https://{storedomain}/login/token/{jwt}"): the Customer Login JWT is checked and spent, a session starts
 * (cookie), and the browser goes on to the JWT's relative `redirect_to`. A tiny account page shows who is signed in,
 * so a browser test can see the end of the journey. Channel 1 at `/`, channel n at `/channels/{n}/`.
 */
import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { customerOfAccessToken, startCustomerSession } from '../accounts.js';
import type { SandboxContext } from '../context.js';
import { SANDBOX_CHANNELS } from '../credentials.js';
import { checkCustomerLoginJwt } from './customer-login-jwt.js';

/** UNVERIFIED name: Stencil storefronts keep the session in `SHOP_SESSION_TOKEN`. */
const SESSION_COOKIE = 'SHOP_SESSION_TOKEN';

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(title: string, body: string, status = 200): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}

export function registerBrowserLogin(app: Hono, ctx: SandboxContext): void {
  const base = (channelId: number) => (channelId === 1 ? '' : `/channels/${channelId}`);
  const channelOf = (c: Context) => Number(c.req.param('channelId') ?? 1);
  const storeName = (channelId: number) => SANDBOX_CHANNELS.find((channel) => channel.id === channelId)?.name ?? '';

  const login = (c: Context) => {
    const channelId = channelOf(c);
    const checked = checkCustomerLoginJwt(ctx, c.req.param('jwt') ?? '');
    if (!checked.ok || checked.channelId !== channelId) {
      ctx.options.log(`storefront: browser login refused (${checked.ok ? 'JWT for another channel' : checked.message})`);
      return page('Sign-in failed', `<p>${escape(checked.ok ? 'This sign-in is for another storefront.' : checked.message)}</p>`, 400);
    }
    const session = startCustomerSession(ctx, checked.customer.id);
    setCookie(c, SESSION_COOKIE, session.value, { path: '/', httpOnly: true, sameSite: 'Lax' });
    ctx.options.log(`storefront: customer ${checked.customer.id} signed in on channel ${channelId} in a browser`);
    // `redirect_to` is relative by BigCommerce's rule; it stays on this channel's site.
    return c.redirect(`${base(channelId)}${checked.redirectTo.startsWith('/') ? checked.redirectTo : `/${checked.redirectTo}`}`, 302);
  };

  const account = (c: Context) => {
    const value = getCookie(c, SESSION_COOKIE);
    const customer = value === undefined ? undefined : customerOfAccessToken(ctx, value);
    if (!customer) return page(`${storeName(channelOf(c))}: not signed in`, '<p>No session.</p>', 401);
    return page(
      `${storeName(channelOf(c))}: signed in`,
      `<p data-customer-id="${customer.id}">Signed in as ${escape(`${customer.firstName} ${customer.lastName}`)} (${escape(customer.email)}).</p>`,
    );
  };

  app.get('/login/token/:jwt', login);
  app.get('/channels/:channelId/login/token/:jwt', login);
  for (const path of ['/account.php', '/account/orders']) {
    app.get(path, account);
    app.get(`/channels/:channelId${path}`, account);
  }
}
