/**
 * Test harness: a real sandbox and a real gateway on ephemeral loopback ports, wired by URL exactly as in
 * production (the gateway sees the sandbox as "a store"), with every log line captured for inspection.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createGateway, type Gateway } from '../../src/app.js';
import { withEmbeddedElasticPath } from '../../src/backends/elasticpath/config.js';
import { loadConfig, withEmbeddedSandbox, type Config } from '../../src/config.js';
import { ELASTICPATH_DEV_CREDENTIALS } from '../../src/contracts/elasticpath/dev-credentials.js';
import { createAuditLogger, createLogger, emailRefs } from '../../src/log.js';
import { type OutboxMail, OutboxMailer } from '../../src/mail/outbox.js';
import { startElasticPathSandbox } from '../../src/sandbox/elasticpath/index.js';
import { startSandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { auditLogLine, auditRequest } from './log-audit.js';

export interface TestGateway {
  url: string;
  sandboxUrl: string;
  config: Config;
  gateway: Gateway;
  /** Every log line the gateway and the sandbox wrote, raw. */
  logs: string[];
  /** Every audit record, raw (the gateway's separate audit stream). */
  audit: string[];
  /**
   * The mail the gateway sent, newest first, when the harness gave it an in-memory transport (every test that sets
   * no POSTMARK_API_URL of its own): the shape of /dev/mail.json, which only sandbox mode serves.
   */
  mail(): OutboxMail[];
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    init?: { headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }; raw: string }>;
  close(): Promise<void>;
}

export const GENEROUS_LIMITS = Object.fromEntries(
  [
    'RATE_LIMIT_HTTP_PER_IP',
    'RATE_LIMIT_REQUEST_RESET_PER_IP',
    'RATE_LIMIT_REQUEST_RESET_PER_EMAIL',
    'RATE_LIMIT_RESET_PASSWORD_PER_IP',
    'RATE_LIMIT_RESET_PASSWORD_PER_TOKEN',
    'RATE_LIMIT_LOGIN_PER_IP',
    'RATE_LIMIT_SIGN_IN_REQUEST_PER_IP',
    'RATE_LIMIT_SIGN_IN_REQUEST_PER_EMAIL',
    'RATE_LIMIT_SIGN_IN_ATTEMPT_PER_IP',
    'RATE_LIMIT_SIGN_IN_ATTEMPT_PER_EMAIL',
    'RATE_LIMIT_TOKEN_STATUS_PER_IP',
    'UPSTREAM_BUDGET',
  ].map((name) => [name, '1000000/60']),
);

/**
 * The environment of a gateway whose "real store" is the sandbox at `sandboxUrl`, with its public dev
 * credentials and every abuse limit out of the way. Shared by the harness, the multi-process test and the bench.
 */
export const HARNESS_POSTMARK_TOKEN = 'harness-postmark-server-token';

export function sandboxStoreEnv(
  sandboxUrl: string,
  limits: 'generous' | 'default' = 'generous',
  /** A local Postmark-compatible server; the default (discard port) makes any mail a child process sends fail loudly. */
  postmarkUrl = 'http://127.0.0.1:9',
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    BIGCOMMERCE_STORE_HASH: 'sandbox',
    BIGCOMMERCE_ACCESS_TOKEN: 'sandbox-access-token',
    BIGCOMMERCE_CLIENT_ID: 'sandbox-client-id',
    BIGCOMMERCE_CLIENT_SECRET: 'sandbox-client-secret',
    BIGCOMMERCE_API_URL: sandboxUrl,
    BIGCOMMERCE_STOREFRONT_URL: sandboxUrl,
    // Both of the sandbox's storefronts, each at its own endpoint and site, as a multi-storefront store is set up.
    BIGCOMMERCE_CHANNELS: JSON.stringify([
      { id: 1, storefrontUrl: sandboxUrl, siteUrl: sandboxUrl },
      { id: 2, storefrontUrl: `${sandboxUrl}/channels/2`, siteUrl: `${sandboxUrl}/channels/2`, name: 'Sandbox Outlet' },
    ]),
    // Shared by every instance a test starts, as production requires.
    GATEWAY_SECRET: 'test-gateway-secret-test-gateway-secret-0123',
    // A store needs a mail transport. In-process gateways get an in-memory one from the harness instead; a child
    // process that mails must be given a local Postmark server (test/support/postmark-server.ts) by its test.
    POSTMARK_SERVER_TOKEN: HARNESS_POSTMARK_TOKEN,
    POSTMARK_API_URL: postmarkUrl,
    MAIL_FROM: 'Sandbox Store <store@example.com>',
    ...(limits === 'generous' ? GENEROUS_LIMITS : {}),
  };
}

/** The environment of a gateway whose Elastic Path store is the emulator at `emulatorUrl` (see sandboxStoreEnv). */
export function elasticPathStoreEnv(emulatorUrl: string, limits: 'generous' | 'default' = 'generous', postmarkUrl = 'http://127.0.0.1:9'): Record<string, string> {
  const dev = ELASTICPATH_DEV_CREDENTIALS;
  return {
    NODE_ENV: 'test',
    COMMERCE_BACKEND: 'elasticpath',
    EP_API_URL: emulatorUrl,
    EP_CLIENT_ID: dev.clientId,
    EP_CLIENT_SECRET: dev.clientSecret,
    EP_PASSWORD_PROFILE_ID: dev.passwordProfileId,
    EP_WEBHOOK_SECRET: dev.webhookSecret,
    EP_STORE_NAME: 'Sandbox Store',
    SIGN_IN_LINK_URL: 'http://storefront.test/sign-in-link',
    RESET_TOKEN_SECRET: 'elasticpath-harness-reset-secret-0123456789',
    GATEWAY_SECRET: 'test-gateway-secret-test-gateway-secret-0123',
    POSTMARK_SERVER_TOKEN: HARNESS_POSTMARK_TOKEN,
    POSTMARK_API_URL: postmarkUrl,
    MAIL_FROM: 'Sandbox Store <store@example.com>',
    ...(limits === 'generous' ? GENEROUS_LIMITS : {}),
  };
}

export async function startTestGateway(
  options: {
    /** The commerce backend and its emulator (default: BigCommerce and its sandbox). */
    backend?: 'bigcommerce' | 'elasticpath';
    /** Elastic Path: an emulator already running elsewhere (another process) instead of one started here. */
    upstreamUrl?: string;
    /** Settings on top of the harness's; a function when they need the sandbox's URL. */
    env?: Record<string, string> | ((sandboxUrl: string) => Record<string, string>);
    sandbox?: SandboxOptions;
    /** `default`: every abuse limit and the upstream budget as shipped (the harness otherwise lifts them). */
    limits?: 'generous' | 'default';
    /**
     * `sandbox`: no store configured, the gateway pointed at this sandbox as `npm start` does (dev routes on);
     * `store` (default): the sandbox is "a real store".
     */
    mode?: 'store' | 'sandbox';
  } = {},
): Promise<TestGateway> {
  const logs: string[] = [];
  const record = (line: string) => {
    logs.push(line);
    auditLogLine(line);
  };
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  const elasticPath = options.backend === 'elasticpath';
  // The Elastic Path emulator posts its webhooks to this gateway, as the integration a store sets up does.
  const sandbox = elasticPath
    ? options.upstreamUrl
      ? { url: options.upstreamUrl, close: async () => {} }
      : await startElasticPathSandbox({ webhookUrl: `${url}/webhooks/elasticpath`, onLog: record })
    : await startSandbox({ siteUrl: url, onLog: record, ...options.sandbox });
  const env: Record<string, string> = {
    ...(elasticPath ? elasticPathStoreEnv(sandbox.url, options.limits) : sandboxStoreEnv(sandbox.url, options.limits)),
    PORT: String(port),
    PUBLIC_URL: url,
    LOG_LEVEL: 'debug',
    UPSTREAM_TIMEOUT_MS: '2000',
    // Tests about a limit set their own.
    ...(typeof options.env === 'function' ? options.env(sandbox.url) : options.env),
  };
  if (options.mode === 'sandbox') {
    for (const name of Object.keys(env)) if (/^(BIGCOMMERCE_|EP_|POSTMARK_|MAIL_FROM$)/.test(name)) delete env[name];
  }
  const loaded = loadConfig(env);
  const embedded = elasticPath ? withEmbeddedElasticPath(loaded, sandbox.url) : withEmbeddedSandbox(loaded, sandbox.url);
  const config = options.mode === 'sandbox' ? embedded : loaded;
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) record(line);
      callback();
    },
  });
  const logger = createLogger({ level: config.log.level, destination });
  const audit: string[] = [];
  const auditDestination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        audit.push(line);
        auditLogLine(line);
      }
      callback();
    },
  });
  const auditLogger = createAuditLogger(auditDestination);
  const outbox = env.POSTMARK_API_URL !== sandboxStoreEnv(sandbox.url).POSTMARK_API_URL && options.mode !== 'sandbox' ? null : new OutboxMailer(logger, emailRefs(config.gatewaySecret.value));
  const gateway = await createGateway({ config, logger, auditLogger, ...(elasticPath ? {} : { sandboxUrl: sandbox.url }), ...(outbox ? { mailTransport: outbox } : {}) });
  server.on('request', gateway.handle);

  return {
    url,
    sandboxUrl: sandbox.url,
    config,
    gateway,
    logs,
    audit,
    mail: () => outbox?.list() ?? [],
    async graphql(query, variables, init) {
      auditRequest(query, variables);
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...init?.headers },
        body: JSON.stringify({ query, variables }),
      });
      const raw = await response.text();
      return { status: response.status, headers: response.headers, body: JSON.parse(raw), raw };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await gateway.close();
      await sandbox.close();
    },
  };
}

/** Poll until `probe` returns a value (background work finishing), or fail after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined | null>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
