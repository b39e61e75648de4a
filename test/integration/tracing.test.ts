/**
 * OpenTelemetry traces, on with the standard variables: a span per GraphQL operation (OpenTelemetry's GraphQL
 * attributes) with BigCommerce calls as its children, exported over OTLP/HTTP to a local collector; no variable,
 * document, result or address in any attribute; the trace id in the log lines.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing } from '../../src/observability/tracing.js';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
}

let collector: Server;
const spans: ExportedSpan[] = [];
let gw: TestGateway;
let stopTracing: (() => Promise<void>) | null;

beforeAll(async () => {
  collector = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const payload = JSON.parse(body) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: ExportedSpan[] }> }> };
      for (const resource of payload.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  stopTracing = await startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
  gw = await startTestGateway({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint } });
});
afterAll(async () => {
  await gw.close();
  await stopTracing?.();
  collector.close();
});

describe('traces', () => {
  it('exports a span per operation with its BigCommerce calls as children, and nothing a client sent', async () => {
    const auditBefore = gw.audit.length;
    await gw.graphql('mutation { resetPassword(input: { newPassword: "Traced-Passw0rd-1", token: "traced-token-value", customerId: 1 }) { __typename } }');
    await gw.graphql('mutation { requestPasswordReset(input: { email: "traced.person@example.com" }) { accepted } }');

    const operation = await eventually(async () => spans.find((s) => s.name === 'mutation resetPassword'), 10_000);
    expect(operation.attributes).toEqual(
      expect.arrayContaining([
        { key: 'graphql.operation.type', value: { stringValue: 'mutation' } },
        { key: 'graphql.operation.name', value: { stringValue: 'resetPassword' } },
      ]),
    );
    // Its BigCommerce calls (the first one also mints the Storefront token and reads the store's password rules).
    const children = await eventually(async () => {
      const found = spans.filter((s) => s.parentSpanId === operation.spanId);
      return found.some((s) => s.name === 'BigCommerce storefront resetPassword') ? found : undefined;
    }, 10_000);
    expect(children.map((s) => s.name)).toEqual(
      expect.arrayContaining(['BigCommerce management GET /customers', 'BigCommerce storefront resetPassword']),
    );
    expect(children.every((s) => s.traceId === operation.traceId)).toBe(true);
    const storefront = children.find((s) => s.name === 'BigCommerce storefront resetPassword');
    expect(storefront?.attributes).toEqual(expect.arrayContaining([{ key: 'url.template', value: { stringValue: 'resetPassword' } }]));

    const everything = JSON.stringify(spans);
    for (const secret of ['Traced-Passw0rd-1', 'traced-token-value', 'traced.person@example.com', 'newPassword']) {
      expect(everything).not.toContain(secret);
    }
    // The lines written for the traced request (its audit record here) carry its trace id.
    expect(gw.audit.slice(auditBefore).some((line) => line.includes(`"traceId":"${operation.traceId}"`))).toBe(true);
  });
});
