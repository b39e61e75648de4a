/**
 * Behaviour around the flows: upstream failures stay masked with a request id, background work survives
 * transient BigCommerce failures, dev mail shows BigCommerce's mail, readiness follows the upstream.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { SandboxHarness } from '../support/sandbox.js';

let gw: TestGateway;
let sandbox: SandboxHarness;

const setFaults = async (faults: unknown[]) => expect((await SandboxHarness.connect(gw.sandboxUrl).setFaults(faults)).ok).toBe(true);

beforeAll(async () => {
  gw = await startTestGateway({ env: { UPSTREAM_TIMEOUT_MS: '500' } });
  sandbox = SandboxHarness.connect(gw.sandboxUrl);
});
afterEach(async () => setFaults([]));
afterAll(async () => gw.close());

describe('upstream failures', () => {
  it('are masked as "Unexpected error." with the request id the response header carries, and logged with it', async () => {
    await setFaults([{ route: 'graphql:resetPassword', status: 500 }]);
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
    expect(logged.some((line) => line.includes('resetPassword failed: server_error'))).toBe(true);
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

  it('make /ready answer 503 while BigCommerce is unreachable; a recent success is trusted for a while', async () => {
    await setFaults([{ route: 'GET /v2/time', status: 500 }]);
    const notReady = await fetch(`${gw.url}/ready`);
    expect(notReady.status).toBe(503);
    // It names the part that failed, never the upstream's own error (anyone can fetch /ready).
    expect(await notReady.json()).toEqual({ status: 'unavailable', reason: 'BigCommerce is unavailable' });
    expect(notReady.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${gw.url}/health`)).status).toBe(200);
    await setFaults([]);
    expect((await fetch(`${gw.url}/ready`)).status).toBe(200);
    // Probes do not spend the store's API quota on every call: the success just seen still counts.
    await setFaults([{ route: 'GET /v2/time', status: 500 }]);
    expect((await fetch(`${gw.url}/ready`)).status).toBe(200);
  });
});

describe('dev mail', () => {
  it('lists BigCommerce (sandbox) mail, labelled, with clickable links', async () => {
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
  });
});
