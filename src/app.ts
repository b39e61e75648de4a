/**
 * Composition root: the only module that knows concrete classes. Builds the upstream clients, store, mailer and
 * flows from Config, and hands them to the schema and the HTTP routes.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { createYoga, type GraphiQLOptions, type YogaServerInstance } from 'graphql-yoga';
import type { Config } from './config.js';
import { sharedUpstreamBudget } from './upstream/budget.js';
import { accessFailureReason, explainAccessFailure } from './backends/bigcommerce/access-check.js';
import { isUpstreamError } from './upstream/errors.js';
import { ManagementClient } from './backends/bigcommerce/management.js';
import { StoreSettingsCache } from './backends/bigcommerce/store-settings.js';
import { StorefrontClient } from './backends/bigcommerce/storefront.js';
import { configuredToken, mintedPrivateToken } from './backends/bigcommerce/storefront-token.js';
import { clientIpResolver } from './http/client-ip.js';
import { useDevMail } from './http/dev-mail.js';
import { useDevSsoAssertions } from './http/dev-sso.js';
import { useGraphiqlOffPage } from './http/graphiql-off.js';
import { graphqlHardening } from './http/hardening.js';
import { useResetLinkHandoff } from './http/handoff.js';
import { maskErrorWithRequestId } from './http/masked-errors.js';
import { GRAPHQL_PATH, HANDOFF_PATH, HEALTH_PATH, METRICS_PATH, READY_PATH, SIGN_IN_LINK_PATH } from './http/paths.js';
import { useResetPage } from './http/reset-page.js';
import { useSignInPage } from './http/sign-in-page.js';
import { answerLiveness, answerReadiness } from './http/probes.js';
import { scheduledReadiness } from './http/readiness.js';
import { requestGuard, sendRefusal } from './http/request-guard.js';
import { ResponseCookies } from './http/response-cookies.js';
import type { GatewayJobs, GatewayQueue } from './jobs/catalog.js';
import { MemoryJobQueue } from './jobs/memory.js';
import { RequestsFirst, type WorkerConcurrency } from './jobs/requests-first.js';
import { cappedExponentialBackoff, type FailureVerdict, type QueuePolicy, withJitter } from './jobs/queue.js';
import { deriveKey, keyedRefs } from './lib/keys.js';
import { PasswordlessSignIn } from './login/passwordless/service.js';
import { CustomerSignIn } from './backends/bigcommerce/session-issuer.js';
import { authenticatedRecords } from './onetime/authenticated-records.js';
import { mailBudget } from './onetime/mail-budget.js';
import { keyedHasher } from './onetime/secrets.js';
import { ChannelAccess } from './backends/bigcommerce/channels.js';
import { Limits } from './limits.js';
import { createAuditLogger, describeError, emailRefs, requestScope, type Logger } from './log.js';
import { securityEvents } from './observability/events.js';
import { type AuthFlow, GatewayMetrics } from './observability/metrics.js';
import { useMetrics } from './observability/use-metrics.js';
import { serverSpan } from './observability/tracing.js';
import { useTracing } from './observability/use-tracing.js';
import { SsoAssertionVerifier } from './login/sso-assertion.js';
import { JwtLoginService } from './login/service.js';
import { MailDeliveryError, type Mailer } from './mail/mailer.js';
import { notifications } from './mail/notifications.js';
import { OutboxMailer } from './mail/outbox.js';
import { PostmarkMailer } from './mail/postmark.js';
import { SIGN_IN_FLOW_COOKIE } from './login/passwordless/flow-cookie.js';
import { decodeHandoff, HANDOFF_COOKIE, readCookie } from './reset/handoff.js';
import { NativeResetStrategy } from './backends/bigcommerce/native-reset.js';
import { OttAttribute } from './backends/bigcommerce/ott-attribute.js';
import { OttResetStrategy } from './reset/ott/strategy.js';
import type { ResetStrategy } from './reset/strategy.js';
import { DEFAULT_FLOOR, PasswordPolicy } from './reset/policy.js';
import { PasswordResetService } from './reset/service.js';
import { schema, type GraphQLContext, type Services } from './schema/index.js';
import { MemoryStore } from './store/memory.js';
import type { SharedStore } from './store/store.js';

export interface GatewayOptions {
  config: Config;
  logger: Logger;
  /** The audit stream; default: built from `AUDIT_LOG`. */
  auditLogger?: Logger;
  /** Sandbox mode: the embedded sandbox's base URL, so dev mail can show BigCommerce's mail too. */
  sandboxUrl?: string;
  /**
   * Replaces the configured mail transport, for embedding and tests: code only, so no environment variable (and no
   * misconfigured deployment) can reach it.
   */
  mailTransport?: Mailer;
}

export interface Gateway {
  yoga: YogaServerInstance<Record<string, unknown>, GraphQLContext>;
  /** The Prometheus registry (for a separate metrics port, `METRICS_PORT`). */
  metrics: GatewayMetrics;
  /** The node:http handler: assigns the request id, then serves. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /**
   * Store mode, once at start-up: null when the store's credentials work (or BigCommerce is only unreachable, which
   * readiness reports); else what is misconfigured, naming the setting.
   */
  credentialProblem(): Promise<string | null>;
  /** Stop taking background jobs, let running ones finish (in memory: all accepted ones), release resources. */
  close(): Promise<void>;
}

const REQUEST_ID = /^[\w.-]{8,64}$/;
/** Readiness: the store is ours and cheap to ask (BigCommerce calls spend the store's quota: READINESS_INTERVAL). */
const READINESS_STORE_EVERY_MS = 2000;

/** Async only to load the Redis clients (BullMQ, ioredis: about 15 MB) when `REDIS_URL` asks for them. */
export async function createGateway({ config, logger, sandboxUrl, auditLogger, mailTransport }: GatewayOptions): Promise<Gateway> {
  const bc = config.bigcommerce;
  const secret = config.gatewaySecret.value;
  const emailRef = emailRefs(secret);
  const storeKey = keyedRefs(secret, 'store-key');
  const metrics = new GatewayMetrics(() => queue.stats());
  const events = securityEvents({ metrics, audit: auditLogger ?? createAuditLogger(config.observability.auditLog), emailRef });
  const store: SharedStore = config.redis
    ? new (await import('./store/redis.js')).RedisStore(config.redis.url, config.redis.keyPrefix)
    : new MemoryStore();
  const limits = new Limits(store, config.limits, (limit, first) => {
    metrics.limitRefusals.inc({ limit });
    // One audit record when a client crosses a limit, not one per refused request: a flood of refusals must not
    // become a flood of audit lines.
    if (first) events.record({ event: 'limit.hit', code: limit });
  });
  const { management, storefront, storeSettings } = upstreamClients(config, store, logger, metrics);
  const jobConcurrency = new RequestsFirst({ concurrency: config.queue.concurrency });
  const queue = await jobQueue(config, jobConcurrency, logger, metrics);
  const policy = new PasswordPolicy({
    // The email rule needs the account's address, which only ott knows before BigCommerce sets the password.
    floor: { ...DEFAULT_FLOOR, rejectEmailLocalPart: config.reset.strategy === 'ott' },
    loadStoreRules: async () => (await storeSettings.get()).passwordComplexity,
    logger,
  });
  const transport: Mailer =
    mailTransport ?? (config.mail.transport === 'postmark'
      ? new PostmarkMailer({ ...config.mail, logger, emailRef })
      : new OutboxMailer(logger, emailRef));
  const mailer = metrics.countMails(transport);
  const channelsById = new Map(config.channels.map((channel) => [channel.id, channel]));
  const storeName = async (channelId: number = bc.channelId) =>
    channelsById.get(channelId)?.name ?? (await storeSettings.get()).storeName;
  const mailFrom = (channelId: number) => channelsById.get(channelId)?.mailFrom;
  const notices = notifications({ mailer, storeName, supportUrl: config.reset.supportUrl });
  // Dev routes exist only in sandbox mode (config.ts refuses a store without a mail transport, at any NODE_ENV).
  const devOutbox = config.mode === 'sandbox' && transport instanceof OutboxMailer ? transport : null;
  const channelAccess = new ChannelAccess(management);
  const ottAttribute =
    config.reset.strategy === 'ott' ? new OttAttribute(management, config.reset.attributeName, logger) : null;
  const strategy: ResetStrategy = ottAttribute
    ? new OttResetStrategy({
        management,
        attribute: ottAttribute,
        channels: channelAccess,
        keys: {
          secrets: config.reset.tokenSecrets,
          issuer: config.http.publicUrl,
          audience: `${config.http.publicUrl}${HANDOFF_PATH}`,
          ttlSeconds: config.reset.tokenTtlSeconds,
        },
        claims: store,
        issued: authenticatedRecords(store, secret, logger),
        mailer,
        background: queue,
        handoffUrl: `${config.http.publicUrl}${HANDOFF_PATH}`,
        storeName,
        mailFrom,
        channelId: bc.channelId,
        events,
        logger,
      })
    : new NativeResetStrategy({
        storefront,
        defaultChannelId: bc.channelId,
        management,
        linkPath: (channelId) => channelsById.get(channelId)?.resetPath ?? config.reset.nativePath,
        tokenTtlSeconds: config.reset.nativeTokenTtlSeconds,
        events,
        logger,
      });
  const credentials = { clientId: bc.clientId, clientSecret: bc.clientSecret, storeHash: bc.storeHash };
  const signIn = new CustomerSignIn({ credentials, storefront, redirectPath: config.signIn.redirectPath });
  const sso = config.sso ? new SsoAssertionVerifier(config.sso) : null;
  const login = new JwtLoginService({
    credentials,
    defaultChannelId: bc.channelId,
    channelIds: config.channels.map((channel) => channel.id),
    management,
    channels: channelAccess,
    signIn,
    claims: store,
    limits,
    sso,
    events,
  });
  const suppressedNote = (what: string) =>
    devOutbox ? { onSuppressed: (email: string, reason: string) => devOutbox.note(email, what, WHY_NOT_SENT[reason] ?? reason) } : {};
  const resets = new PasswordResetService({
    strategy,
    mailBudget: mailBudget({
      limits,
      claims: store,
      limit: 'requestResetPerEmail',
      flow: 'reset',
      cooldownSeconds: 0,
      lifetimeSeconds: config.reset.strategy === 'ott' ? config.reset.tokenTtlSeconds : config.reset.nativeTokenTtlSeconds,
    }),
    ...suppressedNote('a password reset link'),
    policy,
    queue,
    limits,
    storeKey,
    emailRef,
    events,
    logger,
    ...(config.reset.loginAfterReset ? { loginAfterReset: (customerId: number) => login.loginCustomer(customerId) } : {}),
  });
  const passwordless = new PasswordlessSignIn({
    management,
    channels: channelAccess,
    signIn,
    records: authenticatedRecords(store, secret, logger),
    queue,
    limits,
    mailBudget: mailBudget({
      limits,
      claims: store,
      limit: 'signInRequestPerEmail',
      flow: 'sign-in',
      cooldownSeconds: config.signIn.resendCooldownSeconds,
      lifetimeSeconds: config.signIn.ttlSeconds,
    }),
    ...suppressedNote('a sign-in code'),
    storeKey,
    hash: keyedHasher(secret, 'sign-in'),
    linkKeys: {
      secrets: [deriveKey(secret, 'sign-in-link').toString('base64url')],
      issuer: config.http.publicUrl,
      audience: `${config.http.publicUrl}${SIGN_IN_LINK_PATH}`,
      ttlSeconds: config.signIn.ttlSeconds,
      typ: 'signin+jwt',
    },
    linkUrl: config.signIn.linkUrl,
    mailer,
    storeName,
    mailFrom,
    emailRef,
    events,
    logger,
  });
  const services: Services = {
    resets,
    policy,
    login,
    passwordless,
    channels: { defaultId: bc.channelId, ids: config.channels.map((channel) => channel.id) },
  };
  queue.start({
    'reset.sendLink': ({ email, channelId }) => strategy.sendResetLink(email, channelId),
    'mail.passwordChanged': (notice) => notices.passwordChanged(notice),
    'signIn.sendCode': (job) => passwordless.sendCode(job),
  });
  const cookies = new ResponseCookies();
  // Checked on a schedule, never per probe (readiness.ts); the OTT attribute bootstraps through its check.
  const upstreamEveryMs = config.http.readinessIntervalSeconds * 1000;
  const readiness = scheduledReadiness({
    logger,
    parts: [
      { name: 'shared store', check: () => store.ping(), everyMs: READINESS_STORE_EVERY_MS },
      { name: 'BigCommerce', check: () => management.serverTime(), everyMs: upstreamEveryMs, reason: accessFailureReason },
      ...(ottAttribute ? [{ name: 'OTT attribute', check: () => ottAttribute.id(), everyMs: upstreamEveryMs }] : []),
    ],
  });

  const yoga = createYoga<Record<string, unknown>, GraphQLContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    graphiql: config.http.graphiql ? { title: 'headless-auth-gateway', defaultQuery: GRAPHIQL_DEFAULT_QUERY } : false,
    // GraphiQL from the npm package, its code inlined: Yoga's default loads it from a CDN, and `npm start` promises
    // no network. Loaded only when GraphiQL is on (it is about 9 MB of script).
    ...(config.http.graphiql ? { renderGraphiQL: offlineGraphiQL() } : {}),
    // Browsers on other origins get in only when listed; credentials so the handoff cookie can travel.
    cors: config.http.corsOrigins.length > 0 ? { origin: config.http.corsOrigins, credentials: true, methods: ['POST', 'GET'] } : false,
    batching: false,
    // The request guard reads and limits the body once; Yoga's own limit would pipe it through web streams again.
    maxRequestBodySize: false,
    logging: {
      // Yoga hands errors here too (a GraphQLError prints its document, inline passwords and tokens included):
      // only strings are Yoga's own messages; errors are logged safely by maskError.
      debug: () => {},
      info: () => {},
      warn: (message: unknown) => logYoga('warn', message),
      error: (message: unknown) => logYoga('error', message),
    },
    maskedErrors: { maskError: maskErrorWithRequestId(logger) },
    context: ({ request }): GraphQLContext => ({
      services,
      client: { ip: requestScope.getStore()?.clientIp ?? 'unknown' },
      handoffCredential: decodeHandoff(readCookie(request.headers.get('cookie'), HANDOFF_COOKIE)),
      signInFlow: readCookie(request.headers.get('cookie'), SIGN_IN_FLOW_COOKIE),
      setCookie: (header) => cookies.set(request, header),
      observeResult: metrics.observeResult,
    }),
    plugins: [
      ...graphqlHardening({ introspection: config.http.introspection }),
      ...(config.observability.tracing ? [useTracing()] : []),
      useMetrics({
        metrics,
        endpoint: config.observability.metricsOnMainPort ? METRICS_PATH : null,
        token: config.observability.metricsToken,
      }),
      ...(config.http.graphiql ? [] : [useGraphiqlOffPage({ endpoint: GRAPHQL_PATH })]),
      cookies.plugin(),
      useResetLinkHandoff({ resets, resetPageUrl: config.http.resetPageUrl }),
      useResetPage({ signInUrl: config.http.signInUrl }),
      useSignInPage({
        siteUrls: new Map(config.channels.map((channel) => [channel.id, channel.siteUrl])),
        defaultChannelId: bc.channelId,
        resendCooldownSeconds: config.signIn.resendCooldownSeconds,
        codeTtlSeconds: config.signIn.ttlSeconds,
      }),
      ...(devOutbox
        ? [useDevMail({ outbox: devOutbox, logger, ...(sandboxUrl ? { sandboxMailUrl: `${sandboxUrl}/__sandbox/mail` } : {}) })]
        : []),
      ...(sso && config.sso?.generated ? [useDevSsoAssertions(sso)] : []),
    ],
  });

  const resolveClientIp = clientIpResolver(config.http.trustedProxies);
  const guard = requestGuard({ maxBodyBytes: config.http.maxBodyBytes, limits });

  function logYoga(level: 'warn' | 'error', message: unknown): void {
    if (typeof message === 'string') logger[level]({ source: 'yoga' }, message);
    else logger[level]({ source: 'yoga', error: describeError(message) }, 'yoga reported an error');
  }

  async function serve(req: IncomingMessage, res: ServerResponse, path: string, clientIp: string): Promise<void> {
    if (!config.observability.tracing) return serveRequest(req, res, clientIp);
    await serverSpan(req.method ?? 'GET', path, async (span) => {
      await serveRequest(req, res, clientIp);
      span.setAttribute('http.response.status_code', res.statusCode);
    });
  }

  async function serveRequest(req: IncomingMessage, res: ServerResponse, clientIp: string): Promise<void> {
    let result;
    try {
      result = await guard(req, clientIp);
    } catch (error) {
      logger.error({ error: describeError(error) }, 'request guard failed (store unreachable?)');
      result = { ok: false as const, refusal: { status: 503 as const, headers: { 'retry-after': '1' }, message: 'Service unavailable.' } };
    }
    if (!result.ok) {
      metrics.httpRefusals.inc({ status: String(result.refusal.status) });
      return sendRefusal(req, res, result.refusal);
    }
    // Yoga uses a body already read (see request-guard.ts) instead of reading the stream again.
    if (result.body) Object.assign(req, { body: result.body });
    await yoga(req, res);
  }

  return {
    yoga,
    metrics,
    handle(req, res) {
      // Always our own id; a client's (or proxy's) is logged beside it, never instead of it.
      const requestId = randomUUID();
      const incoming = req.headers['x-request-id'];
      const clientRequestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : undefined;
      res.setHeader('x-request-id', requestId);
      // Probes first: never rate-limited, never behind the request guard (see probes.ts).
      const path = req.url?.split('?')[0] ?? '/';
      if (path === HEALTH_PATH) return answerLiveness(res);
      if (path === READY_PATH) return answerReadiness(res, readiness.unreadyReason);
      jobConcurrency.noteRequest();
      const clientIp = resolveClientIp(req);
      const userAgent = req.headers['user-agent']?.slice(0, 256);
      requestScope.run({ requestId, clientIp, ...(userAgent ? { userAgent } : {}), ...(clientRequestId ? { clientRequestId } : {}) }, () =>
        void serve(req, res, path, clientIp),
      );
    },
    async credentialProblem() {
      try {
        await requestScope.run({ requestId: 'start-up', background: true }, () => management.checkAccess());
        return null;
      } catch (error) {
        return explainAccessFailure(error, bc);
      }
    },
    async close() {
      readiness.stop();
      jobConcurrency.stop();
      await queue.close();
      await store.close();
    },
  };
}

/**
 * How a background job's failure is judged. A 429 or an exhausted upstream budget is a delay (the window's reset
 * time, plus jitter so delayed jobs do not return as one burst), never a spent attempt. Errors that say another
 * try cannot help (4xx, an inactive mail recipient) end the job; anything else is retried until its max age.
 */
function classifyJobFailure(error: unknown): FailureVerdict {
  if (isUpstreamError(error)) {
    if (error.failure === 'rate_limited') return { kind: 'delay', delayMs: (error.details.retryAfterMs ?? 1000) + withJitter(500) };
    return error.retryable ? { kind: 'retry' } : { kind: 'fail' };
  }
  if (error instanceof MailDeliveryError) return error.retryable ? { kind: 'retry' } : { kind: 'fail' };
  return { kind: 'retry' };
}

function offlineGraphiQL(): (options?: GraphiQLOptions) => string {
  const require = createRequire(import.meta.url);
  return (require('@graphql-yoga/render-graphiql') as { renderGraphiQL: (options?: GraphiQLOptions) => string }).renderGraphiQL;
}

const GRAPHIQL_DEFAULT_QUERY = `# headless-auth-gateway: password reset, passwordless sign-in and JWT login for headless BigCommerce.
# Sandbox mode: demo customers jane@example.com / john@example.com (password Password123). Dev mail: /dev/mail
# Run one operation at a time (the ▶ menu picks which).

# 1. Passwordless: mails a 6-digit code and a magic link (see /dev/mail).
mutation RequestSignInCode {
  requestSignInCode(input: { email: "jane@example.com" }) {
    accepted
    message
  }
}

# 2. Sign in with the code from the mail. mode: CUSTOMER_LOGIN_JWT hands a JWT to your storefront instead.
mutation SignInWithCode {
  signInWithCode(input: { email: "jane@example.com", code: "123456", mode: SESSION }) {
    __typename
    ... on LoginSuccess { customer { entityId email } session { customerAccessToken expiresAt } }
    ... on LoginJwtHandoff { customerLoginJwt redirectTo channelId }
    ... on Error { code message }
  }
}

mutation RequestReset {
  requestPasswordReset(input: { email: "jane@example.com" }) {
    accepted
    message
  }
}

query Policy {
  passwordPolicy {
    minLength
    maxLength
    requireLetter
    minimumNumbers
  }
}
`;

/**
 * The BigCommerce clients, sharing one upstream budget: the Management API, a Storefront API client per configured
 * channel (one private token serves them all), and the store settings read through the default channel.
 */
function upstreamClients(config: Config, store: SharedStore, logger: Logger, metrics: GatewayMetrics) {
  const bc = config.bigcommerce;
  const { budget: budgetRule, interactiveReserve } = config.upstream;
  const reservedPoints = Math.min(budgetRule.points - 1, Math.ceil(budgetRule.points * interactiveReserve));
  const budget = sharedUpstreamBudget({
    reserved: reservedPoints > 0 ? store.rateLimiter('upstreamReserved', { ...budgetRule, points: reservedPoints }) : null,
    shared: store.rateLimiter('upstreamShared', { ...budgetRule, points: budgetRule.points - reservedPoints }),
    reserveShare: interactiveReserve,
    isBackground: () => requestScope.getStore()?.background === true,
    onQuota: (left) => metrics.quotaRemaining.set(left),
  });
  const management = new ManagementClient({
    budget,
    onExchange: (exchange) => metrics.upstreamExchange('management', exchange),
    apiUrl: bc.apiUrl,
    storeHash: bc.storeHash,
    accessToken: bc.accessToken,
    timeoutMs: bc.timeoutMs,
    logger,
  });
  const token = bc.storefrontToken
    ? configuredToken(bc.storefrontToken)
    : mintedPrivateToken({ management, channelIds: config.channels.map((channel) => channel.id) });
  const clients = new Map(
    config.channels.map((channel) => [
      channel.id,
      new StorefrontClient({
        budget,
        storefrontUrl: channel.storefrontUrl,
        timeoutMs: bc.timeoutMs,
        token,
        onExchange: (exchange) => metrics.upstreamExchange('storefront', exchange),
      }),
    ]),
  );
  const storefront = (channelId: number) => clients.get(channelId);
  const main = clients.get(bc.channelId);
  if (!main) throw new Error('the default channel has no Storefront client');
  return { management, storefront, storeSettings: new StoreSettingsCache(main) };
}

/** Dev mail's words for why a request sent nothing. */
const WHY_NOT_SENT: Record<string, string> = {
  resend_cooldown: 'resend cooldown (SIGN_IN_RESEND_COOLDOWN: a code was sent moments ago)',
  per_email_limit: 'per-email limit (RATE_LIMIT_*_PER_EMAIL), while a mail sent earlier can still be used',
};

/** The jobs whose failure means a customer's mail is lost (the funnel's `mail_failed`). */
const MAIL_JOB_FLOWS: Partial<Record<string, AuthFlow>> = { 'reset.sendLink': 'reset', 'signIn.sendCode': 'sign_in' };

/** BullMQ on Redis when there is one; in memory otherwise (sandbox, dev, SINGLE_INSTANCE). */
async function jobQueue(config: Config, concurrency: WorkerConcurrency, logger: Logger, metrics: GatewayMetrics): Promise<GatewayQueue> {
  const policy: QueuePolicy = {
    classify: classifyJobFailure,
    maxAgeMs: config.queue.maxJobAgeSeconds * 1000,
    backoffMs: cappedExponentialBackoff,
    onSettled: ({ name, outcome }) => {
      metrics.jobs.inc({ job: name, outcome });
      const flow = MAIL_JOB_FLOWS[name];
      if (flow && outcome !== 'done') metrics.funnel.inc({ flow, step: 'mail_failed', code: outcome });
    },
  };
  const { maxQueued, lockSeconds } = config.queue;
  if (!config.redis) return new MemoryJobQueue<GatewayJobs>({ concurrency, maxQueued, policy, logger });
  const { BullJobQueue } = await import('./jobs/bullmq.js');
  return new BullJobQueue<GatewayJobs>({
    redisUrl: config.redis.url,
    keyPrefix: config.redis.keyPrefix,
    concurrency,
    lockMs: lockSeconds * 1000,
    gatewaySecret: config.gatewaySecret.value,
    policy,
    logger,
  });
}
