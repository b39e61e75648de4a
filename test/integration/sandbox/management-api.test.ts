import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SandboxHarness } from '../../support/sandbox.js';

type ErrorBody = { status: number; title: string; type: string; errors?: Record<string, string> };

describe('sandbox Management API: auth, envelopes, input errors', () => {
  let sb: SandboxHarness;
  beforeAll(async () => {
    sb = await SandboxHarness.start();
  });
  afterAll(() => sb.close());
  beforeEach(() => sb.reset());

  it('answers 401 with an ErrorResponse body when X-Auth-Token is missing or wrong', async () => {
    for (const headers of [{}, { 'X-Auth-Token': 'wrong' }] as Record<string, string>[]) {
      const response = await sb.rest<ErrorBody>('GET', '/v3/customers', undefined, headers);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ status: 401, title: 'Unauthorized', errors: {} });
      expect(response.headers.get('X-Rate-Limit-Requests-Quota')).toBe('150');
    }
  });

  it('answers 404 NotFound for an unknown store hash and for an unknown route', async () => {
    const store = await sb.raw('GET', '/stores/not-a-store/v3/customers', { headers: { 'X-Auth-Token': 'sandbox-access-token' } });
    expect(store.status).toBe(404);
    expect(await store.json()).toMatchObject({ status: 404, title: 'Store not found' });

    const route = await sb.rest<ErrorBody>('GET', '/v3/no-such-thing');
    expect(route.status).toBe(404);
    expect(route.body).toEqual({
      status: 404,
      title: 'The route is not found, check the URL',
      type: '/api-docs/getting-started/api-status-codes',
    });
    expect(route.headers.get('X-Rate-Limit-Requests-Left')).not.toBeNull();
  });

  it('carries the four X-Rate-Limit headers on a normal response, counting down', async () => {
    const first = await sb.rest('GET', '/v2/time');
    const second = await sb.rest('GET', '/v2/time');
    expect(first.headers.get('X-Rate-Limit-Time-Window-Ms')).toBe('30000');
    expect(Number(first.headers.get('X-Rate-Limit-Time-Reset-Ms'))).toBeGreaterThan(0);
    expect(first.headers.get('X-Rate-Limit-Requests-Quota')).toBe('150');
    expect(Number(first.headers.get('X-Rate-Limit-Requests-Left')) - Number(second.headers.get('X-Rate-Limit-Requests-Left'))).toBe(1);
  });

  it('GET /v2/time returns unix seconds', async () => {
    const response = await sb.rest<{ time: number }>('GET', '/v2/time');
    expect(response.status).toBe(200);
    expect(Math.abs(response.body.time - Date.now() / 1000)).toBeLessThan(5);
  });

  it('answers malformed JSON with a 422 JSON error, not a crash, and keeps serving', async () => {
    const response = await sb.raw('PUT', '/stores/sandbox/v3/customers', {
      headers: { 'X-Auth-Token': 'sandbox-access-token' },
      body: '[{"id": 1, "first_name": ',
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as ErrorBody;
    expect(body).toMatchObject({ status: 422, title: 'JSON data is missing or invalid' });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|SyntaxError/);
    expect((await sb.rest('GET', '/v2/time')).status).toBe(200);
  });

  it('answers wrong types and oversized values with 422 naming the field', async () => {
    const wrongType = await sb.rest<ErrorBody>('PUT', '/v3/customers', [{ id: '1', first_name: 42 }]);
    expect(wrongType.status).toBe(422);
    expect(Object.keys(wrongType.body.errors ?? {})).toEqual(expect.arrayContaining(['0.id', '0.first_name']));

    const huge = await sb.rest<ErrorBody>('PUT', '/v3/customers', [{ id: 1, first_name: 'x'.repeat(101) }]);
    expect(huge.status).toBe(422);
    expect(huge.body.errors).toHaveProperty('0.first_name');

    const notArray = await sb.rest<ErrorBody>('PUT', '/v3/customers', { id: 1 });
    expect(notArray.status).toBe(422);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const response = await sb.raw('PUT', '/stores/sandbox/v3/customers', {
      headers: { 'X-Auth-Token': 'sandbox-access-token' },
      body: JSON.stringify([{ id: 1, notes: 'x'.repeat(1_100_000) }]),
    });
    expect(response.status).toBe(413);
  });

  it('validate-credentials: valid, wrong password, unknown email, missing fields', async () => {
    const valid = await sb.rest('POST', '/v3/customers/validate-credentials', { email: 'JANE@example.com', password: 'Password123' });
    expect(valid.body).toEqual({ is_valid: true, customer_id: 1 });
    const wrong = await sb.rest('POST', '/v3/customers/validate-credentials', { email: 'jane@example.com', password: 'nope1234' });
    expect(wrong.body).toEqual({ is_valid: false, customer_id: null });
    const unknown = await sb.rest('POST', '/v3/customers/validate-credentials', { email: 'nobody@example.com', password: 'Password123' });
    expect(unknown.body).toEqual({ is_valid: false, customer_id: null });
    const otherChannel = await sb.rest('POST', '/v3/customers/validate-credentials', {
      email: 'jane@example.com',
      password: 'Password123',
      channel_id: 7,
    });
    expect(otherChannel.body).toEqual({ is_valid: false, customer_id: null });
    const missing = await sb.rest<ErrorBody>('POST', '/v3/customers/validate-credentials', { email: 'jane@example.com' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toHaveProperty('password');
  });
});

describe('sandbox Management API quota', () => {
  let sb: SandboxHarness;
  beforeAll(async () => {
    sb = await SandboxHarness.start({ quota: { requestsPerWindow: 3, windowMs: 60_000 } });
  });
  afterAll(() => sb.close());

  it('answers 429 with the documented body, the rate-limit headers and X-Retry-After once the quota is spent', async () => {
    for (let i = 0; i < 3; i += 1) expect((await sb.rest('GET', '/v2/time')).status).toBe(200);
    const limited = await sb.rest('GET', '/v3/customers');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ status: 429, title: 'Too many requests', type: '/api-docs/getting-started/api-status-codes', errors: {} });
    expect(limited.headers.get('X-Rate-Limit-Requests-Left')).toBe('0');
    expect(limited.headers.get('X-Rate-Limit-Requests-Quota')).toBe('3');
    expect(limited.headers.get('X-Rate-Limit-Time-Window-Ms')).toBe('60000');
    const resetMs = Number(limited.headers.get('X-Rate-Limit-Time-Reset-Ms'));
    expect(resetMs).toBeGreaterThan(0);
    expect(Number(limited.headers.get('X-Retry-After'))).toBe(Math.ceil(resetMs / 1000));

    // A new window starts once the old one has passed.
    await sb.advanceClock(61);
    expect((await sb.rest('GET', '/v2/time')).status).toBe(200);

    // POST /__sandbox/reset refills the quota too.
    await sb.rest('GET', '/v2/time');
    await sb.rest('GET', '/v2/time');
    expect((await sb.rest('GET', '/v2/time')).status).toBe(429);
    await sb.reset();
    expect((await sb.rest('GET', '/v2/time')).status).toBe(200);
  });
});
