import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../../src/upstream/errors.js';
import { ManagementClient } from '../../../../src/backends/bigcommerce/management.js';
import { createLogger } from '../../../../src/log.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

async function upstream(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  close = () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const client = (apiUrl: string, timeoutMs = 1000) =>
  new ManagementClient({ apiUrl, storeHash: 'abc', accessToken: 'secret-token', timeoutMs, logger: createLogger({ level: 'silent' }) });

describe('ManagementClient', () => {
  it('waits out a 429 for X-Rate-Limit-Time-Reset-Ms, then retries', async () => {
    const seen: number[] = [];
    const url = await upstream((req, res) => {
      seen.push(Date.now());
      expect(req.headers['x-auth-token']).toBe('secret-token');
      if (seen.length === 1) {
        res.writeHead(429, { 'x-rate-limit-time-reset-ms': '150', 'content-type': 'application/json' }).end('{}');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ time: 1234 }));
      }
    });
    expect(await client(url).serverTime()).toBe(1234);
    expect(seen).toHaveLength(2);
    expect((seen[1] ?? 0) - (seen[0] ?? 0)).toBeGreaterThanOrEqual(140);
  });

  it('gives up on a 429 whose window is too long, as a retryable UpstreamError', async () => {
    const url = await upstream((_req, res) => res.writeHead(429, { 'x-rate-limit-time-reset-ms': '60000' }).end());
    const error = await client(url).serverTime().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ failure: 'rate_limited', retryable: true, details: { retryAfterMs: 60000 } });
  });

  it('times out, and maps errors without secrets or queries in the message', async () => {
    const slow = await upstream(() => {});
    const timeout = await client(slow, 100).findCustomerByEmail('jane@example.com').catch((e: unknown) => e);
    expect(timeout).toMatchObject({ failure: 'timeout', retryable: true });
    expect((timeout as Error).message).toBe('BigCommerce management GET /customers failed: timeout');
    expect((timeout as Error).message).not.toContain('jane');
  });

  it('times out when the headers come but the body stalls, and lets go of the call once it ends', async () => {
    const stalled = await upstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data": [');
    });
    const started = Date.now();
    const timeout = await client(stalled, 150).findCustomerByEmail('jane@example.com').catch((e: unknown) => e);
    expect(timeout).toMatchObject({ failure: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1000);

    // A finished call leaves no timer behind (AbortSignal.timeout's would hold the request for the whole limit).
    const quick = await upstream((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"time": 1}'));
    const timersBefore = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    await client(quick, 60_000).serverTime();
    const timersAfter = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    expect(timersAfter).toBeLessThanOrEqual(timersBefore);
  });

  it('maps 401 and 5xx and keeps the store hash and token out of messages', async () => {
    let status = 401;
    const url = await upstream((_req, res) => res.writeHead(status).end('{"title":"nope"}'));
    const unauthorized = await client(url).getCustomer(1).catch((e: unknown) => e);
    expect(unauthorized).toMatchObject({ failure: 'unauthorized', retryable: false });
    status = 503;
    const down = await client(url).getCustomer(1).catch((e: unknown) => e);
    expect(down).toMatchObject({ failure: 'server_error', retryable: true });
    expect(String(down)).not.toContain('secret-token');
  });

  it('encodes the email query and matches the customer case-insensitively', async () => {
    let query = '';
    const url = await upstream((req, res) => {
      query = req.url ?? '';
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({ data: [{ id: 5, email: 'Jane+Shop@Example.com', first_name: 'Jane', last_name: 'Doe' }], meta: {} }),
      );
    });
    const customer = await client(url).findCustomerByEmail('jane+shop@example.com');
    expect(customer?.id).toBe(5);
    expect(query).toBe('/stores/abc/v3/customers?email%3Ain=jane%2Bshop%40example.com');
  });
});
