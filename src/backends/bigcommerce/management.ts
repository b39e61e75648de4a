/**
 * BigCommerce Management API (REST v3) client: the few customer, attribute and token endpoints the gateway uses.
 *
 * Every call has a timeout. A 429 is waited out for `X-Rate-Limit-Time-Reset-Ms` (the documented way) and tried
 * again, since BigCommerce did not process it; other failures become `UpstreamError`s without secrets.
 */
import { type Dispatcher, request } from 'undici';
import { z } from 'zod';
import type { Logger } from '../../log.js';
import type { HeaderLookup, UpstreamBudget } from '../../upstream/budget.js';
import { upstreamSpan } from '../../observability/tracing.js';
import { Deadline } from '../../lib/deadline.js';
import { UpstreamError } from '../../upstream/errors.js';

export interface ManagementClientOptions {
  /** e.g. https://api.bigcommerce.com */
  apiUrl: string;
  storeHash: string;
  accessToken: string;
  timeoutMs: number;
  logger: Logger;
  /** How many 429s to wait out before giving up (each wait is capped by `maxRateLimitWaitMs`). */
  maxRateLimitRetries?: number;
  maxRateLimitWaitMs?: number;
  /** Spent before every call (shared with the Storefront client). */
  budget?: UpstreamBudget;
  /** Observes each upstream exchange (metrics). */
  onExchange?: (exchange: { route: string; status: number | 'error'; durationMs: number }) => void;
}

const CustomerSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  first_name: z.string().default(''),
  last_name: z.string().default(''),
  authentication: z.object({ force_password_reset: z.boolean() }).partial().optional(),
  /** null: a global customer; a list: only those channels (channel-specific customers). */
  channel_ids: z.array(z.number().int()).nullable().optional(),
  origin_channel_id: z.number().int().optional(),
  attributes: z
    .array(z.object({ id: z.number().int(), attribute_id: z.number().int(), attribute_value: z.string() }))
    .optional(),
});
export type ManagementCustomer = z.infer<typeof CustomerSchema>;

const CustomerListSchema = z.object({ data: z.array(CustomerSchema) });
const AttributeSchema = z.object({ id: z.number().int(), name: z.string(), type: z.string() });
const AttributeListSchema = z.object({ data: z.array(AttributeSchema) });
const AttributeValueListSchema = z.object({
  data: z.array(z.object({ id: z.number().int(), attribute_id: z.number().int(), customer_id: z.number().int() })),
});
export type ManagementAttribute = z.infer<typeof AttributeSchema>;
const TokenSchema = z.object({ data: z.object({ token: z.string().min(1) }) });
const ValidationSchema = z.object({ is_valid: z.boolean(), customer_id: z.number().int().nullable().optional() });
const ChannelSettingsSchema = z.object({ data: z.object({ allow_global_logins: z.boolean().default(false) }) });
const TimeSchema = z.object({ time: z.number() });

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export class ManagementClient {
  private readonly base: string;
  private readonly maxRateLimitRetries: number;
  private readonly maxRateLimitWaitMs: number;

  constructor(private readonly options: ManagementClientOptions) {
    this.base = `${options.apiUrl}/stores/${encodeURIComponent(options.storeHash)}`;
    this.maxRateLimitRetries = options.maxRateLimitRetries ?? 2;
    this.maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 5000;
  }

  async findCustomerByEmail(email: string): Promise<ManagementCustomer | null> {
    // BigCommerce's `email:in` is a comma-separated list: a comma in the address would split it, so refuse it.
    if (email.includes(',')) return null;
    const body = await this.request('GET', '/v3/customers', { query: { 'email:in': email } });
    const customers = parse(CustomerListSchema, body, 'GET /customers').data;
    return customers.find((c) => c.email.toLowerCase() === email.toLowerCase()) ?? null;
  }

  async getCustomer(id: number, options: { includeAttributes?: boolean } = {}): Promise<ManagementCustomer | null> {
    const query: Record<string, string> = { 'id:in': String(id) };
    if (options.includeAttributes) query.include = 'attributes';
    const body = await this.request('GET', '/v3/customers', { query });
    return parse(CustomerListSchema, body, 'GET /customers').data[0] ?? null;
  }

  /**
   * Set a customer's password. `force_password_reset: false` is not optional: without it BigCommerce mails the
   * customer its own reset link on top of ours.
   */
  async setPassword(customerId: number, newPassword: string): Promise<void> {
    await this.request('PUT', '/v3/customers', {
      body: [{ id: customerId, authentication: { new_password: newPassword, force_password_reset: false } }],
    });
  }

  /**
   * Whether `password` is the customer's password now, without opening a session. Settles a password update whose
   * answer was lost (a timeout): the update either took or it did not.
   */
  async validateCredentials(input: { email: string; password: string; channelId: number }): Promise<boolean> {
    const body = await this.request('POST', '/v3/customers/validate-credentials', {
      body: { email: input.email, password: input.password, channel_id: input.channelId },
    });
    return parse(ValidationSchema, body, 'POST /customers/validate-credentials').is_valid;
  }

  /** Customer attributes with exactly this name (BigCommerce filters by `name`). */
  async findAttributesByName(name: string): Promise<ManagementAttribute[]> {
    const body = await this.request('GET', '/v3/customers/attributes', { query: { name } });
    return parse(AttributeListSchema, body, 'GET /customers/attributes').data.filter((a) => a.name === name);
  }

  async createStringAttribute(name: string): Promise<ManagementAttribute> {
    const body = await this.request('POST', '/v3/customers/attributes', { body: [{ name, type: 'string' }] });
    const created = parse(AttributeListSchema, body, 'POST /customers/attributes').data[0];
    if (!created) throw new UpstreamError('management', 'POST /customers/attributes', 'bad_response');
    return created;
  }

  /** Upsert one attribute value (writes `value`; BigCommerce reads it back as `attribute_value`). */
  async upsertAttributeValue(input: { customerId: number; attributeId: number; value: string }): Promise<void> {
    const body = await this.request('PUT', '/v3/customers/attribute-values', {
      body: [{ customer_id: input.customerId, attribute_id: input.attributeId, value: input.value }],
    });
    parse(AttributeValueListSchema, body, 'PUT /customers/attribute-values');
  }

  async deleteAttributeValues(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.request('DELETE', '/v3/customers/attribute-values', { query: { 'id:in': ids.join(',') } });
  }

  /** A channel's customer settings: whether global customers (`channel_ids: null`) may sign in there. */
  async channelAllowsGlobalLogins(channelId: number): Promise<boolean> {
    const body = await this.request('GET', `/v3/customers/settings/channels/${channelId}`);
    return parse(ChannelSettingsSchema, body, 'GET /customers/settings/channels').data.allow_global_logins;
  }

  /**
   * Mint a private Storefront token (server-to-server only) for the gateway's own GraphQL calls on these channels.
   * `expiresAt` in unix seconds, as BigCommerce requires.
   */
  async createPrivateStorefrontToken(input: { channelIds: number[]; expiresAt: number }): Promise<string> {
    const body = await this.request('POST', '/v3/storefront/api-token-private', {
      body: { channel_ids: input.channelIds, expires_at: input.expiresAt, scopes: ['Unauthenticated', 'Customer'] },
    });
    return parse(TokenSchema, body, 'POST /storefront/api-token-private').data.token;
  }

  /** One cheap read that needs the store hash, the token and the Customers scope: the start-up credential check. */
  async checkAccess(): Promise<void> {
    await this.request('GET', '/v3/customers', { query: { limit: '1' } });
  }

  /** BigCommerce's clock (unix seconds): the reference for Customer Login JWT `iat`. */
  async serverTime(): Promise<number> {
    const body = await this.request('GET', '/v2/time', { versionless: true });
    return parse(TimeSchema, body, 'GET /time').time;
  }

  private async request(
    method: Method,
    path: string,
    init: { query?: Record<string, string>; body?: unknown; versionless?: boolean } = {},
  ): Promise<unknown> {
    // A route names the endpoint, never an id in its path (it is a log field and, later, a metrics label).
    const route = `${method} ${path.replace(/^\/v\d/, '').replace(/\/\d+(?=\/|$)/g, '/{id}')}`;
    const url = new URL(`${this.base}${path}`);
    for (const [key, value] of Object.entries(init.query ?? {})) url.searchParams.set(key, value);

    for (let attempt = 0; ; attempt++) {
      await this.options.budget?.acquire('management', route);
      const outcome = await this.exchange(method, route, url, init.body);
      if (outcome.kind === 'answer') return outcome.body;
      if (attempt < this.maxRateLimitRetries && outcome.waitMs <= this.maxRateLimitWaitMs) {
        this.options.logger.warn({ route, waitMs: outcome.waitMs, attempt }, 'BigCommerce rate limit reached, waiting for the window');
        await sleep(outcome.waitMs);
        continue;
      }
      throw new UpstreamError('management', route, 'rate_limited', { status: 429, retryAfterMs: outcome.waitMs });
    }
  }

  /**
   * One call, within its time limit until the body is read (a store that sends headers and then stalls is as slow
   * as one that says nothing): the parsed body (null for 204), or how long BigCommerce asks to wait.
   *
   * With undici's `request` rather than `fetch`: every unknown address costs one lookup here, and fetch's WHATWG
   * Request, Response and stream objects cost about four times the CPU of the call itself (measured on loopback:
   * about 160 µs against 40 µs per call), which under a burst competed with the answers for the event loop.
   */
  private async exchange(
    method: Method,
    route: string,
    url: URL,
    body: unknown,
  ): Promise<{ kind: 'answer'; body: unknown } | { kind: 'rate_limited'; waitMs: number }> {
    const deadline = new Deadline(this.options.timeoutMs);
    const started = performance.now();
    try {
      let response: Dispatcher.ResponseData;
      try {
        response = await upstreamSpan('management', route, url.host, async (span) => {
          span.setAttribute('http.request.method', method);
          const answer = await request(url, {
            method,
            headers: {
              accept: 'application/json',
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
              'x-auth-token': this.options.accessToken,
            },
            body: body === undefined ? null : JSON.stringify(body),
            signal: deadline.signal,
          });
          span.setAttribute('http.response.status_code', answer.statusCode);
          return answer;
        });
      } catch {
        this.options.onExchange?.({ route, status: 'error', durationMs: performance.now() - started });
        throw new UpstreamError('management', route, deadline.expired ? 'timeout' : 'network');
      }
      const status = response.statusCode;
      const header = (name: string) => singleHeader(response.headers[name]);
      this.options.onExchange?.({ route, status, durationMs: performance.now() - started });
      this.options.budget?.observe(header);

      if (status === 429) {
        await response.body.dump();
        return { kind: 'rate_limited', waitMs: rateLimitWaitMs(header) };
      }
      if (status === 204) {
        await response.body.dump();
        return { kind: 'answer', body: null };
      }
      if (status < 200 || status > 299) {
        await response.body.dump();
        throw new UpstreamError('management', route, failureFor(status), { status });
      }
      try {
        return { kind: 'answer', body: await response.body.json() };
      } catch {
        // The time limit ran out while the body was arriving.
        if (deadline.expired) throw new UpstreamError('management', route, 'timeout');
        throw new UpstreamError('management', route, 'bad_response', { status });
      }
    } finally {
      deadline.clear();
    }
  }
}

/** A header's value as one string (undici gives an array for a repeated header: the first counts). */
function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function failureFor(status: number) {
  if (status === 401 || status === 403) return 'unauthorized' as const;
  if (status >= 500) return 'server_error' as const;
  return 'client_error' as const;
}

/**
 * BigCommerce: "Use the X-Rate-Limit-Time-Reset-Ms header to determine how long to wait". A 429 without the
 * headers means platform load: back off a little.
 */
function rateLimitWaitMs(header: HeaderLookup): number {
  const resetMs = Number(header('x-rate-limit-time-reset-ms'));
  if (Number.isFinite(resetMs) && resetMs >= 0) return Math.ceil(resetMs);
  const retryAfter = Number(header('x-retry-after') ?? header('retry-after'));
  return Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000;
}

function parse<T>(schema: z.ZodType<T>, body: unknown, route: string): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new UpstreamError('management', route, 'bad_response');
  return result.data;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
