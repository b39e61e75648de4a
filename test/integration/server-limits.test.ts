/**
 * The HTTP server's own limits (issue 15, row 14), through main.ts as production starts it: connections per client
 * address, slow headers, and request ids that are always the gateway's own.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxStoreEnv, startTestGateway, type TestGateway } from '../support/gateway.js';
import { type Instance, startInstance, stop } from '../support/instances.js';
import { SandboxHarness } from '../support/sandbox.js';

describe('the HTTP server (main.ts)', () => {
  let sandbox: SandboxHarness;
  let instance: Instance;
  beforeAll(async () => {
    sandbox = await SandboxHarness.start();
    instance = await startInstance({
      ...sandboxStoreEnv(sandbox.url),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      MAX_CONNECTIONS_PER_IP: '5',
      HTTP_HEADERS_TIMEOUT: '1',
    });
  }, 30_000);
  afterAll(async () => {
    await stop(instance);
    await sandbox.close();
  });

  const open = (): Promise<Socket> =>
    new Promise((resolve, reject) => {
      const { port } = new URL(instance.url);
      const socket = connect(Number(port), '127.0.0.1', () => resolve(socket));
      socket.once('error', reject);
    });
  const closedWithin = (socket: Socket, ms: number): Promise<boolean> =>
    new Promise((resolve) => {
      if (socket.destroyed) return resolve(true);
      const timer = setTimeout(() => resolve(false), ms);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });

  it('closes connections beyond MAX_CONNECTIONS_PER_IP at once, and serves the others', async () => {
    const sockets = await Promise.all(Array.from({ length: 8 }, open));
    const closed = await Promise.all(sockets.map((socket) => closedWithin(socket, 500)));
    expect(closed.filter(Boolean)).toHaveLength(3);
    const survivor = sockets[closed.indexOf(false)] as Socket;
    const answer = new Promise<string>((resolve) => survivor.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    survivor.write('GET /health HTTP/1.1\r\nHost: gateway\r\n\r\n');
    expect(await answer).toMatch(/^HTTP\/1\.1 200/);
    for (const socket of sockets) socket.destroy();
  });

  it('cuts off a client that does not finish its headers within HTTP_HEADERS_TIMEOUT', async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const slow = await open();
    slow.resume(); // read what the server sends (its 408), so its close is seen
    slow.write('GET /health HTTP/1.1\r\nHost: gateway\r\n');
    const started = Date.now();
    expect(await closedWithin(slow, 5000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(4000);
  });
});

describe('request ids', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => gw.close());

  it("are the gateway's own; a client's is kept beside it in the logs, never instead of it", async () => {
    // A request that logs: an upstream failure, masked for the client and logged with the request's ids.
    await SandboxHarness.connect(gw.sandboxUrl).setFaults([{ route: 'GET /v3/customers', status: 500 }]);
    const result = await gw.graphql(
      'mutation { resetPassword(input: { newPassword: "Valid-Passw0rd-1", token: "t", customerId: 1 }) { __typename } }',
      undefined,
      { headers: { 'x-request-id': 'chosen-by-the-client-0001' } },
    );
    await SandboxHarness.connect(gw.sandboxUrl).setFaults([]);
    const requestId = result.headers.get('x-request-id') as string;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const lines = gw.logs.filter((line) => line.includes('chosen-by-the-client-0001'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.includes(`"requestId":"${requestId}"`) && line.includes('"clientRequestId":"chosen-by-the-client-0001"'))).toBe(true);
  });
});
