/**
 * `GET /dev/sso-assertion?email=…` or `?customerId=…` (sandbox mode only): a fresh SSO assertion signed with this
 * run's generated secret, so loginWithJwt can be tried from GraphiQL without an identity provider.
 */
import type { Plugin } from 'graphql-yoga';
import type { SsoAssertionVerifier } from '../login/sso-assertion.js';

export function useDevSsoAssertions(verifier: Pick<SsoAssertionVerifier, 'signForDevelopment'>): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' || url.pathname !== '/dev/sso-assertion') return;
      const email = url.searchParams.get('email') ?? undefined;
      const customerId = Number(url.searchParams.get('customerId') ?? Number.NaN);
      if (!email && !Number.isSafeInteger(customerId)) {
        endResponse(new Response('Pass ?email=… or ?customerId=…\n', { status: 400 }));
        return;
      }
      const jwt = verifier.signForDevelopment(Number.isSafeInteger(customerId) ? { customerId } : { email });
      endResponse(new Response(`${jwt}\n`, { headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' } }));
    },
  };
}
