import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { SANDBOX_CREDENTIALS, startSandbox } from '../../src/sandbox/index.js';
import type { RunningSandbox, SandboxMail, SandboxOptions } from '../../src/sandbox/index.js';

export const AUTH = { 'X-Auth-Token': SANDBOX_CREDENTIALS.accessToken };

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * Talking to a sandbox over real HTTP, as a storefront or a test would: one it starts on an ephemeral port
 * (`start`), or one already running, e.g. a gateway harness's (`connect`).
 */
export class SandboxHarness {
  private storefrontToken: Promise<string> | null = null;

  private constructor(readonly sandbox: RunningSandbox) {}

  static async start(options: SandboxOptions = {}): Promise<SandboxHarness> {
    return new SandboxHarness(await startSandbox({ port: 0, ...options }));
  }

  /** A sandbox someone else runs (and closes). */
  static connect(url: string): SandboxHarness {
    return new SandboxHarness({ url, close: async () => {} });
  }

  get url(): string {
    return this.sandbox.url;
  }

  close(): Promise<void> {
    return this.sandbox.close();
  }

  async reset(): Promise<void> {
    await this.raw('POST', '/__sandbox/reset');
  }

  raw(method: string, path: string, init: { body?: string; headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...init.headers },
      ...(init.body === undefined ? {} : { body: init.body }),
      ...(init.signal === undefined ? {} : { signal: init.signal }),
    });
  }

  /** Management API call: `path` is relative to /stores/sandbox (e.g. `/v3/customers`). */
  async rest<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = AUTH): Promise<JsonResponse<T>> {
    const response = await this.raw(method, `/stores/${SANDBOX_CREDENTIALS.storeHash}${path}`, {
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text === '' ? undefined : JSON.parse(text)) as T };
  }

  async mintToken(kind: 'api-token' | 'api-token-private' | 'api-token-customer-impersonation' = 'api-token-private', expiresInSeconds = 90 * 24 * 3600): Promise<string> {
    const time = await this.rest<{ time: number }>('GET', '/v2/time');
    const body: Record<string, unknown> = { channel_id: 1, expires_at: time.body.time + expiresInSeconds };
    if (kind === 'api-token-private') body['scopes'] = ['Unauthenticated', 'Customer'];
    const response = await this.rest<{ data: { token: string } }>('POST', `/v3/storefront/${kind}`, body);
    if (response.status !== 200) throw new Error(`token creation failed: ${response.status}`);
    return response.body.data.token;
  }

  async graphql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
    /** `/graphql` (channel 1) or `/channels/{id}/graphql`. */
    path = '/graphql',
  ): Promise<JsonResponse<{ data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }>> {
    const response = await this.raw('POST', path, { body: JSON.stringify({ query, variables }), headers });
    return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: T; errors?: { message: string }[] } };
  }

  async mail(to?: string): Promise<SandboxMail[]> {
    const response = await this.raw('GET', `/__sandbox/mail${to === undefined ? '' : `?to=${encodeURIComponent(to)}`}`);
    return (await response.json()) as SandboxMail[];
  }

  async setFaults(faults: unknown[]): Promise<Response> {
    return this.raw('POST', '/__sandbox/faults', { body: JSON.stringify({ faults }) });
  }

  /** Storefront `login` with a private token: true when BigCommerce accepts the credentials. */
  async canLogin(email: string, password: string): Promise<boolean> {
    const result = await this.graphql<{ login: { customer: unknown } | null }>(
      'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { customer { entityId } } }',
      { email, password },
      await this.bearer(),
    );
    return !result.body.errors?.length && Boolean(result.body.data?.login?.customer);
  }

  /** Storefront `customer` query as the holder of a customer access token. */
  async customerFor(
    customerAccessToken: string,
    path = '/graphql',
    auth?: Record<string, string>,
  ): Promise<{ entityId: number; email: string } | null> {
    const result = await this.graphql<{ customer: { entityId: number; email: string } | null }>(
      '{ customer { entityId email } }',
      {},
      { ...(auth ?? (await this.bearer())), 'X-Bc-Customer-Access-Token': customerAccessToken },
      path,
    );
    return result.body.data?.customer ?? null;
  }

  private async bearer(): Promise<Record<string, string>> {
    this.storefrontToken ??= this.mintToken();
    return { Authorization: `Bearer ${await this.storefrontToken}` };
  }

  /** An `Authorization` header with a fresh private token for one channel (for `/channels/{id}/graphql`). */
  async bearerFor(channelId: number): Promise<Record<string, string>> {
    const created = await this.rest<{ data: { token: string } }>('POST', '/v3/storefront/api-token-private', {
      channel_ids: [channelId],
      expires_at: (await this.storeTime()) + 600,
      scopes: ['Unauthenticated', 'Customer'],
    });
    return { Authorization: `Bearer ${created.body.data.token}` };
  }

  async advanceClock(seconds: number): Promise<void> {
    await this.raw('POST', '/__sandbox/clock', { body: JSON.stringify({ advanceSeconds: seconds }) });
  }

  async storeTime(): Promise<number> {
    return (await this.rest<{ time: number }>('GET', '/v2/time')).body.time;
  }
}

/** A Customer Login JWT as Catalyst builds one (customer-login-api.ts), with overridable claims. */
export function customerLoginJwt(
  claims: Record<string, unknown> & { iat: number },
  secret: string = SANDBOX_CREDENTIALS.clientSecret,
  algorithm: jwt.Algorithm = 'HS256',
): string {
  return jwt.sign(
    {
      iss: SANDBOX_CREDENTIALS.clientId,
      jti: randomUUID(),
      operation: 'customer_login',
      store_hash: SANDBOX_CREDENTIALS.storeHash,
      customer_id: 1,
      channel_id: 1,
      ...claims,
    },
    secret,
    { algorithm },
  );
}

/** An unsigned (`alg: none`) JWT, built by hand. */
export function unsignedJwt(payload: Record<string, unknown>): string {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
}

export function linkParams(link: string): { c: string | null; t: string | null; url: URL } {
  const url = new URL(link);
  return { c: url.searchParams.get('c'), t: url.searchParams.get('t'), url };
}
