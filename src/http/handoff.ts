/**
 * `GET /password-reset?token=…` (ott) or `?c=…&t=…` (native): move the link's credential into the handoff cookie
 * and send the browser on to the reset page. Consumes nothing (mail scanners prefetch links), sends no Referer
 * onward, and is never cached.
 */
import type { Plugin } from 'graphql-yoga';
import { clearedHandoffCookie, encodeHandoff, handoffCookie, MAX_HANDOFF_COOKIE_VALUE } from '../reset/handoff.js';
import type { PasswordResetService } from '../reset/service.js';
import { HANDOFF_COOKIE_PATH, HANDOFF_PATH } from './paths.js';

export interface HandoffOptions {
  resets: Pick<PasswordResetService, 'handoff'>;
  /** Where to send the browser: from configuration only, never from Host headers. */
  resetPageUrl: string;
}

export function useResetLinkHandoff(options: HandoffOptions): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== HANDOFF_PATH || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      const handoff = options.resets.handoff(url.searchParams);
      const value = handoff ? encodeHandoff(handoff.credential) : '';
      const headers = new Headers({
        location: options.resetPageUrl,
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
        // A stale cookie from an older link must not outlive a newer, broken one.
        // A credential too long for a cookie would be dropped by the browser, leaving an older one in place: clear that.
        'set-cookie':
          handoff && value.length <= MAX_HANDOFF_COOKIE_VALUE
            ? handoffCookie(value, { path: HANDOFF_COOKIE_PATH, maxAgeSeconds: handoff.maxAgeSeconds })
            : clearedHandoffCookie(HANDOFF_COOKIE_PATH),
      });
      endResponse(new Response(null, { status: 303, headers }));
    },
  };
}
