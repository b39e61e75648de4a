/**
 * GraphQL hardening over real sockets: aliases, depth, tokens, one operation, no batching, CSRF, CORS, body size,
 * and production mode (no GraphiQL, no introspection, no field suggestions).
 */
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ env: { RATE_LIMIT_RESET_PASSWORD_PER_TOKEN: '3/60', CORS_ORIGINS: 'https://shop.example' } });
});
afterAll(async () => gw.close());

async function post(body: unknown, headers: Record<string, string> = {}, target = gw) {
  const response = await fetch(`${target.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> } };
}

const aliased = (n: number, token: string) =>
  `mutation { ${Array.from({ length: n }, (_, i) => `a${i}: resetPassword(input: { newPassword: "Valid-Passw0rd-1", token: "${token}", customerId: 1 }) { __typename }`).join(' ')} }`;

describe('GraphQL hardening', () => {
  it('refuses an aliased resetPassword x100 before running any of it', async () => {
    const result = await post({ query: aliased(100, 'alias-attack') });
    expect(result.body.data).toBeUndefined();
    expect(result.body.errors?.[0]?.message).toMatch(/aliases|token limit/i);
    // Compact enough to pass the token limit, it still meets the alias limit.
    const compact = `mutation ($i: ResetPasswordInput!) { ${Array.from({ length: 20 }, (_, i) => `a${i}: resetPassword(input: $i) { __typename }`).join(' ')} }`;
    const viaVariables = await post({ query: compact, variables: { i: { newPassword: 'Valid-Passw0rd-1', token: 'alias-attack', customerId: 1 } } });
    expect(viaVariables.body.data).toBeUndefined();
    expect(viaVariables.body.errors?.[0]?.message).toMatch(/aliases/i);
    // None of the 100 ran: the per-token budget (3) is untouched.
    const single = await post({ query: aliased(1, 'alias-attack') });
    expect(single.body.data).toEqual({ a0: { __typename: 'InvalidResetTokenError' } });
  });

  it('counts every alias that does run as one attempt', async () => {
    const result = await post({ query: aliased(5, 'alias-count') });
    const kinds = Object.values(result.body.data as Record<string, { __typename: string }>).map((r) => r.__typename);
    expect(kinds.filter((k) => k === 'InvalidResetTokenError')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'RateLimitedError')).toHaveLength(2);
  });

  it('refuses deep queries, huge token counts and documents with several operations', async () => {
    const ofTypes = (n: number) => `{ __schema { types { fields { type { ${'ofType { '.repeat(n)}name${' }'.repeat(n)} } } } } }`;
    const deep = await post({ query: ofTypes(20) });
    expect(deep.body.errors?.[0]?.message).toMatch(/depth/i);
    // GraphiQL's own introspection query still works.
    const standard = await post({ query: getIntrospectionQuery() });
    expect(standard.body.errors).toBeUndefined();
    expect(standard.body.data).toHaveProperty('__schema');
    const tokens = await post({ query: `{ passwordPolicy { ${'minLength '.repeat(1200)} } }` });
    expect(tokens.body.errors?.[0]?.message).toMatch(/token/i);
    const two = await post({ query: 'query A { passwordPolicy { minLength } } query B { passwordPolicy { maxLength } }', operationName: 'A' });
    expect(two.body.errors?.[0]?.message).toBe('Send one operation per request.');
  });

  it('does not batch', async () => {
    const batch = await post([{ query: '{ passwordPolicy { minLength } }' }, { query: '{ passwordPolicy { minLength } }' }]);
    expect(batch.status).toBeGreaterThanOrEqual(400);
    expect(Array.isArray(batch.body)).toBe(false);
  });

  it('refuses requests a browser could send cross-site without a preflight (CSRF)', async () => {
    const form = await post('query={ passwordPolicy { minLength } }', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(403);
    expect(form.body.errors?.[0]?.message).toBe('Required CSRF header(s) not present');
    const text = await post(JSON.stringify({ query: '{ passwordPolicy { minLength } }' }), { 'content-type': 'text/plain' });
    expect(text.status).toBe(403);
    const get = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ passwordPolicy { minLength } }')}`, { headers: { accept: 'application/json' } });
    expect(get.status).toBe(403);
    const json = await post({ query: '{ passwordPolicy { minLength } }' });
    expect(json.status).toBe(200);
  });

  it('answers CORS preflights for configured origins only, with credentials', async () => {
    const preflight = (origin: string) =>
      fetch(`${gw.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight('https://shop.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });

  it('refuses oversized bodies with a 413 that ordinary clients can read, whatever the size', async () => {
    for (const size of [40_000, 1_000_000]) {
      const huge = await fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ passwordPolicy { minLength } } # ${'x'.repeat(size)}` }),
      });
      expect(huge.status, `${size} bytes`).toBe(413);
      expect(await huge.json()).toEqual({ errors: [{ message: 'The request body is larger than 32768 bytes.' }] });
    }
  });

  it('counts the bytes of a chunked body (no Content-Length): accepted within the limit, 413 beyond it', async () => {
    const chunked = (parts: string[]) =>
      fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new ReadableStream({
          start(controller) {
            for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
    const small = await chunked(['{"query":"{ passwordPolicy', ' { minLength } }"}']);
    expect(small.status).toBe(200);
    expect(await small.json()).toMatchObject({ data: { passwordPolicy: { minLength: expect.any(Number) } } });
    const large = await chunked(['{"query":"{ passwordPolicy { minLength } } #', ...Array(40).fill('x'.repeat(1000)), '"}']);
    expect(large.status).toBe(413);
  });
});

describe('production mode', () => {
  let production: TestGateway;
  beforeAll(async () => {
    // Production refuses the sandbox's public client secret; this test needs no login, so any other will do.
    production = await startTestGateway({
      env: { NODE_ENV: 'production', SINGLE_INSTANCE: 'true', BIGCOMMERCE_CLIENT_SECRET: 'a-private-client-secret' },
    });
  });
  afterAll(async () => production.close());

  it('serves no GraphiQL, no introspection and no field suggestions', async () => {
    const page = await fetch(`${production.url}/graphql`, { headers: { accept: 'text/html' } });
    // Not GraphiQL: a short page saying it is off and how to turn it on (no script, nothing about the schema).
    const off = await page.text();
    expect(off).toContain('GraphiQL is off');
    expect(off).not.toMatch(/<script/i);
    const introspection = await post({ query: '{ __schema { types { name } } }' }, {}, production);
    expect(introspection.body.data ?? null).toBeNull();
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await post({ query: '{ passwordPolicy { minLenght } }' }, {}, production);
    expect(typo.body.errors?.[0]?.message).not.toMatch(/did you mean/i);

    // Development keeps them, so the two differ because of the mode.
    const devTypo = await post({ query: '{ passwordPolicy { minLenght } }' });
    expect(devTypo.body.errors?.[0]?.message).toMatch(/did you mean/i);
    const devPage = await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await devPage.text()).toMatch(/graphiql/i);
  });
});
