/**
 * OpenTelemetry traces, off unless the standard variables ask for them (`OTEL_EXPORTER_OTLP_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, not `OTEL_SDK_DISABLED=true`; `OTEL_SERVICE_NAME` and the exporter's own
 * `OTEL_EXPORTER_OTLP_*` settings apply as usual). Spans: one per GraphQL operation (use-tracing.ts) and one per
 * BigCommerce call (the clients), attributes named by OpenTelemetry's conventions, never a variable, a result or a
 * document (inline literals are as secret as variables). The trace id goes into every log line (log.ts).
 *
 * The rest of the gateway only uses `@opentelemetry/api`, which is a no-op until a provider is registered here.
 */
import type { UpstreamService } from '../upstream/errors.js';
import { type Span, type SpanOptions, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('headless-auth-gateway');

export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** Registers the SDK and its OTLP/HTTP exporter when asked for; returns how to flush and stop it. */
export async function startTracing(env: NodeJS.ProcessEnv = process.env): Promise<(() => Promise<void>) | null> {
  if (!tracingRequested(env)) return null;
  // Loaded only when tracing is on: the SDK costs start-up time nobody else should pay. One module of our own rather
  // than the SDK's packages one by one: in the bundle (scripts/bundle.mjs), a CommonJS package imported dynamically
  // has only a default export.
  const { registerTracerProvider } = await import('./tracing-sdk.js');
  return registerTracerProvider(env);
}

/**
 * The server span of one HTTP request (OpenTelemetry's HTTP conventions: the path, never the query, which can hold
 * a reset token), active while it is served, so every log line and child span joins its trace.
 */
export function serverSpan(method: string, path: string, work: (span: Span) => Promise<void>): Promise<void> {
  return inActiveSpan(`${method} ${path}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': path } }, work);
}

/**
 * Runs `work` in a new span, active while it runs (log lines and child spans join it), ended however `work` ends,
 * and marked as an error when it throws (by the error's type only: a message can quote input).
 */
export function inActiveSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, options, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Run `work` in a client span for one BigCommerce call; the status code is set by the caller through `span`. */
export function upstreamSpan<T>(
  service: UpstreamService,
  endpoint: string,
  serverAddress: string,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return inActiveSpan(
    `BigCommerce ${service} ${endpoint}`,
    { kind: SpanKind.CLIENT, attributes: { 'server.address': serverAddress, 'url.template': endpoint, 'bigcommerce.api': service } },
    work,
  );
}
