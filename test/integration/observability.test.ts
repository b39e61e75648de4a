/**
 * What an operator sees: `/metrics` (requests by operation and result, the auth funnel, limit refusals, BigCommerce
 * calls with latency and the quota, the queue, mails), protected by a token or on a port of its own, never a label
 * carrying input; and the audit stream, one record per security event with request id, IP, user agent, customer
 * and a keyed email reference, never an address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, sandboxStoreEnv, startTestGateway, type TestGateway } from '../support/gateway.js';
import { type Instance, startInstance, stop } from '../support/instances.js';
import { SandboxHarness } from '../support/sandbox.js';

const TOKEN = 'metrics-token-for-tests-0123456789';
let gw: TestGateway;
let sandbox: SandboxHarness;

beforeAll(async () => {
  gw = await startTestGateway({ env: { METRICS_TOKEN: TOKEN, RATE_LIMIT_LOGIN_PER_IP: '2/60' } });
  sandbox = SandboxHarness.connect(gw.sandboxUrl);
});
afterAll(async () => gw.close());

const scrape = async (token = TOKEN) => fetch(`${gw.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

describe('/metrics', () => {
  it('needs the token when one is configured', async () => {
    expect((await fetch(`${gw.url}/metrics`)).status).toBe(401);
    expect((await scrape('wrong-token-wrong-token-wrong')).status).toBe(401);
    const ok = await scrape();
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/plain');
  });

  it('counts requests by result, the reset funnel, BigCommerce calls, the queue, mails and limit refusals', async () => {
    await gw.graphql('mutation { requestPasswordReset(input: { email: "jane@example.com" }) { accepted } }');
    await eventually(async () => ((await sandbox.mail('jane@example.com')).length > 0 ? true : undefined));
    await gw.graphql('mutation { resetPassword(input: { newPassword: "Metrics-Passw0rd-1", token: "forged", customerId: 1 }) { __typename } }');
    const auditBefore = gw.audit.length;
    for (let i = 0; i < 5; i++) await gw.graphql('mutation { loginWithJwt(input: { jwt: "a.b.c" }) { __typename } }');
    await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(40_000) });

    const text = await eventually(async () => {
      const body = await (await scrape()).text();
      return body.includes('flow="reset",step="mailed"') ? body : undefined;
    });
    expect(value(text, 'hag_graphql_requests_total{operation="requestPasswordReset",result="OK"}')).toBe(1);
    expect(value(text, 'hag_graphql_requests_total{operation="resetPassword",result="INVALID_RESET_TOKEN"}')).toBe(1);
    expect(value(text, 'hag_graphql_requests_total{operation="loginWithJwt",result="INVALID_JWT"}')).toBe(2);
    expect(value(text, 'hag_graphql_requests_total{operation="loginWithJwt",result="RATE_LIMITED"}')).toBe(3);
    expect(value(text, 'hag_auth_funnel_total{flow="reset",step="requested",code=""}')).toBe(1);
    expect(value(text, 'hag_auth_funnel_total{flow="reset",step="mailed",code=""}')).toBe(1);
    expect(value(text, 'hag_auth_funnel_total{flow="reset",step="failed",code="INVALID_RESET_TOKEN"}')).toBe(1);
    expect(value(text, 'hag_rate_limit_refusals_total{limit="loginPerIp"}')).toBe(3);
    // Three refusals, one audit record: the moment the client crossed the limit.
    const limitRecords = gw.audit.slice(auditBefore).filter((line) => line.includes('"event":"limit.hit"'));
    expect(limitRecords).toHaveLength(1);
    expect(limitRecords[0]).toContain('"code":"loginPerIp"');
    expect(value(text, 'hag_http_refusals_total{status="413"}')).toBe(1);
    expect(value(text, 'hag_jobs_total{job="reset.sendLink",outcome="done"}')).toBe(1);
    expect(text).toMatch(/hag_upstream_request_duration_seconds_count\{service="storefront",endpoint="requestResetPassword",status="200"\} 1/);
    expect(text).toMatch(/hag_upstream_request_duration_seconds_bucket\{le="0\.025",service="management",endpoint="GET \/customers",status="200"\}/);
    expect(text).toContain('hag_queue_jobs{state="waiting"} 0');
    expect(text).toContain('hag_queue_oldest_job_age_seconds 0');
    expect(value(text, 'hag_bigcommerce_quota_remaining')).toBeGreaterThan(0);

    // No label ever carries input: no address, no token, no IP.
    const labels = text.split('\n').filter((l) => !l.startsWith('#')).map((l) => l.slice(0, l.lastIndexOf(' ')));
    expect(labels.filter((l) => /@|forged|Metrics-Passw0rd|\d+\.\d+\.\d+\.\d+/.test(l))).toEqual([]);
  });
});

describe('the audit stream', () => {
  it('records each security event with request id, IP, user agent and a keyed email reference, never the address', async () => {
    const before = gw.audit.length;
    await gw.graphql('mutation { requestPasswordReset(input: { email: "john@example.com" }) { accepted } }', undefined, {
      headers: { 'user-agent': 'AuditTest/1.0' },
    });
    const record = JSON.parse(gw.audit.slice(before).find((l) => l.includes('"reset.requested"')) ?? '{}') as Record<string, unknown>;
    expect(record).toMatchObject({ stream: 'audit', event: 'reset.requested', ip: '127.0.0.1', userAgent: 'AuditTest/1.0', channelId: 1 });
    expect(record.requestId).toMatch(/^[\w-]{8,}$/);
    expect(record.emailRef).toMatch(/^[\w-]{12}$/);
    expect(typeof record.time).toBe('number');
    expect(gw.audit.join('\n')).not.toContain('john@example.com');
    // The mail went out in the background, under the same request id.
    const mailed = await eventually(async () => gw.audit.find((l) => l.includes('"reset.link_mailed"') && l.includes(String(record.requestId))));
    expect(mailed).toBeDefined();
    // And it is its own stream: nothing of it in the operational log.
    expect(gw.logs.some((l) => l.includes('"reset.requested"'))).toBe(false);
  });
});

describe('a private metrics port (METRICS_PORT)', () => {
  let sandboxServer: SandboxHarness;
  let instance: Instance;
  beforeAll(async () => {
    sandboxServer = await SandboxHarness.start();
    instance = await startInstance({ ...sandboxStoreEnv(sandboxServer.url), PORT: '0', LOG_LEVEL: 'info', METRICS_PORT: '0', NODE_ENV: 'test' });
  }, 30_000);
  afterAll(async () => {
    await stop(instance);
    await sandboxServer.close();
  });

  it('serves the registry there, and not on the public port', async () => {
    expect((await fetch(`${instance.url}/metrics`)).status).not.toBe(200);
    const port = await eventually(async () => /"metricsUrl":"(http:\/\/[^"]+)"/.exec(instance.output())?.[1]);
    // Loopback unless METRICS_HOST says otherwise: the public interface never gets the funnel counters.
    expect(port).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const text = await (await fetch(`${port}/metrics`)).text();
    expect(text).toContain('# TYPE hag_graphql_requests_total counter');
  });
});
