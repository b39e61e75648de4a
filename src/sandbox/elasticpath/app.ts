/**
 * The Elastic Path emulator's routes, with the wire shapes of the reference (shared/reference/elasticpath-api.md,
 * its §10 "Follow" column and §11 addendum): OAuth tokens, account-authentication settings, password profiles, users
 * and their credentials, the one-time password token request and the token exchange, the password update, accounts,
 * integrations (and the outbound webhook), the store rate limit, and `/__sandbox/` controls for tests.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ELASTICPATH_DEV_CREDENTIALS as DEV } from '../../contracts/elasticpath/dev-credentials.js';
import { SandboxClock } from '../kit/clock.js';
import { FaultRegistry, setFaultsBodySchema } from '../kit/faults.js';
import { hashPassword, verifyPassword } from '../kit/password-hash.js';
import { readBodyText } from '../kit/request-body.js';
import { deliveryBehaviourSchema, WebhookDispatcher } from './dispatcher.js';
import { ElasticPathState, type Member, type Modes, newOneTimeCode } from './state.js';

export interface ElasticPathSandboxOptions {
  host?: string;
  port?: number;
  /** Seed an enabled integration posting to this URL (the gateway's `${PUBLIC_URL}/webhooks/elasticpath`). */
  webhookUrl?: string;
  /** Its secret (default: the dev webhook secret). */
  webhookSecret?: string;
  onLog?: (line: string) => void;
}

const CODE_LIFETIME_MS = 10 * 60_000;
const TOKEN_LIFETIME_S = 3600;
const MAX_BODY_BYTES = 64 * 1024;

type TokenKind = 'implicit' | 'client_credentials';

export function createElasticPathApp(options: ElasticPathSandboxOptions) {
  const log = options.onLog ?? (() => {});
  const clock = new SandboxClock();
  const faults = new FaultRegistry();
  const state = new ElasticPathState(options.webhookUrl ? { url: options.webhookUrl, secret: options.webhookSecret ?? DEV.webhookSecret } : undefined);
  const dispatcher = new WebhookDispatcher(log);
  const tokens = new Map<string, { kind: TokenKind; expiresAtMs: number }>();
  let window = { second: 0, count: 0 };
  let publicUrl = '';
  const app = new Hono();

  const errors = (c: Context, status: number, title: string, detail?: string) =>
    c.json({ errors: [{ status: String(status), title, ...(detail ? { detail } : {}) }] }, status as 400);
  const realmPath = `/v2/authentication-realms/${DEV.realmId}`;

  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/__sandbox/')) return next();
    // The store's rate limit: no rate-limit headers are documented, only the 429 body.
    const second = Math.floor(clock.nowMs() / 1000);
    window = window.second === second ? { second, count: window.count + 1 } : { second, count: 1 };
    if (window.count > state.modes.requestsPerSecond) return c.json({ errors: [{ status: 429, title: 'Too Many Requests' }] }, 429);
    const fault = await faults.apply([`${c.req.method} ${c.req.path}`, `* ${family(c.req.path)}`, '*'], c.req.raw.signal);
    if (fault.kind === 'abandoned') return c.body(null, 503);
    if (fault.kind === 'rate-limited') return c.json({ errors: [{ status: 429, title: 'Too Many Requests' }] }, 429);
    if (fault.kind === 'error') return errors(c, fault.status, 'Injected fault');
    await next();
    await faults.holdAnswer(fault.answerDelayMs, c.req.raw.signal);
  });

  const bearer = (c: Context): TokenKind | null => {
    const token = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    const known = token ? tokens.get(token) : undefined;
    return known && known.expiresAtMs > clock.nowMs() ? known.kind : null;
  };
  const json = async (c: Context): Promise<Record<string, unknown> | null> => {
    const body = await readBodyText(c.req.raw, MAX_BODY_BYTES);
    if (!body.ok) return null;
    try {
      const parsed: unknown = JSON.parse(body.text);
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };
  const data = async (c: Context) => ((await json(c))?.data ?? null) as Record<string, unknown> | null;

  // §1: form-encoded, an unwrapped body.
  app.post('/oauth/access_token', async (c) => {
    const body = await readBodyText(c.req.raw, MAX_BODY_BYTES);
    const form = new URLSearchParams(body.ok ? body.text : '');
    const grant = form.get('grant_type');
    if (form.get('client_id') !== DEV.clientId || (grant !== 'implicit' && grant !== 'client_credentials')) return errors(c, 400, 'Bad Request');
    if (grant === 'client_credentials' && form.get('client_secret') !== DEV.clientSecret) return errors(c, 401, 'Unauthorized');
    const token = randomBytes(20).toString('hex');
    const expiresAtMs = clock.nowMs() + TOKEN_LIFETIME_S * 1000;
    tokens.set(token, { kind: grant, expiresAtMs });
    return c.json({ expires: Math.floor(expiresAtMs / 1000), identifier: grant, expires_in: TOKEN_LIFETIME_S, access_token: token, token_type: 'Bearer' });
  });

  // §2. Which tokens may read it is UNVERIFIED (the docs say client_credentials, EP's examples use implicit): both.
  app.get('/v2/settings/account-authentication', (c) => {
    if (!bearer(c)) return errors(c, 401, 'Unauthorized');
    return c.json({ data: settingsResource(), links: { self: `${publicUrl}/v2/account_authentication_settings` } });
  });
  app.put('/v2/settings/account-authentication', async (c) => {
    if (bearer(c) !== 'client_credentials') return errors(c, 403, 'Forbidden');
    const body = await data(c);
    const mode = body?.account_member_self_management;
    if (mode === 'update_only' || mode === 'disabled') state.settings.selfManagement = mode;
    return c.json({ data: settingsResource() });
  });

  // §3
  app.get(`${realmPath}/password-profiles`, (c) => {
    if (!bearer(c)) return errors(c, 401, 'Unauthorized');
    return c.json({ data: [profileResource()], meta: { page: { limit: 100, offset: 0, current: 1, total: 1 }, results: { total: 1 } } });
  });
  app.get(`${realmPath}/password-profiles/:id`, (c) => {
    if (!bearer(c)) return errors(c, 401, 'Unauthorized');
    return c.req.param('id') === state.profile.id ? c.json({ data: profileResource() }) : errors(c, 404, 'Not Found');
  });
  app.put(`${realmPath}/password-profiles/:id`, async (c) => {
    if (bearer(c) !== 'client_credentials') return errors(c, 403, 'Forbidden');
    if (c.req.param('id') !== state.profile.id) return errors(c, 404, 'Not Found');
    const body = await data(c);
    if (typeof body?.enable_one_time_password_token === 'boolean') state.profile.enable_one_time_password_token = body.enable_one_time_password_token;
    return c.json({ data: profileResource() });
  });

  // §4a: users, found by email (`filter=eq(email,…)`, case-insensitive). EP's filter syntax takes a value bare or in
  // double quotes (needed once it holds a comma or parenthesis); both are accepted here.
  app.get(`${realmPath}/user-authentication-info`, (c) => {
    if (bearer(c) !== 'client_credentials') return errors(c, 403, 'Forbidden');
    const email = /^eq\(email,"?([^"]+)"?\)$/.exec(c.req.query('filter') ?? '')?.[1]?.toLowerCase();
    const found = state.members.filter((member) => email === undefined || member.email.toLowerCase() === email);
    return c.json({ data: found.map(userResource), meta: { results: { total: found.length } } });
  });
  app.get(`${realmPath}/user-authentication-info/:id`, (c) => {
    if (bearer(c) !== 'client_credentials') return errors(c, 403, 'Forbidden');
    const member = state.memberById(c.req.param('id'));
    return member ? c.json({ data: userResource(member) }) : errors(c, 404, 'Not Found');
  });

  // §4b: the credential; the password is never returned.
  app.get(`${realmPath}/user-authentication-info/:id/user-authentication-password-profile-info`, (c) => {
    if (bearer(c) !== 'client_credentials') return errors(c, 403, 'Forbidden');
    const member = state.memberById(c.req.param('id'));
    return member ? c.json({ data: [credentialResource(member)] }) : errors(c, 404, 'Not Found');
  });
  // §7: the password update, with the member's Account Management token (and self-management `update_only`:
  // what `disabled` answers is UNVERIFIED; 403 here) or an admin client_credentials token.
  app.put(`${realmPath}/user-authentication-info/:id/user-authentication-password-profile-info/:ppi`, async (c) => {
    const member = state.memberById(c.req.param('id'));
    if (!member || member.credential.id !== c.req.param('ppi')) return errors(c, 404, 'Not Found');
    const kind = bearer(c);
    if (!kind) return errors(c, 401, 'Unauthorized');
    if (kind !== 'client_credentials') {
      const claims = verifyAccountToken(c.req.header('ep-account-management-authentication-token'));
      if (!claims || claims.sub !== member.id) return errors(c, 403, 'Forbidden', 'forbidden');
      if (state.settings.selfManagement !== 'update_only') return errors(c, 403, 'Forbidden', 'account member self management is disabled');
    }
    const body = await data(c);
    if (!body || body.type !== 'user_authentication_password_profile_info' || (body.id !== undefined && body.id !== member.credential.id)) {
      return errors(c, 400, 'Bad Request');
    }
    if (typeof body.password === 'string') {
      if ([...body.password].length < 8) return errors(c, 422, 'Unprocessable Entity', 'password must be at least 8 characters');
      member.credential.passwordHash = hashPassword(body.password);
      log(`elasticpath: password changed for member ${member.id}`);
    }
    return c.json({ data: credentialResource(member) });
  });

  // §5: the one-time password token request: 202, an empty body, and the integration event with the code.
  app.post(`${realmPath}/password-profiles/:profile/one-time-password-token-request`, async (c) => {
    if (!bearer(c)) return errors(c, 401, 'Unauthorized');
    if (c.req.param('profile') !== state.profile.id) return errors(c, 404, 'Not Found');
    const body = await data(c);
    const purpose = body?.purpose;
    if (
      !body ||
      typeof body.type !== 'string' ||
      !/^one_time_password_token_request$/.test(body.type) ||
      typeof body.username !== 'string' ||
      (purpose !== 'reset_password' && purpose !== 'passwordless_authentication')
    ) {
      return errors(c, 422, 'Unprocessable Entity', 'Constraint violation');
    }
    if (!state.profile.enable_one_time_password_token) return errors(c, 422, 'Unprocessable Entity', 'one time password tokens are not enabled');
    const member = state.memberByUsername(body.username);
    if (!member) return state.modes.unknownUsername === '202' ? c.body(null, 202) : errors(c, 404, 'Not Found');
    if (state.modes.newRequestKillsOlder) for (const old of state.codes) if (old.memberId === member.id && old.purpose === purpose) old.used = true;
    const now = clock.nowMs();
    const code = { code: newOneTimeCode(), memberId: member.id, purpose, createdAtMs: now, expiresAtMs: now + CODE_LIFETIME_MS, used: false } as const;
    state.codes.push({ ...code });
    for (const integration of state.integrations) {
      if (!integration.enabled || !integration.observes.includes('one-time-password-token-request.created')) continue;
      dispatcher.dispatch(integration.configuration.url, integration.configuration.secret_key, {
        store_id: DEV.storeId,
        triggered_by: 'one-time-password-token-request.created',
        integration: { id: integration.id, integration_type: 'webhook', name: integration.name, description: integration.description },
        payload: {
          authentication_realm_id: DEV.realmId,
          created_at: epTime(now),
          one_time_password_token: code.code,
          password_profile_id: state.profile.id,
          purpose,
          updated_at: epTime(now),
          user_authentication_info: { email: member.email, id: member.id, name: member.name },
          user_authentication_password_profile_info: { id: member.credential.id, password_profile_id: state.profile.id, username: member.credential.username },
        },
        configuration: { url: integration.configuration.url, secret_key: integration.configuration.secret_key },
      });
    }
    log(`elasticpath: one-time password token for member ${member.id} (${purpose})`);
    return c.body(null, 202);
  });

  // §6: the exchange, one token per account, 201.
  app.post('/v2/account-members/tokens', async (c) => {
    if (!bearer(c)) return errors(c, 401, 'Unauthorized');
    const body = await data(c);
    if (!body || body.type !== 'account_management_authentication_token' || body.password_profile_id !== state.profile.id || typeof body.username !== 'string') {
      return errors(c, 400, 'Bad Request');
    }
    const member = state.memberByUsername(body.username);
    // The only observed message, for a wrong, expired or used code; its status is UNVERIFIED (`badCodeStatus`).
    const refused = () => errors(c, state.modes.badCodeStatus, 'Unauthorized', 'the authorization realm for the token could not be found');
    if (!member) return refused();
    if (body.authentication_mechanism === 'passwordless') {
      const now = clock.nowMs();
      const code = state.codes.find((candidate) => candidate.memberId === member.id && candidate.code === body.one_time_password_token && !candidate.used && candidate.expiresAtMs > now);
      if (!code) return refused();
      if (state.modes.singleUseCodes) code.used = true;
    } else if (body.authentication_mechanism === 'password') {
      if (typeof body.password !== 'string' || !verifyPassword(body.password, member.credential.passwordHash)) return refused();
    } else {
      return errors(c, 400, 'Bad Request');
    }
    const expiresAtMs = clock.nowMs() + state.settings.tokenTimeoutSecs * 1000;
    return c.json(
      {
        meta: { account_member_id: member.id, page: { limit: 20, offset: 0, current: 1, total: 1 }, results: { total: member.accounts.length } },
        data: member.accounts.map((account) => ({
          account_name: account.name,
          account_id: account.id,
          token: accountToken(member, account.id, expiresAtMs),
          type: 'account_management_authentication_token',
          expires: new Date(expiresAtMs).toISOString(),
        })),
        links: { current: `${publicUrl}/v2/account-members/tokens?page[offset]=0&page[limit]=20`, next: null, prev: null },
      },
      201,
    );
  });

  // A route that requires the account token, for proving the tokens work: the account, to its own token only.
  app.get('/v2/accounts/:id', (c) => {
    if (!bearer(c)) return errors(c, 401, 'Unauthorized');
    const claims = verifyAccountToken(c.req.header('ep-account-management-authentication-token'));
    if (!claims) return errors(c, 401, 'Unauthorized');
    if (claims.scope !== c.req.param('id')) return errors(c, 403, 'Forbidden', 'forbidden');
    const account = state.memberById(claims.sub)?.accounts.find((candidate) => candidate.id === claims.scope);
    return account ? c.json({ data: { type: 'account', id: account.id, name: account.name } }) : errors(c, 404, 'Not Found');
  });

  // §8: integrations (`enabled` defaults to false: addendum 3); the secret is returned in clear.
  app.get('/v2/integrations', (c) => (bearer(c) === 'client_credentials' ? c.json({ data: state.integrations.map(integrationResource) }) : errors(c, 403, 'Forbidden')));
  app.post('/v2/integrations', async (c) => {
    if (bearer(c) !== 'client_credentials') return errors(c, 403, 'Forbidden');
    const body = await data(c);
    const configuration = body?.configuration as { url?: unknown; secret_key?: unknown } | undefined;
    if (!body || body.type !== 'integration' || body.integration_type !== 'webhook' || typeof body.name !== 'string' || !Array.isArray(body.observes) || typeof configuration?.url !== 'string') {
      return errors(c, 422, 'Unprocessable Entity', 'Constraint violation');
    }
    const integration = {
      id: randomUUID(),
      name: body.name,
      description: typeof body.description === 'string' ? body.description : '',
      enabled: body.enabled === true,
      integration_type: 'webhook' as const,
      observes: body.observes.filter((event): event is string => typeof event === 'string'),
      configuration: { url: configuration.url, secret_key: typeof configuration.secret_key === 'string' ? configuration.secret_key : '' },
    };
    state.integrations.push(integration);
    return c.json({ data: integrationResource(integration) }, 201);
  });
  app.delete('/v2/integrations/:id', (c) => {
    if (bearer(c) !== 'client_credentials') return errors(c, 403, 'Forbidden');
    state.integrations = state.integrations.filter((integration) => integration.id !== c.req.param('id'));
    return c.body(null, 204);
  });

  // Controls (tests and demos).
  app.post('/__sandbox/reset', (c) => {
    state.reset();
    dispatcher.reset();
    faults.set([]);
    clock.reset();
    tokens.clear();
    return c.json({ ok: true });
  });
  app.post('/__sandbox/faults', async (c) => {
    const parsed = setFaultsBodySchema.safeParse(await json(c));
    if (!parsed.success) return c.json({ error: parsed.error.message }, 400);
    faults.set(parsed.data.faults);
    return c.json({ ok: true });
  });
  app.post('/__sandbox/modes', async (c) => {
    const parsed = modesSchema.safeParse(await json(c));
    if (!parsed.success) return c.json({ error: parsed.error.message }, 400);
    state.modes = { ...state.modes, ...parsed.data } as Modes;
    return c.json({ modes: state.modes });
  });
  app.post('/__sandbox/clock', async (c) => {
    const seconds = Number((await json(c))?.advanceSeconds ?? 0);
    clock.advance(seconds * 1000);
    return c.json({ now: new Date(clock.nowMs()).toISOString() });
  });
  app.post('/__sandbox/settings', async (c) => {
    const body = await json(c);
    if (body?.account_member_self_management === 'update_only' || body?.account_member_self_management === 'disabled') state.settings.selfManagement = body.account_member_self_management;
    if (typeof body?.enable_one_time_password_token === 'boolean') state.profile.enable_one_time_password_token = body.enable_one_time_password_token;
    return c.json({ settings: state.settings, profile: state.profile });
  });
  app.post('/__sandbox/webhook-target', async (c) => {
    const body = await json(c);
    if (typeof body?.url !== 'string') return c.json({ error: 'url is required' }, 400);
    const secret = typeof body.secret === 'string' ? body.secret : DEV.webhookSecret;
    state.integrations = [
      { id: randomUUID(), name: 'headless-auth-gateway', description: '', enabled: true, integration_type: 'webhook', observes: ['one-time-password-token-request.created'], configuration: { url: body.url, secret_key: secret } },
    ];
    return c.json({ ok: true });
  });
  app.post('/__sandbox/webhooks/behaviour', async (c) => {
    const parsed = deliveryBehaviourSchema.safeParse(await json(c));
    if (!parsed.success) return c.json({ error: parsed.error.message }, 400);
    dispatcher.configure(parsed.data);
    return c.json({ ok: true });
  });
  app.post('/__sandbox/webhooks/flush', (c) => c.json({ delivered: dispatcher.flush() }));
  app.get('/__sandbox/webhooks', (c) => c.json(dispatcher.deliveries));
  // For tests only (this is a dev tool): the codes issued, so a test can act as a mail reader would.
  app.get('/__sandbox/codes', (c) =>
    c.json(state.codes.map((code) => ({ ...code, username: state.memberById(code.memberId)?.credential.username, createdAt: new Date(code.createdAtMs).toISOString() }))),
  );
  app.post('/__sandbox/members', async (c) => {
    const body = await json(c);
    if (typeof body?.email !== 'string' || !body.email.includes('@') || state.memberByUsername(body.email)) return c.json({ error: 'a new email is required' }, 400);
    const member = state.addMember(typeof body.name === 'string' ? body.name : body.email.split('@')[0] ?? 'Shopper', body.email);
    return c.json({ id: member.id }, 201);
  });
  app.get('/__sandbox/members', (c) =>
    c.json(state.members.map((member) => ({ id: member.id, email: member.email, username: member.credential.username, credentialId: member.credential.id, accounts: member.accounts }))),
  );

  function settingsResource() {
    return {
      id: '2c45e4ec-26e0-4043-86e4-c15b9cf985a2',
      type: 'account_authentication_settings',
      enable_self_signup: false,
      auto_create_account_for_account_members: true,
      account_member_self_management: state.settings.selfManagement,
      account_management_authentication_token_timeout_secs: state.settings.tokenTimeoutSecs,
      relationships: { authentication_realm: { data: { id: DEV.realmId, type: 'authentication_realm', links: { self: `${publicUrl}${realmPath}` } } } },
      meta: { client_id: 'account-management' },
    };
  }
  function profileResource() {
    return { type: 'password_profile', ...state.profile, meta: { created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' } };
  }
  function userResource(member: Member) {
    return { id: member.id, type: 'user_authentication_info', name: member.name, email: member.email, meta: { creation_status: 'COMPLETE' } };
  }
  function credentialResource(member: Member) {
    return { id: member.credential.id, type: 'user_authentication_password_profile_info', username: member.credential.username, password_profile_id: member.credential.profileId };
  }
  function integrationResource(integration: (typeof state.integrations)[number]) {
    return { type: 'integration', ...integration };
  }
  /** HS256, shaped as EP's examples decode (§6): `sub` the member, `scope` the account. */
  function accountToken(member: Member, accountId: string, expiresAtMs: number): string {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const iat = Math.floor(clock.nowMs() / 1000);
    const head = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({
      account_member_self_management: state.settings.selfManagement,
      ancestors: '',
      exp: Math.floor(expiresAtMs / 1000),
      iat,
      realm_id: DEV.realmId,
      scope: accountId,
      store_id: DEV.storeId,
      sub: member.id,
    })}`;
    return `${head}.${createHmac('sha256', state.tokenKey).update(head).digest('base64url')}`;
  }
  function verifyAccountToken(token: string | undefined): { sub: string; scope: string } | null {
    const [header, payload, signature] = token?.split('.') ?? [];
    if (!header || !payload || !signature) return null;
    if (createHmac('sha256', state.tokenKey).update(`${header}.${payload}`).digest('base64url') !== signature) return null;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string; scope: string; exp: number };
    return claims.exp * 1000 > clock.nowMs() ? claims : null;
  }

  return {
    fetch: app.fetch,
    state,
    setPublicUrl: (url: string) => {
      publicUrl = url;
    },
    close: () => dispatcher.close(),
    releaseHangingRequests: () => faults.releaseAll(),
  };
}

const modesSchema = z
  .object({
    unknownUsername: z.enum(['202', '404']),
    singleUseCodes: z.boolean(),
    newRequestKillsOlder: z.boolean(),
    badCodeStatus: z.union([z.literal(401), z.literal(404), z.literal(422)]),
    requestsPerSecond: z.number().int().min(1).max(10_000),
    caseInsensitiveUsernames: z.boolean(),
  })
  .partial()
  .strict();

/** Route families, so one fault can name a kind of call (`* otp-request`). */
function family(path: string): string {
  if (path === '/oauth/access_token') return 'oauth';
  if (path.endsWith('/one-time-password-token-request')) return 'otp-request';
  if (path === '/v2/account-members/tokens') return 'token-exchange';
  if (path.includes('/user-authentication-password-profile-info/')) return 'password-update';
  return 'other';
}

/** EP's timestamps: milliseconds and a `+00:00` offset (`2023-09-05T14:53:01.584+00:00`), not `Z`. */
function epTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}
