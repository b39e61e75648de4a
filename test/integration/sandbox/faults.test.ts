import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SandboxHarness } from '../../support/sandbox.js';

const RESET = `mutation Reset($input: ResetPasswordInput!) {
  customer { resetPassword(input: $input) { errors { __typename } } }
}`;
const SITE = '{ site { settings { storeName } } }';

describe('sandbox fault injection', () => {
  let sb: SandboxHarness;
  beforeAll(async () => {
    sb = await SandboxHarness.start();
  });
  afterAll(() => sb.close());
  beforeEach(() => sb.reset());

  it('an error status on one REST route, leaving others alone; {"faults": []} clears', async () => {
    const set = await sb.setFaults([{ route: 'PUT /v3/customers', status: 503 }]);
    expect(set.status).toBe(200);
    const failed = await sb.rest<{ status: number }>('PUT', '/v3/customers', [{ id: 1, first_name: 'X' }]);
    expect(failed.status).toBe(503);
    expect(failed.body.status).toBe(503);
    expect(failed.headers.get('X-Rate-Limit-Requests-Quota')).toBe('150');
    expect((await sb.rest('GET', '/v3/customers')).status).toBe(200);

    await sb.setFaults([]);
    expect((await sb.rest('PUT', '/v3/customers', [{ id: 1, first_name: 'X' }])).status).toBe(200);
  });

  it('a 500 with errorRate 1 on GET /v3/customers; errorRate 0 never fires', async () => {
    await sb.setFaults([{ route: 'GET /v3/customers', status: 500, errorRate: 1 }]);
    expect((await sb.rest('GET', '/v3/customers')).status).toBe(500);
    await sb.setFaults([{ route: 'GET /v3/customers', status: 500, errorRate: 0 }]);
    expect((await sb.rest('GET', '/v3/customers')).status).toBe(200);
  });

  it('a 429 burst: the next N matching requests get 429 with rate-limit headers, then normal service', async () => {
    await sb.setFaults([{ route: '* /v3/customers', burst429: 2 }]);
    const first = await sb.rest('GET', '/v3/customers');
    expect(first.status).toBe(429);
    expect(first.body).toMatchObject({ status: 429, title: 'Too many requests' });
    expect(first.headers.get('X-Retry-After')).not.toBeNull();
    expect(first.headers.get('X-Rate-Limit-Time-Reset-Ms')).not.toBeNull();
    expect((await sb.rest('PUT', '/v3/customers', [{ id: 1 }])).status).toBe(429);
    expect((await sb.rest('GET', '/v3/customers')).status).toBe(200);
  });

  it('latency delays the answer', async () => {
    await sb.setFaults([{ route: 'GET /v2/time', latencyMs: 300 }]);
    const started = performance.now();
    expect((await sb.rest('GET', '/v2/time')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('`times` limits a fault to the next N requests', async () => {
    await sb.setFaults([{ route: 'GET /v2/time', status: 500, times: 1 }]);
    expect((await sb.rest('GET', '/v2/time')).status).toBe(500);
    expect((await sb.rest('GET', '/v2/time')).status).toBe(200);
  });

  it('GraphQL faults by field name: graphql:resetPassword hits only that mutation', async () => {
    const auth = { Authorization: `Bearer ${await sb.mintToken()}` };
    await sb.setFaults([{ route: 'graphql:resetPassword', status: 502 }]);
    const failed = await sb.graphql(RESET, { input: { customerEntityId: 1, token: 'x', newPassword: 'Password123' } }, auth);
    expect(failed.status).toBe(502);
    expect(failed.body.errors?.[0]?.message).toBeDefined();
    expect((await sb.graphql(SITE, {}, auth)).status).toBe(200);

    await sb.setFaults([{ route: 'graphql', burst429: 1 }]);
    expect((await sb.graphql(SITE, {}, auth)).status).toBe(429);
    expect((await sb.graphql(SITE, {}, auth)).status).toBe(200);
  });

  it('"*" matches everything except the control routes', async () => {
    await sb.setFaults([{ route: '*', status: 500 }]);
    expect((await sb.rest('GET', '/v2/time')).status).toBe(500);
    expect((await sb.graphql(SITE)).status).toBe(500);
    expect((await sb.raw('GET', '/__sandbox/mail')).status).toBe(200);
    await sb.setFaults([]);
  });

  it('a timeout hangs until the client gives up, and the sandbox keeps serving', async () => {
    await sb.setFaults([{ route: 'GET /v3/customers', timeout: true }]);
    const started = performance.now();
    await expect(
      sb.raw('GET', '/stores/sandbox/v3/customers', { headers: { 'X-Auth-Token': 'sandbox-access-token' }, signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    expect((await sb.rest('GET', '/v2/time')).status).toBe(200);
  });

  it('refuses an invalid fault body with 400 and keeps the old faults', async () => {
    await sb.setFaults([{ route: 'GET /v2/time', status: 500 }]);
    expect((await sb.setFaults([{ route: 'GET /v2/time', status: 99 }])).status).toBe(400);
    expect((await sb.raw('POST', '/__sandbox/faults', { body: '{nope' })).status).toBe(400);
    const listed = (await (await sb.raw('GET', '/__sandbox/faults')).json()) as { faults: unknown[] };
    expect(listed.faults).toEqual([{ route: 'GET /v2/time', status: 500 }]);
  });
});

describe('sandbox close()', () => {
  it('closes promptly even while a request hangs on an injected timeout', async () => {
    const sb = await SandboxHarness.start();
    await sb.setFaults([{ route: 'GET /v2/time', timeout: true }]);
    const hanging = sb.raw('GET', '/stores/sandbox/v2/time', { headers: { 'X-Auth-Token': 'sandbox-access-token' } }).catch(() => 'gone');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await sb.close();
    expect(performance.now() - started).toBeLessThan(2000);
    await hanging;
    await expect(fetch(`${sb.url}/__sandbox/mail`)).rejects.toThrow();
  });
});
