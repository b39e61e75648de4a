/**
 * Composition root: the only module that knows concrete classes. Builds the upstream clients, store, mailer and
 * flows from Config, and hands them to the schema and the HTTP routes.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import type { Config } from './config.js';
import { sharedUpstreamBudget } from './bigcommerce/budget.js';
import { isUpstreamError } from './bigcommerce/errors.js';
import { ManagementClient } from './bigcommerce/management.js';
import { StoreSettingsCache } from './bigcommerce/store-settings.js';
import { StorefrontClient } from './bigcommerce/storefront.js';
import { configuredToken, mintedPrivateToken } from './bigcommerce/storefront-token.js';
import { clientIpResolver } from './http/client-ip.js';
import { useDevMail } from './http/dev-mail.js';
import { useDevSsoAssertions } from './http/dev-sso.js';
import { graphqlHardening } from './http/hardening.js';
import { useResetLinkHandoff } from './http/handoff.js';
import { maskErrorWithRequestId } from './http/masked-errors.js';
import { GRAPHQL_PATH, HANDOFF_PATH } from './http/paths.js';
import { useResetPage } from './http/reset-page.js';
import { requestGuard } from './http/request-guard.js';
import { ResponseCookies } from './http/response-cookies.js';
import { JobQueue } from './lib/job-queue.js';
import { Limits } from './limits.js';
import { requestScope, type Logger } from './log.js';
import { SsoAssertionVerifier } from './login/sso-assertion.js';
import { JwtLoginService } from './login/service.js';
import type { Mailer } from './mail/mailer.js';
import { OutboxMailer } from './mail/outbox.js';
import { PostmarkMailer } from './mail/postmark.js';
import { decodeHandoff, HANDOFF_COOKIE, readCookie } from './reset/handoff.js';
import { NativeResetStrategy } from './reset/native/strategy.js';
import { OttAttribute } from './reset/ott/attribute.js';
import { OttResetStrategy } from './reset/ott/strategy.js';
import type { ResetStrategy } from './reset/strategy.js';
import { DEFAULT_FLOOR, PasswordPolicy } from './reset/policy.js';
import { PasswordResetService } from './reset/service.js';
import { schema, type GraphQLContext, type Services } from './schema/index.js';
import { MemoryStore } from './store/memory.js';
import { RedisStore } from './store/redis.js';
import type { SharedStore } from './store/store.js';

export interface GatewayOptions {
  config: Config;
  logger: Logger;
  /** Sandbox mode: the embedded sandbox's base URL, so dev mail can show BigCommerce's mail too. */
  sandboxUrl?: string;
}

export interface Gateway {
  yoga: YogaServerInstance<Record<string, unknown>, GraphQLContext>;
  /** The node:http handler: assigns the request id, then serves. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Finish accepted background work and release resources. */
  close(): Promise<void>;
}

const REQUEST_ID = /^[\w.-]{8,64}$/;
const READINESS_UPSTREAM_TTL_MS = 10_000;

export function createGateway({ config, logger, sandboxUrl }: GatewayOptions): Gateway {
  const bc = config.bigcommerce;
  const store: SharedStore = config.redis ? new RedisStore(config.redis.url, config.redis.keyPrefix) : new MemoryStore();
  const limits = new Limits(store, config.limits);
  const budget = sharedUpstreamBudget({ consume: (key) => limits.check('upstreamBudget', key) });
  const management = new ManagementClient({
    budget,
    apiUrl: bc.apiUrl,
    storeHash: bc.storeHash,
    accessToken: bc.accessToken,
    timeoutMs: bc.timeoutMs,
    logger,
  });
  const storefront = new StorefrontClient({
    budget,
    storefrontUrl: bc.storefrontUrl,
    timeoutMs: bc.timeoutMs,
    token: bc.storefrontToken
      ? configuredToken(bc.storefrontToken)
      : mintedPrivateToken({ management, channelId: bc.channelId }),
  });
  const queue = new JobQueue({
    ...config.queue,
    // Upstream and mail errors say themselves whether another attempt can help.
    isRetryable: (error) => (error as { retryable?: unknown } | null)?.retryable === true,
    backoffMs: (attempt, error) =>
      (isUpstreamError(error) ? error.details.retryAfterMs : undefined) ?? 250 * 2 ** (attempt - 1),
    logger,
  });
  const storeSettings = new StoreSettingsCache(storefront);
  const policy = new PasswordPolicy({
    floor: DEFAULT_FLOOR,
    loadStoreRules: async () => (await storeSettings.get()).passwordComplexity,
    logger,
  });
  const mailer: Mailer =
    config.mail.transport === 'postmark' ? new PostmarkMailer({ ...config.mail, logger }) : new OutboxMailer(logger);
  // Dev mail is shown wherever mail is not really sent, except in production (which the ott config forbids anyway).
  const devOutbox = mailer instanceof OutboxMailer && config.env !== 'production' ? mailer : null;
  const ottAttribute =
    config.reset.strategy === 'ott' ? new OttAttribute(management, config.reset.attributeName, logger) : null;
  const strategy: ResetStrategy = ottAttribute
    ? new OttResetStrategy({
        management,
        attribute: ottAttribute,
        keys: {
          secret: config.reset.tokenSecret,
          issuer: config.http.publicUrl,
          audience: `${config.http.publicUrl}${HANDOFF_PATH}`,
          ttlSeconds: config.reset.tokenTtlSeconds,
        },
        claims: store,
        mailer,
        background: queue,
        handoffUrl: `${config.http.publicUrl}${HANDOFF_PATH}`,
        storeName: async () => (await storeSettings.get()).storeName,
        supportUrl: config.reset.supportUrl,
        logger,
      })
    : new NativeResetStrategy({
        storefront,
        management,
        linkPath: config.reset.nativePath,
        tokenTtlSeconds: config.reset.nativeTokenTtlSeconds,
        logger,
      });
  const sso = config.sso ? new SsoAssertionVerifier(config.sso) : null;
  const login = new JwtLoginService({
    credentials: { clientId: bc.clientId, clientSecret: bc.clientSecret, storeHash: bc.storeHash },
    defaultChannelId: bc.channelId,
    storefront,
    management,
    claims: store,
    limits,
    sso,
  });
  const resets = new PasswordResetService({
    strategy,
    policy,
    queue,
    limits,
    logger,
    ...(config.reset.loginAfterReset ? { loginAfterReset: (customerId: number) => login.loginCustomer(customerId) } : {}),
  });
  const services: Services = { resets, policy, login };
  const cookies = new ResponseCookies();
  let upstreamSeenAt = 0;
  // Bootstrap the OTT attribute now rather than on the first request; readiness waits for it.
  ottAttribute?.id().catch((error: unknown) => logger.warn({ reason: (error as Error).message }, 'OTT attribute bootstrap failed; will retry'));

  const yoga = createYoga<Record<string, unknown>, GraphQLContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    graphiql: config.http.graphiql ? { title: 'headless-auth-gateway', defaultQuery: GRAPHIQL_DEFAULT_QUERY } : false,
    // Browsers on other origins get in only when listed; credentials so the handoff cookie can travel.
    cors: config.http.corsOrigins.length > 0 ? { origin: config.http.corsOrigins, credentials: true, methods: ['POST', 'GET'] } : false,
    batching: false,
    logging: {
      // Yoga's own messages only; request data never goes through here.
      debug: () => {},
      info: () => {},
      warn: (message: unknown) => logger.warn({ source: 'yoga' }, String(message)),
      error: (message: unknown) => logger.error({ source: 'yoga' }, String(message)),
    },
    maskedErrors: { maskError: maskErrorWithRequestId(logger) },
    context: ({ request }): GraphQLContext => ({
      services,
      client: { ip: requestScope.getStore()?.clientIp ?? 'unknown' },
      handoffCredential: decodeHandoff(readCookie(request.headers.get('cookie'), HANDOFF_COOKIE)),
      setCookie: (header) => cookies.set(request, header),
    }),
    plugins: [
      ...graphqlHardening({ introspection: config.http.introspection }),
      cookies.plugin(),
      useResetLinkHandoff({ resets, resetPageUrl: config.http.resetPageUrl }),
      useResetPage(),
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => {
          await store.ping();
          // Probes come every few seconds from every instance: a recent success stands in for a fresh upstream
          // call, which would otherwise eat into the store's API quota.
          if (Date.now() - upstreamSeenAt > READINESS_UPSTREAM_TTL_MS) {
            await management.serverTime();
            upstreamSeenAt = Date.now();
          }
          if (ottAttribute) await ottAttribute.id();
          return true;
        },
      }),
      ...(devOutbox
        ? [useDevMail({ outbox: devOutbox, logger, ...(sandboxUrl ? { sandboxMailUrl: `${sandboxUrl}/__sandbox/mail` } : {}) })]
        : []),
      ...(sso && config.sso?.generated ? [useDevSsoAssertions(sso)] : []),
    ],
  });

  const resolveClientIp = clientIpResolver(config.http.trustedProxies);
  const guard = requestGuard({ maxBodyBytes: config.http.maxBodyBytes, limits });

  async function serve(req: IncomingMessage, res: ServerResponse, clientIp: string): Promise<void> {
    let refusal;
    try {
      refusal = await guard(req, clientIp);
    } catch (error) {
      logger.error({ err: error }, 'request guard failed (store unreachable?)');
      refusal = { status: 503, headers: {}, message: 'Service unavailable.' };
    }
    if (refusal) {
      res.writeHead(refusal.status, { 'content-type': 'application/json', connection: 'close', ...refusal.headers });
      res.end(JSON.stringify({ errors: [{ message: refusal.message }] }));
      return;
    }
    await yoga(req, res);
  }

  return {
    yoga,
    handle(req, res) {
      const incoming = req.headers['x-request-id'];
      const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      const clientIp = resolveClientIp(req);
      res.setHeader('x-request-id', requestId);
      requestScope.run({ requestId, clientIp }, () => void serve(req, res, clientIp));
    },
    async close() {
      await queue.drain();
      await store.close();
    },
  };
}

const GRAPHIQL_DEFAULT_QUERY = `# headless-auth-gateway: password reset and JWT login for headless BigCommerce.
# Sandbox mode: demo customers jane@example.com / john@example.com. Dev mail: /dev/mail

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
