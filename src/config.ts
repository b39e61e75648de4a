/**
 * Every setting, parsed and validated once at start-up.
 *
 * A bad value stops start-up with one line naming the variable (`ConfigError`). Without
 * `BIGCOMMERCE_STORE_HASH` the gateway runs in sandbox mode: the embedded BigCommerce sandbox with its public
 * dev credentials, secrets generated per start, and dev conveniences (GraphiQL, dev mail) on.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { BIGCOMMERCE_ENV, type BigCommerceConfig, bigCommerceConfig, bigCommerceStoreConfigured } from './backends/bigcommerce/config.js';
import { ELASTICPATH_ENV, type ElasticPathConfig, elasticPathConfig, elasticPathStoreConfigured } from './backends/elasticpath/config.js';
import { boolean, explain, httpUrl, list, nonEmpty, port, positiveInt, Problems, type RateLimitRule, rule } from './config-kit.js';
import { tracingRequested } from './observability/tracing.js';
import { REDIS_ENV, type RedisConfig, redisConfig } from './store/redis-config.js';

export { ConfigError, type RateLimitRule } from './config-kit.js';
export { SANDBOX_UPSTREAM, withEmbeddedSandbox, type ChannelConfig } from './backends/bigcommerce/config.js';

/** `native` and `ott`: BigCommerce's (`RESET_STRATEGY`); `elasticpath`: Elastic Path's one-time password tokens. */
export type ResetStrategyName = 'native' | 'ott' | 'elasticpath';

export interface SsoConfig {
  issuer: string;
  audience: string;
  /** Assertions older than this (by `iat`) are refused even if `exp` is later. */
  maxAgeSeconds: number;
  /** JWKS: refreshed on this schedule; an unknown `kid` fetches at most once per `jwksMinIntervalSeconds`. */
  jwksRefreshSeconds: number;
  jwksMinIntervalSeconds: number;
  key: { kind: 'hs256'; secret: string } | { kind: 'jwks'; url: string };
  /** Generated for this run (sandbox mode): the dev SSO route can sign test assertions with it. */
  generated: boolean;
}

export interface PostmarkConfig {
  transport: 'postmark';
  serverToken: string;
  from: string;
  messageStream: string;
  templateAliases: { 'password-reset'?: string; 'password-changed'?: string; 'sign-in'?: string };
  apiUrl: string;
  timeoutSeconds: number;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  /** `sandbox`: no store configured, the embedded sandbox is the upstream. */
  mode: 'sandbox' | 'store';
  http: {
    host: string;
    port: number;
    /** Base of every link the gateway builds; never derived from request headers. */
    publicUrl: string;
    resetPageUrl: string;
    /** Offered by the reset page once the password is changed. */
    signInUrl: string;
    graphiql: boolean;
    introspection: boolean;
    /** Origins allowed to call the API from a browser (with credentials); empty: same-origin only. */
    corsOrigins: string[];
    /** Proxies whose `X-Forwarded-For` is believed (IPs or CIDRs); empty: the socket address is the client. */
    trustedProxies: string[];
    maxBodyBytes: number;
    /** Seconds between readiness checks of the upstream (the store is checked every 2 s); /ready serves the last. */
    readinessIntervalSeconds: number;
    /** A client that has not sent its headers by then is cut off (slow-headers attacks hold sockets). */
    headersTimeoutSeconds: number;
    /** A request not fully received by then is cut off (slow bodies). */
    requestTimeoutSeconds: number;
    /** Open connections allowed per client address; trusted proxies are exempt (every client comes through them). */
    maxConnectionsPerIp: number;
  };
  /** Absent: an in-memory store and job queue (one instance only; production needs `SINGLE_INSTANCE=true`). */
  redis: RedisConfig | null;
  /**
   * `GATEWAY_SECRET`: keys the email references in logs and seals queued jobs in Redis (a key per purpose is
   * derived from it). Every instance must share it.
   */
  gatewaySecret: { value: string; generated: boolean };
  /**
   * `SHUTDOWN_TIMEOUT`: seconds a SIGTERM may take (draining running jobs, closing connections) before the process
   * exits anyway; queued jobs stay in Redis for the next instance. Keep it under the orchestrator's grace period.
   */
  shutdownTimeoutSeconds: number;
  limits: {
    /** Every request, per client IP, before anything else (HTTP 429). */
    httpPerIp: RateLimitRule;
    requestResetPerIp: RateLimitRule;
    /** Reset mails per address: extra requests are dropped silently, the answer stays identical. */
    requestResetPerEmail: RateLimitRule;
    resetPasswordPerIp: RateLimitRule;
    resetPasswordPerToken: RateLimitRule;
    loginPerIp: RateLimitRule;
    signInRequestPerIp: RateLimitRule;
    /** Sign-in mails per address: extra requests are dropped silently, the answer stays identical. */
    signInRequestPerEmail: RateLimitRule;
    signInAttemptPerIp: RateLimitRule;
    signInAttemptPerEmail: RateLimitRule;
    /** passwordResetTokenStatus, per client IP (the one query that may read upstream). */
    tokenStatusPerIp: RateLimitRule;
  };
  upstream: {
    /** Calls to BigCommerce by all instances together: the store's quota is shared by every app. */
    budget: RateLimitRule;
    /** Share (0..1) of the budget, and of BigCommerce's remaining quota, that background work leaves to shoppers. */
    interactiveReserve: number;
  };
  /** The commerce backend (`COMMERCE_BACKEND`); its section below. */
  backend: 'bigcommerce' | 'elasticpath';
  /** Present when `backend` is `bigcommerce`. */
  bigcommerce: BigCommerceConfig | null;
  /** Present when `backend` is `elasticpath`. */
  elasticpath: ElasticPathConfig | null;
  /** Passwordless sign-in: a 6-digit code and a magic link in one mail. */
  signIn: {
    /** Both the code and the link live this long (at most 15 minutes). */
    ttlSeconds: number;
    /** A new request for one address within this window sends nothing (the answer stays identical). */
    resendCooldownSeconds: number;
    /** Relative `redirect_to` of the Customer Login JWTs handed to storefronts. */
    redirectPath: string;
    /** Where the mailed magic link points: the gateway's link page, or your storefront's (it gets `?token=`). */
    linkUrl: string;
  };
  /**
   * Only in sandbox mode: where to start the embedded sandbox (0 = any free port), and the site URL its storefront
   * has (where its reset mail links and browser sign-ins go; default `PUBLIC_URL`, a storefront's for `npm run example`).
   */
  sandbox: { port: number; siteUrl: string | undefined } | null;
  reset: {
    strategy: ResetStrategyName;
    /** native: the `path` given to BigCommerce, so its mail links to `${store site}${path}?c=&t=`. */
    nativePath: string;
    /** native: lifetime assumed for BigCommerce's `t` token (not published; UNVERIFIED), sets the handoff cookie's Max-Age. */
    nativeTokenTtlSeconds: number;
    /** ott: sign the link JWTs (each >= 32 bytes); newest first, older ones still verify (rotation). */
    tokenSecrets: string[];
    /** ott: the secret was generated for this run (sandbox mode); links die with the process. */
    tokenSecretGenerated: boolean;
    tokenTtlSeconds: number;
    /** ott: name of the customer attribute holding each customer's OTT hash. */
    attributeName: string;
    /** Log the customer in after a successful reset (a minted Customer Login JWT, never the password). */
    loginAfterReset: boolean;
    /** Linked from the "your password was changed" mail; absent, the mail says to contact the store. */
    supportUrl: string | undefined;
  };
  sso: SsoConfig | null;
  /**
   * `outbox`: no Postmark token, so mail is kept for /dev/mail instead of sent (development only; production
   * refuses it with the ott strategy, while native sends no mail of its own and needs no transport).
   */
  mail: { transport: 'outbox' } | PostmarkConfig;
  queue: {
    concurrency: number;
    /** In-memory queue only: jobs waiting beyond this are refused. */
    maxQueued: number;
    /** A job not done this long after it was accepted is abandoned (logged, counted); default: the link lifetime. */
    maxJobAgeSeconds: number;
    /** Redis queue: a dead instance's running jobs are picked up by another after about this long. */
    lockSeconds: number;
  };
  log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' };
  observability: {
    /** `/metrics` on the gateway's port requires `Authorization: Bearer <token>`. */
    metricsToken: string | null;
    /** Serve `/metrics` on this port instead (no token; keep the port private). */
    metricsPort: number | null;
    /** Where `METRICS_PORT` listens: loopback unless configured (the funnel counters are not for the public). */
    metricsHost: string;
    /** Whether `/metrics` is served on the gateway's own port: with a token, or open in sandbox mode only. */
    metricsOnMainPort: boolean;
    /** Where audit records go: `stdout`, `stderr`, a file path, or `off`. */
    auditLog: string;
    /** OpenTelemetry traces are on (the standard `OTEL_*` variables ask for them). */
    tracing: boolean;
  };
}

const EnvSchema = z.object({
  COMMERCE_BACKEND: z.enum(['bigcommerce', 'elasticpath']).default('bigcommerce'),
  ...BIGCOMMERCE_ENV,
  ...ELASTICPATH_ENV,
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: nonEmpty.optional(),
  PORT: port.default(4000),
  PUBLIC_URL: httpUrl.optional(),
  RESET_PAGE_URL: httpUrl.optional(),
  SIGN_IN_URL: httpUrl.optional(),
  GRAPHIQL: boolean.optional(),
  INTROSPECTION: boolean.optional(),
  CORS_ORIGINS: list
    .pipe(z.array(z.url({ protocol: /^https?$/ }).transform((u) => new URL(u).origin)))
    .default([]),
  TRUSTED_PROXIES: list
    .pipe(z.array(z.string().refine((v) => isIP(v.split('/')[0] ?? '') !== 0, 'must be IP addresses or CIDR ranges')))
    .default([]),
  MAX_BODY_BYTES: positiveInt.min(1024).max(1024 * 1024).default(32 * 1024),
  READINESS_INTERVAL: positiveInt.max(300).default(10),
  HTTP_HEADERS_TIMEOUT: positiveInt.max(120).default(10),
  HTTP_REQUEST_TIMEOUT: positiveInt.max(600).default(30),
  MAX_CONNECTIONS_PER_IP: positiveInt.max(100_000).default(64),
  ...REDIS_ENV,
  SINGLE_INSTANCE: boolean.default(false),
  SHUTDOWN_TIMEOUT: positiveInt.max(600).default(10),
  GATEWAY_SECRET: z
    .string()
    .refine((v) => Buffer.byteLength(v) >= 32, 'must be at least 32 bytes (e.g. openssl rand -base64 48)')
    .optional(),
  RATE_LIMIT_HTTP_PER_IP: rule.default({ points: 300, durationSeconds: 60 }),
  RATE_LIMIT_REQUEST_RESET_PER_IP: rule.default({ points: 10, durationSeconds: 900 }),
  RATE_LIMIT_REQUEST_RESET_PER_EMAIL: rule.default({ points: 3, durationSeconds: 3600 }),
  RATE_LIMIT_RESET_PASSWORD_PER_IP: rule.default({ points: 20, durationSeconds: 900 }),
  RATE_LIMIT_RESET_PASSWORD_PER_TOKEN: rule.default({ points: 5, durationSeconds: 900 }),
  RATE_LIMIT_LOGIN_PER_IP: rule.default({ points: 30, durationSeconds: 60 }),
  RATE_LIMIT_SIGN_IN_REQUEST_PER_IP: rule.default({ points: 10, durationSeconds: 900 }),
  RATE_LIMIT_SIGN_IN_REQUEST_PER_EMAIL: rule.default({ points: 5, durationSeconds: 3600 }),
  RATE_LIMIT_SIGN_IN_ATTEMPT_PER_IP: rule.default({ points: 30, durationSeconds: 900 }),
  RATE_LIMIT_SIGN_IN_ATTEMPT_PER_EMAIL: rule.default({ points: 10, durationSeconds: 900 }),
  RATE_LIMIT_TOKEN_STATUS_PER_IP: rule.default({ points: 30, durationSeconds: 60 }),
  UPSTREAM_BUDGET: rule.default({ points: 60, durationSeconds: 30 }),
  UPSTREAM_INTERACTIVE_RESERVE: z.coerce.number().int().min(0).max(90).default(25),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  METRICS_PORT: port.optional(),
  METRICS_HOST: nonEmpty.default('127.0.0.1'),
  AUDIT_LOG: nonEmpty.default('stderr'),

  UPSTREAM_TIMEOUT_MS: positiveInt.max(60_000).default(5000),
  SANDBOX_PORT: port.default(4010),
  SANDBOX_SITE_URL: httpUrl.optional(),

  RESET_STRATEGY: z.enum(['native', 'ott']).default('native'),
  RESET_TOKEN_SECRET: list
    .pipe(z.array(z.string().refine((v) => Buffer.byteLength(v) >= 32, 'must be at least 32 bytes')).min(1, 'must not be empty'))
    .optional(),
  RESET_TOKEN_TTL: z.coerce.number().int().min(60).max(24 * 3600).default(600),
  OTT_ATTRIBUTE_NAME: z.string().trim().min(1).max(255).default('reset_ott'),
  LOGIN_AFTER_RESET: boolean.default(false),
  SUPPORT_URL: z.url().optional(),

  POSTMARK_SERVER_TOKEN: nonEmpty.optional(),
  MAIL_FROM: nonEmpty.optional(),
  POSTMARK_MESSAGE_STREAM: nonEmpty.default('outbound'),
  POSTMARK_TEMPLATE_PASSWORD_RESET: nonEmpty.optional(),
  POSTMARK_TEMPLATE_PASSWORD_CHANGED: nonEmpty.optional(),
  POSTMARK_TEMPLATE_SIGN_IN: nonEmpty.optional(),
  POSTMARK_API_URL: httpUrl.default('https://api.postmarkapp.com'),
  POSTMARK_TIMEOUT: positiveInt.max(120).default(10),
  SIGN_IN_CODE_TTL: z.coerce.number().int().min(60).max(900, 'must be at most 900 seconds (15 minutes)').default(600),
  SIGN_IN_RESEND_COOLDOWN: z.coerce.number().int().min(0).max(600).default(60),
  SIGN_IN_LINK_URL: httpUrl.optional(),
  SIGN_IN_REDIRECT_PATH: z
    .string()
    .regex(/^\/(?!\/)[^\s]*$/, 'must be a relative path starting with / (BigCommerce allows nothing else)')
    .default('/account.php'),

  SSO_ISSUER: nonEmpty.optional(),
  SSO_AUDIENCE: nonEmpty.optional(),
  SSO_HS256_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SSO_JWKS_URL: httpUrl.optional(),
  SSO_MAX_AGE: positiveInt.max(300, 'must be at most 300 seconds').default(300),
  SSO_JWKS_REFRESH: positiveInt.min(10).max(86_400).default(600),
  SSO_JWKS_MIN_INTERVAL: positiveInt.max(3600).default(10),

  QUEUE_CONCURRENCY: positiveInt.max(64).default(4),
  QUEUE_MAX_QUEUED: positiveInt.default(1000),
  QUEUE_MAX_JOB_AGE: positiveInt.max(7 * 24 * 3600).optional(),
  QUEUE_LOCK_SECONDS: positiveInt.min(2).max(600).default(30),
});

type Env = z.infer<typeof EnvSchema>;

/** Every environment variable the gateway reads (the README's table and `.env.example` list each; a test checks). */
export const SETTINGS: readonly string[] = Object.keys(EnvSchema.shape);

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Parse the environment (and `.env` when present) into a typed Config.
 * @throws ConfigError with one line naming the variable and what is wrong.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const problems = new Problems();
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const variable = String(issue.path[0] ?? 'environment');
      if (seen.has(variable)) continue;
      seen.add(variable);
      const received = source[variable];
      problems.add(variable, received === undefined || received === '' ? 'is required' : `is invalid: ${explain(issue, variable, received)}`);
    }
    problems.throwIfAny();
  }
  const env = parsed.data as Env;
  // Sandbox mode: no store configured for the selected backend.
  const elasticpathChosen = env.COMMERCE_BACKEND === 'elasticpath';
  const mode = (elasticpathChosen ? elasticPathStoreConfigured(env) : bigCommerceStoreConfigured(env)) ? 'store' : 'sandbox';
  const production = env.NODE_ENV === 'production';

  if (mode === 'sandbox' && production) {
    problems.add(elasticpathChosen ? 'EP_CLIENT_ID' : 'BIGCOMMERCE_STORE_HASH', 'is required in production (sandbox mode is for development only)');
  }
  if (production && !env.PUBLIC_URL) problems.add('PUBLIC_URL', 'is required in production');
  // The gateway's own sign-in page finishes through a browser sign-in route Elastic Path does not have (its sessions
  // are tokens for the storefront's server), so the mailed link must land on a storefront page.
  if (elasticpathChosen && mode === 'store' && !env.SIGN_IN_LINK_URL) {
    problems.add('SIGN_IN_LINK_URL', "is required with COMMERCE_BACKEND=elasticpath: your storefront's page that redeems the mailed link (signInWithLink, from its server)");
  }
  const redis = redisConfig(env, problems);
  if (production && !redis && !env.SINGLE_INSTANCE) {
    problems.add(
      'REDIS_URL',
      'is required in production (or REDIS_SENTINELS, or REDIS_CLUSTER_NODES: accepted background work must survive a crash); set SINGLE_INSTANCE=true to run one instance without it',
    );
  }
  if (!env.GATEWAY_SECRET && (production || redis)) {
    const redisVariable = env.REDIS_URL ? 'REDIS_URL' : env.REDIS_SENTINELS ? 'REDIS_SENTINELS' : 'REDIS_CLUSTER_NODES';
    problems.add('GATEWAY_SECRET', `is required ${production ? 'in production' : `with ${redisVariable}`} (every instance must share it)`);
  }
  if (mode === 'sandbox' && env.HOST && !LOOPBACK_HOSTS.has(env.HOST)) {
    problems.add('HOST', 'must be a loopback address in sandbox mode (its dev routes sign login assertions for anyone who asks)');
  }

  const port = env.PORT;
  const reset = resetConfig(env, source, mode, problems);
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${port}`;
  const bigcommerce = elasticpathChosen ? null : bigCommerceConfig(env, { mode, production, publicUrl }, problems);
  const elasticpath = elasticpathChosen ? elasticPathConfig(env, { mode, production }, problems) : null;
  const config: Config = {
    env: env.NODE_ENV,
    mode,
    http: {
      host: env.HOST ?? (mode === 'sandbox' ? '127.0.0.1' : '0.0.0.0'),
      port,
      publicUrl,
      resetPageUrl: env.RESET_PAGE_URL ?? `${publicUrl}/reset-password`,
      signInUrl: env.SIGN_IN_URL ?? `${publicUrl}/sign-in`,
      graphiql: env.GRAPHIQL ?? !production,
      introspection: env.INTROSPECTION ?? !production,
      corsOrigins: env.CORS_ORIGINS,
      trustedProxies: env.TRUSTED_PROXIES,
      maxBodyBytes: env.MAX_BODY_BYTES,
      readinessIntervalSeconds: env.READINESS_INTERVAL,
      headersTimeoutSeconds: env.HTTP_HEADERS_TIMEOUT,
      requestTimeoutSeconds: env.HTTP_REQUEST_TIMEOUT,
      maxConnectionsPerIp: env.MAX_CONNECTIONS_PER_IP,
    },
    redis,
    shutdownTimeoutSeconds: env.SHUTDOWN_TIMEOUT,
    gatewaySecret: env.GATEWAY_SECRET
      ? { value: env.GATEWAY_SECRET, generated: false }
      : { value: randomBytes(32).toString('base64url'), generated: true },
    limits: {
      httpPerIp: env.RATE_LIMIT_HTTP_PER_IP,
      requestResetPerIp: env.RATE_LIMIT_REQUEST_RESET_PER_IP,
      requestResetPerEmail: env.RATE_LIMIT_REQUEST_RESET_PER_EMAIL,
      resetPasswordPerIp: env.RATE_LIMIT_RESET_PASSWORD_PER_IP,
      resetPasswordPerToken: env.RATE_LIMIT_RESET_PASSWORD_PER_TOKEN,
      loginPerIp: env.RATE_LIMIT_LOGIN_PER_IP,
      signInRequestPerIp: env.RATE_LIMIT_SIGN_IN_REQUEST_PER_IP,
      signInRequestPerEmail: env.RATE_LIMIT_SIGN_IN_REQUEST_PER_EMAIL,
      signInAttemptPerIp: env.RATE_LIMIT_SIGN_IN_ATTEMPT_PER_IP,
      signInAttemptPerEmail: env.RATE_LIMIT_SIGN_IN_ATTEMPT_PER_EMAIL,
      tokenStatusPerIp: env.RATE_LIMIT_TOKEN_STATUS_PER_IP,
    },
    upstream: { budget: env.UPSTREAM_BUDGET, interactiveReserve: env.UPSTREAM_INTERACTIVE_RESERVE / 100 },
    backend: env.COMMERCE_BACKEND,
    bigcommerce,
    elasticpath,
    signIn: {
      ttlSeconds: env.SIGN_IN_CODE_TTL,
      resendCooldownSeconds: env.SIGN_IN_RESEND_COOLDOWN,
      redirectPath: env.SIGN_IN_REDIRECT_PATH,
      linkUrl: env.SIGN_IN_LINK_URL ?? `${publicUrl}/sign-in-link`,
    },
    sandbox: mode === 'sandbox' ? { port: env.SANDBOX_PORT, siteUrl: env.SANDBOX_SITE_URL } : null,
    reset,
    sso: ssoConfig(env, mode, problems),
    mail: mailConfig(env, mode, problems),
    queue: {
      concurrency: env.QUEUE_CONCURRENCY,
      maxQueued: env.QUEUE_MAX_QUEUED,
      maxJobAgeSeconds:
        env.QUEUE_MAX_JOB_AGE ?? (reset.strategy === 'native' ? reset.nativeTokenTtlSeconds : reset.tokenTtlSeconds),
      lockSeconds: env.QUEUE_LOCK_SECONDS,
    },
    log: { level: env.LOG_LEVEL },
    observability: {
      metricsToken: env.METRICS_TOKEN ?? null,
      metricsPort: env.METRICS_PORT ?? null,
      metricsHost: env.METRICS_HOST,
      // The funnel counters tell, per outcome, whether addresses have accounts: behind a token, or in sandbox mode.
      metricsOnMainPort: env.METRICS_PORT === undefined && (Boolean(env.METRICS_TOKEN) || mode === 'sandbox'),
      auditLog: env.AUDIT_LOG,
      tracing: tracingRequested(source),
    },
  };
  problems.throwIfAny();
  return config;
}

function resetConfig(env: Env, source: NodeJS.ProcessEnv, mode: Config['mode'], problems: Problems): Config['reset'] {
  const elasticpath = env.COMMERCE_BACKEND === 'elasticpath';
  const strategy: ResetStrategyName = elasticpath ? 'elasticpath' : env.RESET_STRATEGY;
  if (strategy !== 'native' && !env.RESET_TOKEN_SECRET && mode !== 'sandbox') {
    problems.add('RESET_TOKEN_SECRET', `is required with ${elasticpath ? 'COMMERCE_BACKEND=elasticpath' : 'RESET_STRATEGY=ott'} (it signs the reset links)`);
  }
  if (elasticpath && source.RESET_STRATEGY !== undefined) problems.add('RESET_STRATEGY', 'applies to BigCommerce only (Elastic Path resets through its one-time password tokens)');
  return {
    strategy,
    nativePath: env.NATIVE_RESET_PATH,
    nativeTokenTtlSeconds: env.NATIVE_RESET_TOKEN_TTL,
    tokenSecrets: env.RESET_TOKEN_SECRET ?? [randomBytes(32).toString('base64url')],
    tokenSecretGenerated: !env.RESET_TOKEN_SECRET,
    // Elastic Path's code behind a link lives 10 minutes: a link never outlives it.
    tokenTtlSeconds: elasticpath ? Math.min(env.RESET_TOKEN_TTL, 600) : env.RESET_TOKEN_TTL,
    attributeName: env.OTT_ATTRIBUTE_NAME,
    loginAfterReset: env.LOGIN_AFTER_RESET,
    supportUrl: env.SUPPORT_URL,
  };
}

function mailConfig(env: Env, mode: Config['mode'], problems: Problems): Config['mail'] {
  if (!env.POSTMARK_SERVER_TOKEN) {
    // The dev outbox exists only in sandbox mode, whatever NODE_ENV says: against a real store it would either show
    // shoppers' sign-in codes to whoever reads /dev/mail, or (with no reader) drop mail while answers say it was sent.
    if (mode === 'store') {
      problems.add('POSTMARK_SERVER_TOKEN', 'is required when a store is configured (sign-in codes, reset links and "password changed" notices are mailed; the dev outbox exists only in sandbox mode)');
    }
    return { transport: 'outbox' };
  }
  return {
    transport: 'postmark',
    serverToken: env.POSTMARK_SERVER_TOKEN,
    from: problems.need(env.MAIL_FROM, 'MAIL_FROM', 'is required with POSTMARK_SERVER_TOKEN', ''),
    messageStream: env.POSTMARK_MESSAGE_STREAM,
    templateAliases: {
      ...(env.POSTMARK_TEMPLATE_PASSWORD_RESET ? { 'password-reset': env.POSTMARK_TEMPLATE_PASSWORD_RESET } : {}),
      ...(env.POSTMARK_TEMPLATE_PASSWORD_CHANGED ? { 'password-changed': env.POSTMARK_TEMPLATE_PASSWORD_CHANGED } : {}),
      ...(env.POSTMARK_TEMPLATE_SIGN_IN ? { 'sign-in': env.POSTMARK_TEMPLATE_SIGN_IN } : {}),
    },
    apiUrl: env.POSTMARK_API_URL,
    timeoutSeconds: env.POSTMARK_TIMEOUT,
  };
}

function ssoConfig(env: Env, mode: Config['mode'], problems: Problems): SsoConfig | null {
  const configured = env.SSO_ISSUER ?? env.SSO_AUDIENCE ?? env.SSO_HS256_SECRET ?? env.SSO_JWKS_URL;
  if (!configured) {
    if (mode !== 'sandbox') return null;
    // Sandbox mode: a trusted issuer with a per-start secret, so loginWithJwt can be tried from GraphiQL.
    return {
      issuer: 'sandbox-sso',
      audience: 'headless-auth-gateway',
      maxAgeSeconds: env.SSO_MAX_AGE,
      jwksRefreshSeconds: env.SSO_JWKS_REFRESH,
      jwksMinIntervalSeconds: env.SSO_JWKS_MIN_INTERVAL,
      key: { kind: 'hs256', secret: randomBytes(32).toString('base64url') },
      generated: true,
    };
  }
  const issuer = problems.need(env.SSO_ISSUER, 'SSO_ISSUER', 'is required when SSO is configured', '');
  const audience = problems.need(env.SSO_AUDIENCE, 'SSO_AUDIENCE', 'is required when SSO is configured', '');
  if (env.SSO_HS256_SECRET && env.SSO_JWKS_URL) problems.add('SSO_JWKS_URL', 'cannot be combined with SSO_HS256_SECRET');
  const key: SsoConfig['key'] = env.SSO_HS256_SECRET
    ? { kind: 'hs256', secret: env.SSO_HS256_SECRET }
    : { kind: 'jwks', url: problems.need(env.SSO_JWKS_URL, 'SSO_HS256_SECRET', 'or SSO_JWKS_URL is required when SSO is configured', '') };
  return {
    issuer,
    audience,
    maxAgeSeconds: env.SSO_MAX_AGE,
    jwksRefreshSeconds: env.SSO_JWKS_REFRESH,
    jwksMinIntervalSeconds: env.SSO_JWKS_MIN_INTERVAL,
    key,
    generated: false,
  };
}

/** Load `.env` from the working directory into process.env (values already set win). */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
