/** Talking to the sandbox directly, as a storefront or a test would: tokens, login, customer, mail. */
export interface SandboxMailItem {
  id: string;
  to: string;
  subject: string;
  text: string;
  links: string[];
  createdAt: string;
}

export class SandboxClient {
  private token: string | null = null;

  constructor(private readonly url: string) {}

  async mail(to?: string): Promise<SandboxMailItem[]> {
    const response = await fetch(`${this.url}/__sandbox/mail${to ? `?to=${encodeURIComponent(to)}` : ''}`);
    return (await response.json()) as SandboxMailItem[];
  }

  async reset(): Promise<void> {
    await fetch(`${this.url}/__sandbox/reset`, { method: 'POST' });
  }

  /** A Management API call with the sandbox's access token; `path` after `/stores/sandbox`. */
  async management<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.url}/stores/sandbox${path}`, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-auth-token': 'sandbox-access-token' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async setFaults(faults: unknown[]): Promise<void> {
    const response = await fetch(`${this.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults }),
    });
    if (!response.ok) throw new Error(`faults refused: ${response.status}`);
  }

  async storefrontToken(): Promise<string> {
    if (this.token) return this.token;
    const response = await fetch(`${this.url}/stores/sandbox/v3/storefront/api-token-private`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': 'sandbox-access-token' },
      body: JSON.stringify({ channel_id: 1, expires_at: Math.floor(Date.now() / 1000) + 3600, scopes: ['Unauthenticated', 'Customer'] }),
    });
    const body = (await response.json()) as { data: { token: string } };
    this.token = body.data.token;
    return this.token;
  }

  async graphql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.storefrontToken()}`, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ message: string }> };
  }

  /** Storefront `login`: true when BigCommerce accepts the credentials. */
  async canLogin(email: string, password: string): Promise<boolean> {
    const result = await this.graphql(
      'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { customer { entityId } } }',
      { email, password },
    );
    return !result.errors?.length && Boolean((result.data?.login as { customer?: unknown } | undefined)?.customer);
  }

  /** Storefront `customer` query as the holder of a customer access token. */
  async customerFor(customerAccessToken: string): Promise<{ entityId: number; email: string } | null> {
    const result = await this.graphql('{ customer { entityId email } }', {}, { 'x-bc-customer-access-token': customerAccessToken });
    return (result.data?.customer as { entityId: number; email: string } | null) ?? null;
  }
}

/** Asserts no log line carries one of the secrets, nor anything shaped like a JWT. */
export function findLeaks(logs: string[], secrets: string[]): string[] {
  const jwtShape = /eyJ[\w-]{5,}\.[\w-]{5,}\./;
  return logs.filter((line) => jwtShape.test(line) || secrets.some((secret) => secret.length >= 6 && line.includes(secret)));
}
