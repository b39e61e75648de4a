/**
 * The OpenTelemetry SDK with its OTLP/HTTP exporter, registered as the global tracer provider. Imported by
 * tracing.ts only when traces are asked for.
 */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** Returns how to flush and stop it. */
export function registerTracerProvider(env: NodeJS.ProcessEnv): () => Promise<void> {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? 'headless-auth-gateway' }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesEndpoint(env) }), { scheduledDelayMillis: 500 })],
  });
  provider.register();
  return async () => {
    await provider.forceFlush();
    await provider.shutdown();
  };
}

/** The OTLP/HTTP traces URL, as the specification derives it from the two variables. */
function tracesEndpoint(env: NodeJS.ProcessEnv): string {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  return `${(env.OTEL_EXPORTER_OTLP_ENDPOINT ?? '').replace(/\/+$/, '')}/v1/traces`;
}
