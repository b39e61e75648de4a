/**
 * `POST /webhooks/elasticpath`: Elastic Path's integration event `one-time-password-token-request.created`, carrying
 * a code. EP's own examples take it on trust; here:
 *
 * - the `X-Moltin-Secret-Key` header is compared in constant time with each configured secret (two while rotating);
 *   anything else is 401 and nothing happens (no parse, no queue, no log of what was sent);
 * - the event is accepted into the durable queue and answered at once (EP gives up after 10 s and retries): 200 once
 *   stored, 503 when the queue cannot take it (EP then delivers again). Redeliveries collapse on the event id here
 *   and, for good, in the job (jobs: `code.delivered`);
 * - whether the gateway asked for this code is the job's question (onetime/upstream-codes.ts): EP's token request
 *   accepts the public implicit client id, so anyone can make EP fire this event;
 * - never logged: the code, the username, the body.
 */
import type { Plugin } from 'graphql-yoga';
import { z } from 'zod';
import type { CodeDeliveredJob, GatewayQueue } from '../../jobs/catalog.js';
import { sameSecret } from '../../lib/keys.js';
import type { Logger } from '../../log.js';
import { firstNameOf, type ProofSeal } from './proof.js';

export const ELASTICPATH_WEBHOOK_PATH = '/webhooks/elasticpath';

const EVENT = 'one-time-password-token-request.created';

const EventSchema = z.object({
  id: z.string().min(1).max(100),
  triggered_by: z.string(),
  payload: z.object({
    authentication_realm_id: z.string().optional(),
    password_profile_id: z.string().optional(),
    created_at: z.string(),
    one_time_password_token: z.string().min(1).max(64),
    purpose: z.enum(['reset_password', 'passwordless_authentication']),
    user_authentication_info: z.object({ id: z.string().min(1).max(64), email: z.string().max(320).nullish(), name: z.string().max(200).nullish() }),
    user_authentication_password_profile_info: z.object({ id: z.string().min(1).max(64), username: z.string().min(1).max(320) }),
  }),
});

export interface WebhookOptions {
  secrets: readonly string[];
  /** Events for another password profile (or realm) are acknowledged and ignored. */
  passwordProfileId: string;
  queue: Pick<GatewayQueue, 'enqueue'>;
  proofs: ProofSeal;
  logger: Logger;
  /** Counts what arrives, by outcome (metrics). */
  onEvent?: (outcome: 'accepted' | 'unauthorized' | 'ignored' | 'malformed' | 'unavailable') => void;
}

export function useElasticPathWebhook(options: WebhookOptions): Plugin {
  const answer = (status: number, outcome: Parameters<NonNullable<WebhookOptions['onEvent']>>[0]) => {
    options.onEvent?.(outcome);
    return new Response(status === 200 ? '{"received":true}' : null, {
      status,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    });
  };
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== ELASTICPATH_WEBHOOK_PATH) return;
      if (request.method !== 'POST') return endResponse(new Response(null, { status: 405, headers: { allow: 'POST' } }));
      const given = request.headers.get('x-moltin-secret-key') ?? '';
      // Every secret compared (no early exit), each in constant time.
      const matches = options.secrets.map((secret) => sameSecret(given, secret));
      if (!matches.includes(true)) return endResponse(answer(401, 'unauthorized'));

      let parsed: z.infer<typeof EventSchema>;
      try {
        const result = EventSchema.safeParse(await request.json());
        if (!result.success) {
          // Another event this integration observes, or a shape we do not know: acknowledged, so EP stops retrying.
          return endResponse(answer(204, 'malformed'));
        }
        parsed = result.data;
      } catch {
        return endResponse(answer(400, 'malformed'));
      }
      const { payload } = parsed;
      if (parsed.triggered_by !== EVENT || (payload.password_profile_id !== undefined && payload.password_profile_id !== options.passwordProfileId)) {
        return endResponse(answer(204, 'ignored'));
      }
      const createdAt = Date.parse(payload.created_at);
      if (!Number.isFinite(createdAt)) return endResponse(answer(204, 'malformed'));
      const user = payload.user_authentication_info;
      const credential = payload.user_authentication_password_profile_info;
      const email = user.email ?? credential.username;
      const job: CodeDeliveredJob = {
        eventId: parsed.id,
        purpose: payload.purpose === 'reset_password' ? 'reset' : 'sign-in',
        createdAt,
        // Keyed like the gateway's own request for it (the email as the shopper typed it, normalised).
        shopper: { id: user.id, username: credential.username.trim().toLowerCase(), email, firstName: firstNameOf(user.name ?? '') },
        code: payload.one_time_password_token,
        proof: options.proofs.seal({
          code: payload.one_time_password_token,
          username: credential.username,
          memberId: user.id,
          credentialId: credential.id,
          email,
          name: user.name ?? '',
        }),
      };
      try {
        await options.queue.enqueue('code.delivered', job, { dedupeKey: `code-event:${parsed.id}` });
      } catch (error) {
        options.logger.warn({ reason: (error as Error).message }, 'Elastic Path event not accepted (queue unavailable); EP will deliver it again');
        return endResponse(answer(503, 'unavailable'));
      }
      endResponse(answer(200, 'accepted'));
    },
  };
}
