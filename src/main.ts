/**
 * Start-up: load config, start the embedded sandbox in sandbox mode, build the gateway, listen, and shut down
 * gracefully (stop accepting, drain background work, close the sandbox).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGateway } from './app.js';
import { type EmbeddedUpstream, startEmbeddedUpstream } from './composition/backend.js';
import { type Config, ConfigError, loadConfig, loadDotEnv } from './config.js';
import { CONNECTIONS_CHECKING_INTERVAL_MS, limitServer } from './http/server-limits.js';
import { createLogger } from './log.js';
import { metricsHandler } from './observability/metrics.js';
import { startTracing } from './observability/tracing.js';

/** Sandbox mode: a taken SANDBOX_PORT is said, not silently moved (links and tools pointed at it would find nothing). */
async function startEmbedded(config: Config): Promise<EmbeddedUpstream> {
  try {
    return await startEmbeddedUpstream(config);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    const port = config.sandbox?.port ?? 0;
    console.error(
      `Start-up failed: port ${port} on 127.0.0.1 for the embedded sandbox is already in use. Set SANDBOX_PORT to another port, for example SANDBOX_PORT=${port + 1} npm start (or SANDBOX_PORT=0 for any free port)`,
    );
    process.exit(1);
  }
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

async function main(): Promise<void> {
  loadDotEnv();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.log.level });
  const stopTracing = await startTracing();
  if (stopTracing) logger.info('OpenTelemetry traces on (OTEL_EXPORTER_OTLP_* set)');

  const sandbox = config.mode === 'sandbox' ? await startEmbedded(config) : null;
  if (sandbox) config = sandbox.config;

  const gateway = await createGateway({ config, logger, ...(sandbox?.sandboxMailUrl ? { sandboxUrl: sandbox.sandboxMailUrl } : {}) });
  const credentialProblem = config.mode === 'store' ? await gateway.credentialProblem() : null;
  if (credentialProblem) {
    console.error(`Start-up failed: ${credentialProblem}`);
    await gateway.close();
    process.exit(1);
  }
  const server = createServer({ connectionsCheckingInterval: CONNECTIONS_CHECKING_INTERVAL_MS }, gateway.handle);
  limitServer(server, config.http);
  let address: AddressInfo;
  try {
    address = await listen(server, config.http.port, config.http.host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
    const why = code === 'EADDRINUSE' ? 'is already in use' : 'needs privileges this process does not have';
    console.error(
      `Start-up failed: port ${config.http.port} on ${config.http.host} ${why}. Set PORT to another port, for example PORT=${config.http.port + 1} npm start`,
    );
    await Promise.all([gateway.close(), sandbox?.close()]);
    process.exit(1);
  }
  const local = `http://${address.address === '0.0.0.0' ? 'localhost' : address.address}:${address.port}`;

  const { metricsPort, metricsOnMainPort } = config.observability;
  let metricsServer: Server | null = null;
  if (metricsPort !== null) {
    metricsServer = createServer(metricsHandler(gateway.metrics));
    const bound = await listen(metricsServer, metricsPort, config.observability.metricsHost);
    logger.info({ metricsUrl: `http://${bound.address}:${bound.port}` }, 'metrics served on their own port');
  } else if (!metricsOnMainPort) {
    logger.warn('metrics are not served: set METRICS_TOKEN (protects /metrics) or METRICS_PORT (a private port, on METRICS_HOST)');
  }

  // Links and cookies use PUBLIC_URL's host, so show the same one (localhost and 127.0.0.1 keep separate cookies).
  if (sandbox) printSandboxBanner(config.http.publicUrl, sandbox, config);
  logger.info({ url: local, mode: config.mode, strategy: config.reset.strategy }, 'gateway listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining background work');
    // Bounded even with Redis or the upstream unreachable (a drain or a quit would wait for them): past the limit,
    // exit anyway; what was queued stays in Redis, and a job that was running is retried by another instance.
    setTimeout(() => {
      logger.warn({ limitSeconds: config.shutdownTimeoutSeconds }, 'shutdown limit reached (SHUTDOWN_TIMEOUT): exiting with work left to other instances');
      process.exit(1);
    }, config.shutdownTimeoutSeconds * 1000).unref();
    server.close();
    server.closeIdleConnections();
    metricsServer?.close();
    await gateway.close();
    await sandbox?.close();
    await stopTracing?.();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function printSandboxBanner(gatewayUrl: string, sandbox: EmbeddedUpstream, config: Config): void {
  const elasticPath = sandbox.name === 'Elastic Path';
  const sandboxUrl = sandbox.url;
  const lines = [
    '',
    elasticPath
      ? '  headless-auth-gateway  ·  SANDBOX MODE  ·  Elastic Path (COMMERCE_BACKEND=elasticpath, no EP_CLIENT_ID set)'
      : '  headless-auth-gateway  ·  SANDBOX MODE (no BIGCOMMERCE_STORE_HASH set)',
    '',
    `  GraphiQL        ${gatewayUrl}/graphql`,
    `  Dev mail        ${gatewayUrl}/dev/mail`,
    `  Reset page      ${config.http.resetPageUrl}`,
    `  Sign-in page    ${gatewayUrl}/sign-in  (passwordless: code and magic link)`,
    ...(elasticPath
      ? [
          `  Elastic Path    ${sandboxUrl}  (embedded emulator, public dev credentials; its webhooks post to ${gatewayUrl}/webhooks/elasticpath)`,
          '',
          '  Demo members    jane@example.com / Password123   john@example.com / Password123',
          '                  sam@example.com / Password123 (a member of two accounts)',
        ]
      : [
          `  SSO test JWT    ${gatewayUrl}/dev/sso-assertion?email=jane@example.com`,
          `  BigCommerce     ${sandboxUrl}  (embedded sandbox, public dev credentials)`,
          '',
          '  Demo customers  jane@example.com / Password123   john@example.com / Password123',
        ]),
    '  Secrets are generated per start; mail goes to the dev outbox (a request that sends nothing, because of the',
    '  resend cooldown or a per-email limit, leaves a note there saying why). Not for production.',
    '',
  ];
  console.warn(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error('Start-up failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
