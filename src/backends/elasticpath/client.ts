/**
 * Elastic Path Commerce Cloud API client: the few endpoints the one-time password token flow uses
 * (`../shared/reference/elasticpath-api.md` §1–8).
 *
 * Two access tokens, each cached and renewed once for all callers shortly before it expires: an implicit one (the
 * shopper-facing calls EP's examples make with it: the token request, the exchange) and a client_credentials one
 * (admin reads, the integration). Every call spends from the shared upstream budget and has a time limit; failures
 * become `UpstreamError`s naming the route, never a body, a code, a username or a token. A 429 is EP's store limit
 * (100 requests/s in production, 25 in development): the queue delays the job, an interactive call fails fast.
 */
import { type Dispatcher, request } from 'undici';
import { z } from 'zod';
import { Deadline } from '../../lib/deadline.js';
import { upstreamSpan } from '../../observability/tracing.js';
import type { UpstreamBudget } from '../../upstream/budget.js';
import { UpstreamError, type UpstreamFailure } from '../../upstream/errors.js';

export interface ElasticPathClientOptions {
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  passwordProfileId: string;
  timeoutMs: number;
  budget?: UpstreamBudget;
  onExchange?: (exchange: { route: string; status: number | 'error'; durationMs: number }) => void;
}

export type OtpPurpose = 'reset_password' | 'passwordless_authentication';

export interface AccountToken {
  accountId: string;
  accountName: string;
  token: string;
  expiresAt: Date;
}

export interface AccountMember {
  id: string;
  email: string;
  name: string;
}

export interface AuthenticationSettings {
  realmId: string;
  selfManagement: string;
  tokenTimeoutSeconds: number | undefined;
}

export interface Integration {
  id: string;
  enabled: boolean;
  url: string;
  observes: string[];
}

/** EP's refusal of an exchange (wrong, expired or used code; wrong password): its status is UNVERIFIED (401 or 404). */
export function isRefusedCredential(error: unknown): boolean {
  return error instanceof UpstreamError && error.service === 'elasticpath' && (error.details.status === 401 || error.details.status === 404 || error.details.status === 403);
}

/** What EP waits for after a 429 is not documented: one second covers its per-second store limit. */
const RATE_LIMIT_WAIT_MS = 1000;
/** Renew a cached access token this long before it expires (its lifetime is an hour). */
const RENEW_EARLY_MS = 60_000;

const TokenSchema = z.object({ access_token: z.string().min(1), expires: z.number() });
const MemberFields = z.object({ id: z.string(), email: z.string().nullish(), name: z.string().nullish() });
const MemberSchema = z.object({ data: MemberFields });
const MembersSchema = z.object({ data: z.array(MemberFields) });
const ExchangeSchema = z.object({
  data: z.array(z.object({ account_id: z.string(), account_name: z.string().nullish(), token: z.string().min(1), expires: z.string() })),
});
const SettingsSchema = z.object({
  data: z.object({
    account_member_self_management: z.string().optional(),
    account_management_authentication_token_timeout_secs: z.number().optional(),
    relationships: z.object({ authentication_realm: z.object({ data: z.object({ id: z.string() }) }).optional() }).optional(),
  }),
});
const ProfileSchema = z.object({ data: z.object({ id: z.string(), enable_one_time_password_token: z.boolean().optional(), username_format: z.string().optional() }) });
const IntegrationsSchema = z.object({
  data: z.array(
    z.object({ id: z.string(), enabled: z.boolean().optional(), observes: z.array(z.string()).default([]), configuration: z.object({ url: z.string().optional() }).partial().optional() }),
  ),
});

type Grant = 'implicit' | 'client_credentials';

export class ElasticPathClient {
  private readonly base: string;
  private readonly tokens = new Map<Grant, { token: string; expiresAtMs: number } | Promise<string>>();

  constructor(private readonly options: ElasticPathClientOptions) {
    this.base = options.apiUrl.replace(/\/+$/, '');
  }

  /** §5: ask EP to make a code and fire the integration event; 202 with an empty body. */
  async requestOneTimePasswordToken(realmId: string, username: string, purpose: OtpPurpose): Promise<void> {
    await this.call('implicit', 'POST', `/v2/authentication-realms/${realmId}/password-profiles/${this.options.passwordProfileId}/one-time-password-token-request`, {
      data: { type: 'one_time_password_token_request', username, purpose },
    });
  }

  /** §6: a code (or a password) for one token per account. @throws UpstreamError (see isRefusedCredential) */
  async exchange(username: string, secret: { code: string } | { password: string }): Promise<AccountToken[]> {
    const data =
      'code' in secret
        ? { authentication_mechanism: 'passwordless', one_time_password_token: secret.code }
        : { authentication_mechanism: 'password', password: secret.password };
    const body = await this.call('implicit', 'POST', '/v2/account-members/tokens', {
      data: { type: 'account_management_authentication_token', password_profile_id: this.options.passwordProfileId, username, ...data },
    });
    return parse(ExchangeSchema, body, 'POST /account-members/tokens').data.map((account) => ({
      accountId: account.account_id,
      accountName: account.account_name ?? '',
      token: account.token,
      expiresAt: new Date(account.expires),
    }));
  }

  /** §7: set the password, authorised by the member's own Account Management token (self-management `update_only`). */
  /** Whether EP takes this password for this username now (a `password` exchange; refused is false, an outage throws). */
  async passwordWorks(username: string, password: string): Promise<boolean> {
    try {
      await this.exchange(username, { password });
      return true;
    } catch (error) {
      if (isRefusedCredential(error)) return false;
      throw error;
    }
  }

  async setPassword(realmId: string, memberId: string, credentialId: string, password: string, accountToken: string): Promise<void> {
    await this.call(
      'implicit',
      'PUT',
      `/v2/authentication-realms/${realmId}/user-authentication-info/${memberId}/user-authentication-password-profile-info/${credentialId}`,
      { data: { type: 'user_authentication_password_profile_info', id: credentialId, password } },
      { 'ep-account-management-authentication-token': accountToken },
    );
  }

  /** §4a, admin: the member behind an id (null: none). */
  async member(realmId: string, memberId: string): Promise<AccountMember | null> {
    try {
      const body = await this.call('client_credentials', 'GET', `/v2/authentication-realms/${realmId}/user-authentication-info/${memberId}`);
      const { data } = parse(MemberSchema, body, 'GET /user-authentication-info/{id}');
      return { id: data.id, email: data.email ?? '', name: data.name ?? '' };
    } catch (error) {
      if (error instanceof UpstreamError && error.details.status === 404) return null;
      throw error;
    }
  }

  /** §4a, admin: the member with this email (null: none). EP's filter takes the value as written, so it is quoted. */
  async memberByEmail(realmId: string, email: string): Promise<AccountMember | null> {
    const filter = encodeURIComponent(`eq(email,${JSON.stringify(email)})`);
    const body = await this.call('client_credentials', 'GET', `/v2/authentication-realms/${realmId}/user-authentication-info?filter=${filter}`);
    const match = parse(MembersSchema, body, 'GET /user-authentication-info').data.find((member) => member.email?.toLowerCase() === email.toLowerCase());
    return match ? { id: match.id, email: match.email ?? '', name: match.name ?? '' } : null;
  }

  /** §2 */
  async settings(): Promise<AuthenticationSettings> {
    const body = await this.call('client_credentials', 'GET', '/v2/settings/account-authentication');
    const { data } = parse(SettingsSchema, body, 'GET /settings/account-authentication');
    const realmId = data.relationships?.authentication_realm?.data.id;
    if (!realmId) throw new UpstreamError('elasticpath', 'GET /settings/account-authentication', 'bad_response');
    return {
      realmId,
      selfManagement: data.account_member_self_management ?? 'unknown',
      tokenTimeoutSeconds: data.account_management_authentication_token_timeout_secs,
    };
  }

  /** §3: the profile (null: no such profile in the realm). */
  async profile(realmId: string): Promise<{ oneTimePasswordTokens: boolean } | null> {
    try {
      const body = await this.call('client_credentials', 'GET', `/v2/authentication-realms/${realmId}/password-profiles/${this.options.passwordProfileId}`);
      return { oneTimePasswordTokens: parse(ProfileSchema, body, 'GET /password-profiles/{id}').data.enable_one_time_password_token === true };
    } catch (error) {
      if (error instanceof UpstreamError && error.details.status === 404) return null;
      throw error;
    }
  }

  /** §8 */
  async integrations(): Promise<Integration[]> {
    const body = await this.call('client_credentials', 'GET', '/v2/integrations');
    return parse(IntegrationsSchema, body, 'GET /integrations').data.map((integration) => ({
      id: integration.id,
      enabled: integration.enabled === true,
      url: integration.configuration?.url ?? '',
      observes: integration.observes,
    }));
  }

  /** §8: `enabled` defaults to false (addendum 3), so it is always sent. */
  async createIntegration(url: string, secret: string): Promise<void> {
    await this.call('client_credentials', 'POST', '/v2/integrations', {
      data: {
        type: 'integration',
        integration_type: 'webhook',
        name: 'headless-auth-gateway',
        description: 'Mails one-time password tokens (password reset, passwordless sign-in)',
        enabled: true,
        observes: ['one-time-password-token-request.created'],
        configuration: { url, secret_key: secret },
      },
    });
  }

  /** Readiness: an access token can be had (renewed when due). */
  async checkToken(): Promise<void> {
    await this.accessToken('client_credentials');
  }

  private async accessToken(grant: Grant): Promise<string> {
    const cached = this.tokens.get(grant);
    if (cached instanceof Promise) return cached;
    if (cached && cached.expiresAtMs - RENEW_EARLY_MS > Date.now()) return cached.token;
    // One renewal for every caller waiting on it (single flight).
    const renewal = this.fetchToken(grant).then(
      (fresh) => {
        this.tokens.set(grant, fresh);
        return fresh.token;
      },
      (error: unknown) => {
        this.tokens.delete(grant);
        throw error;
      },
    );
    this.tokens.set(grant, renewal);
    return renewal;
  }

  private async fetchToken(grant: Grant): Promise<{ token: string; expiresAtMs: number }> {
    const form = new URLSearchParams({ grant_type: grant, client_id: this.options.clientId });
    if (grant === 'client_credentials') form.set('client_secret', this.options.clientSecret);
    const body = await this.exchangeOnce('POST /oauth/access_token', 'POST', `${this.base}/oauth/access_token`, form.toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    const parsed = parse(TokenSchema, body, 'POST /oauth/access_token');
    return { token: parsed.access_token, expiresAtMs: parsed.expires * 1000 };
  }

  private async call(grant: Grant, method: Dispatcher.HttpMethod, path: string, json?: unknown, headers: Record<string, string> = {}): Promise<unknown> {
    // A route names the endpoint, never an id in its path (a log field and a metrics label).
    const route = `${method} ${path.replace(/^\/v2/, '').replace(/\/[0-9a-f-]{36}(?=\/|$)/g, '/{id}')}`;
    const send = async () =>
      this.exchangeOnce(route, method, `${this.base}${path}`, json === undefined ? null : JSON.stringify(json), {
        authorization: `Bearer ${await this.accessToken(grant)}`,
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      });
    try {
      return await send();
    } catch (error) {
      // A token EP no longer honours (revoked, or the store's keys rotated) answers 401 before its expiry: renew it
      // and try once more. A second 401 is the answer (a refused code or password answers 401 too).
      if (!(error instanceof UpstreamError) || error.details.status !== 401) throw error;
      this.tokens.delete(grant);
      return send();
    }
  }

  private async exchangeOnce(route: string, method: Dispatcher.HttpMethod, url: string, body: string | null, headers: Record<string, string>): Promise<unknown> {
    await this.options.budget?.acquire('elasticpath', route);
    const deadline = new Deadline(this.options.timeoutMs);
    const started = performance.now();
    try {
      let response: Dispatcher.ResponseData;
      try {
        response = await upstreamSpan('elasticpath', route, new URL(url).host, () =>
          request(url, { method, headers: { accept: 'application/json', ...headers }, body, signal: deadline.signal }),
        );
      } catch {
        this.options.onExchange?.({ route, status: 'error', durationMs: performance.now() - started });
        throw new UpstreamError('elasticpath', route, deadline.expired ? 'timeout' : 'network');
      }
      const status = response.statusCode;
      this.options.onExchange?.({ route, status, durationMs: performance.now() - started });
      if (status < 200 || status > 299 || status === 202 || status === 204) {
        await response.body.dump();
        if (status === 202 || status === 204) return null;
        if (status === 429) throw new UpstreamError('elasticpath', route, 'rate_limited', { status, retryAfterMs: RATE_LIMIT_WAIT_MS });
        throw new UpstreamError('elasticpath', route, failureFor(status), { status });
      }
      try {
        return await response.body.json();
      } catch {
        throw new UpstreamError('elasticpath', route, deadline.expired ? 'timeout' : 'bad_response', { status });
      }
    } finally {
      deadline.clear();
    }
  }
}

function failureFor(status: number): UpstreamFailure {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status >= 500) return 'server_error';
  return 'client_error';
}

function parse<T>(schema: z.ZodType<T>, body: unknown, route: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new UpstreamError('elasticpath', route, 'bad_response');
  return parsed.data;
}
