import type { Hono } from 'hono';
import { z } from 'zod';
import type { SandboxContext } from '../context.js';
import { readJsonBody } from './request.js';
import { errorResponse, issuesToErrors, notFoundResponse } from './responses.js';

const putSchema = z.object({ allow_global_logins: z.boolean() }).partial().passthrough();

/**
 * `GET/PUT /v3/customers/settings/channels/{channel_id}` (customers.v3.yml): a channel's customer settings. Only
 * `allow_global_logins` has an effect here ("Determines if a channel allows global customer to login"); the privacy
 * and group settings are returned as a store with no special settings has them (UNVERIFIED defaults).
 */
export function registerChannelSettingsRoutes(api: Hono, ctx: SandboxContext): void {
  const view = (settings: { allowGlobalLogins: boolean }) => ({
    data: {
      privacy_settings: { ask_shopper_for_tracking_consent: false, policy_url: null },
      customer_group_settings: { guest_customer_group_id: 0, default_customer_group_id: 0 },
      allow_global_logins: settings.allowGlobalLogins,
    },
    meta: {},
  });
  const find = (raw: string | undefined) => ctx.state.channelSettings.get(Number(raw));

  api.get('/v3/customers/settings/channels/:channelId', (c) => {
    const settings = find(c.req.param('channelId'));
    return settings ? c.json(view(settings)) : notFoundResponse(c, 'Channel not found');
  });

  api.put('/v3/customers/settings/channels/:channelId', async (c) => {
    const settings = find(c.req.param('channelId'));
    if (!settings) return notFoundResponse(c, 'Channel not found');
    const body = await readJsonBody(c);
    if (!body.ok) return body.response;
    const parsed = putSchema.safeParse(body.value);
    if (!parsed.success) return errorResponse(c, 422, 'Input is invalid', issuesToErrors(parsed.error.issues));
    if (parsed.data.allow_global_logins !== undefined) settings.allowGlobalLogins = parsed.data.allow_global_logins;
    return c.json(view(settings));
  });
}
