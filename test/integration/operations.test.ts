/**
 * Behaviour around the flows: upstream failures stay masked with a request id, background work survives
 * transient BigCommerce failures, dev mail shows BigCommerce's mail, readiness follows the upstream.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { SandboxHarness } from '../support/sandbox.js';

let gw: TestGateway;
let sandbox: SandboxHarness;

const setFaults = async (faults: unknown[]) => expect((await SandboxHarness.connect(gw.sandboxUrl).setFaults(faults)).ok).toBe(true);

beforeAll(async () => {
  gw = await startTestGateway({ env: { UPSTREAM_TIMEOUT_MS: '500', READINESS_INTERVAL: '1' } });
  sandbox = SandboxHarness.connect(gw.sandboxUrl);
});
afterEach(async () => setFaults([]));
afterAll(async () => gw.close());

describe('upstream failures', () => {
  it('are masked as "Unexpected error." with the request id the response header carries, and logged with it', async () => {
    // (A failed password update itself is answered as unconfirmed, not masked: native-reset.test.ts.)
    await setFaults([{ route: 'GET /v3/customers', status: 500 }]);
    const result = await gw.graphql(
      'mutation { resetPassword(input: { newPassword: "Valid-Passw0rd-1", token: "t", customerId: 1 }) { __typename } }',
    );
    const requestId = result.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.body.errors).toEqual([
      expect.objectContaining({
        message: 'Unexpected error.',
        extensions: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR', requestId }),
      }),
    ]);
    expect(result.raw).not.toContain('stack');
    const logged = gw.logs.filter((line) => line.includes(requestId as string));
    expect(logged.some((line) => line.includes('GET /customers failed: server_error'))).toBe(true);
  });

  it('turn into a masked error on timeout too', async () => {
    await setFaults([{ route: 'GET /v3/customers', timeout: true }]);
    const result = await gw.graphql(
      'mutation { resetPassword(input: { newPassword: "Valid-Passw0rd-1", token: "t", customerId: 1 }) { __typename } }',
    );
    expect(result.body.errors?.[0]?.message).toBe('Unexpected error.');
  });

  it('are retried in the background: two 503s, then the reset mail still goes out once', async () => {
    await setFaults([{ route: 'graphql:requestResetPassword', status: 503, times: 2 }]);
    const before = (await sandbox.mail('jane@example.com')).length;
    await gw.graphql('mutation { requestPasswordReset(input: { email: "jane@example.com" }) { accepted } }');
    await eventually(async () => ((await sandbox.mail('jane@example.com')).length > before ? true : undefined), 8000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await sandbox.mail('jane@example.com')).toHaveLength(before + 1);
  });

  it('make /ready answer 503 while BigCommerce is unreachable, from checks on a schedule, never one per probe', async () => {
    await setFaults([{ route: 'GET /v2/time', status: 500 }]);
    const notReady = await eventually(async () => {
      const response = await fetch(`${gw.url}/ready`);
      return response.status === 503 ? response : undefined;
    }, 5000);
    // It names the part that failed, never the upstream's own error (anyone can fetch /ready).
    expect(await notReady.json()).toEqual({ status: 'unavailable', reason: 'BigCommerce is unavailable' });
    expect(notReady.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${gw.url}/health`)).status).toBe(200);
    await setFaults([]);
    await eventually(async () => ((await fetch(`${gw.url}/ready`)).status === 200 ? true : undefined), 5000);
    // Probes spend nothing upstream: 200 of them at once cost at most the one scheduled check that may fall among them.
    const timeCalls = async () => {
      const text = await gw.gateway.metrics.registry.getSingleMetricAsString('hag_upstream_request_duration_seconds');
      return Number(/_count\{[^}]*endpoint="GET \/time"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0);
    };
    const before = await timeCalls();
    const answers = await Promise.all(Array.from({ length: 200 }, async () => (await fetch(`${gw.url}/ready`)).status));
    expect(answers.every((status) => status === 200)).toBe(true);
    expect((await timeCalls()) - before).toBeLessThanOrEqual(1);
  });
});

describe('metrics', () => {
  it('are not served on the public port of a store without METRICS_TOKEN, whatever NODE_ENV says', async () => {
    const response = await fetch(`${gw.url}/metrics`);
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain('hag_auth_funnel_total');
  });
});

describe('dev mail', () => {
  it('lists BigCommerce (sandbox) mail, labelled, with clickable links (sandbox mode only)', async () => {
    // Store mode has no dev routes at all (a store's shoppers' mail must never be readable there).
    expect((await fetch(`${gw.url}/dev/mail.json`)).status).toBe(404);
    const sandboxGateway = await startTestGateway({ mode: 'sandbox' });
    onTestFinished(() => sandboxGateway.close());
    await devMailShowsBigCommerceMail(sandboxGateway);
  });
});

async function devMailShowsBigCommerceMail(gw: TestGateway): Promise<void> {
  await gw.graphql('mutation { requestPasswordReset(input: { email: "john@example.com" }) { accepted } }');
  const mail = await eventually(async () => {
    const response = await fetch(`${gw.url}/dev/mail.json`);
    const list = (await response.json()) as Array<{ to: string; source: string; links: string[] }>;
    return list.find((m) => m.to === 'john@example.com');
  });
  expect(mail.source).toBe('bigcommerce');
  expect(mail.links.some((l) => l.startsWith(`${gw.url}/password-reset?c=2&t=`))).toBe(true);

  const page = await (await fetch(`${gw.url}/dev/mail`)).text();
  expect(page).toContain('BigCommerce (sandbox)');
  expect(page).toMatch(/<a href="http:\/\/127\.0\.0\.1:\d+\/password-reset\?c=2&amp;t=/);
}
