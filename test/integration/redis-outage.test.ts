/**
 * Liveness is the process, readiness is the dependencies: while Redis is down `/health` stays 200 (a liveness probe
 * must not restart every instance over a Redis blip), `/ready` says 503, and both recover when Redis comes back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, sandboxStoreEnv, startTestGateway, type TestGateway } from '../support/gateway.js';
import { startInstance, stop } from '../support/instances.js';
import { SandboxHarness } from '../support/sandbox.js';
import { privateRedisServer, uniqueRedisPrefix } from '../support/requirements.js';

const redis = await privateRedisServer();

describe.runIf(redis)('a Redis outage', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { REDIS_URL: redis?.url ?? '', REDIS_KEY_PREFIX: uniqueRedisPrefix(), RATE_LIMIT_HTTP_PER_IP: '3/60' } });
    await eventually(async () => ((await fetch(`${gw.url}/ready`)).ok ? true : undefined), 10_000);
  });
  afterAll(async () => {
    await gw.close();
    await redis?.stop();
  });

  it('keeps /health at 200 throughout, while /ready reports the outage and the recovery', async () => {
    // /health is not rate-limited: more probes than the per-IP limit allows all pass.
    for (let i = 0; i < 5; i++) expect((await fetch(`${gw.url}/health`)).status).toBe(200);

    await redis?.stop();
    const notReady = await eventually(async () => {
      const response = await fetch(`${gw.url}/ready`);
      return response.status === 503 ? ((await response.json()) as { reason: string }) : undefined;
    }, 10_000);
    // The part that failed, in words of our own: never the driver's message, which names the Redis host and port.
    expect(notReady.reason).toMatch(/^shared store (is unavailable|did not answer within \d+ ms)$/);
    const started = Date.now();
    for (let i = 0; i < 5; i++) {
      const health = await fetch(`${gw.url}/health`);
      expect(health.status).toBe(200);
    }
    expect(Date.now() - started).toBeLessThan(1000);
    // Requests that need the store fail closed, fast and without hanging.
    const refused = await gw.graphql('{ passwordPolicy { minLength } }');
    expect(refused.status).toBe(503);

    await redis?.start();
    await eventually(async () => ((await fetch(`${gw.url}/ready`)).status === 200 ? true : undefined), 15_000);
    expect((await fetch(`${gw.url}/health`)).status).toBe(200);
  }, 40_000);
});

const unreachable = await privateRedisServer();

describe.runIf(unreachable)('SIGTERM while Redis is unreachable', () => {
  it('exits within SHUTDOWN_TIMEOUT (it used to hang with no limit)', async () => {
    const sandbox = await SandboxHarness.start();
    const instance = await startInstance({
      ...sandboxStoreEnv(sandbox.url),
      PORT: '0',
      LOG_LEVEL: 'info',
      REDIS_URL: unreachable?.url ?? '',
      REDIS_KEY_PREFIX: uniqueRedisPrefix(),
      GATEWAY_SECRET: 'shutdown-test-secret-shutdown-test-secret-01',
      SHUTDOWN_TIMEOUT: '2',
    });
    try {
      // A request accepted while Redis was up, then Redis gone: the drain and the connections' quit would wait for it.
      await fetch(`${instance.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation { requestSignInCode(input: { email: "jane@example.com" }) { accepted } }' }),
      });
      await unreachable?.stop();
      const started = Date.now();
      await stop(instance, 'SIGTERM');
      const tookMs = Date.now() - started;
      console.info(`SIGTERM with Redis stopped: exited after ${tookMs} ms (limit 2000 ms)`);
      expect(tookMs).toBeLessThan(2000 + 1500);
      expect(instance.process.exitCode ?? instance.process.signalCode).not.toBeNull();
    } finally {
      await stop(instance, 'SIGKILL');
      await sandbox.close();
    }
  }, 30_000);
});
