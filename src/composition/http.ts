/**
 * The last step: the HTTP surface. Yoga with the schema and its plugins (hardening, metrics, tracing, the pages and
 * link handoffs, the dev routes in sandbox mode, whatever the backend adds), the request guard in front, the probes
 * before everything, and the node:http handler that gives each request its id and scope.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { createYoga, type GraphiQLOptions, type YogaServerInstance } from 'graphql-yoga';
import type { CommerceBackend } from '../backends/backend.js';
import { clientIpResolver } from '../http/client-ip.js';
import { useDevMail } from '../http/dev-mail.js';
import { useDevSsoAssertions } from '../http/dev-sso.js';
import { useGraphiqlOffPage } from '../http/graphiql-off.js';
import { graphqlHardening } from '../http/hardening.js';
import { useResetLinkHandoff } from '../http/handoff.js';
import { maskErrorWithRequestId } from '../http/masked-errors.js';
import { GRAPHQL_PATH, HEALTH_PATH, METRICS_PATH, READY_PATH } from '../http/paths.js';
import { answerLiveness, answerReadiness } from '../http/probes.js';
import { type ScheduledReadiness, scheduledReadiness } from '../http/readiness.js';
import { requestGuard, sendRefusal, tooManyRequests } from '../http/request-guard.js';
import { useResetPage } from '../http/reset-page.js';
import { ResponseCookies } from '../http/response-cookies.js';
import { useSignInPage } from '../http/sign-in-page.js';
import { describeError, requestScope } from '../log.js';
import { SIGN_IN_FLOW_COOKIE } from '../login/passwordless/flow-cookie.js';
import type { OutboxMailer } from '../mail/outbox.js';
import { serverSpan } from '../observability/tracing.js';
import { useMetrics } from '../observability/use-metrics.js';
import { useTracing } from '../observability/use-tracing.js';
import { decodeHandoff, HANDOFF_COOKIE, readCookie } from '../reset/handoff.js';
import { type GraphQLContext, schema } from '../schema/index.js';
import type { Flows } from './flows.js';
import type { Infrastructure } from './infrastructure.js';

export interface HttpSurface {
  yoga: YogaServerInstance<Record<string, unknown>, GraphQLContext>;
  readiness: ScheduledReadiness;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

const REQUEST_ID = /^[\w.-]{8,64}$/;
/** Readiness: the store is ours and cheap to ask (a backend's upstream checks spend its quota: READINESS_INTERVAL). */
const READINESS_STORE_EVERY_MS = 2000;

export function createHttp(
  infra: Infrastructure,
  backend: CommerceBackend,
  flows: Flows,
  dev: { outbox: OutboxMailer | null; sandboxUrl: string | undefined },
): HttpSurface {
  const { config, logger, metrics, limits, store } = infra;
  const { services, sso } = flows;
  const cookies = new ResponseCookies();
  // Checked on a schedule, never per probe (readiness.ts).
  const readiness = scheduledReadiness({
    logger,
    parts: [{ name: 'shared store', check: () => store.ping(), everyMs: READINESS_STORE_EVERY_MS }, ...backend.server.readiness],
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
      useResetLinkHandoff({ resets: services.resets, resetPageUrl: config.http.resetPageUrl }),
      useResetPage({ signInUrl: config.http.signInUrl }),
      useSignInPage({
        siteUrls: new Map(backend.storefronts.ids.map((id) => [id, backend.storefronts.info(id)?.siteUrl ?? config.http.publicUrl])),
        defaultStorefrontId: backend.storefronts.defaultId,
        resendCooldownSeconds: config.signIn.resendCooldownSeconds,
        codeTtlSeconds: config.signIn.ttlSeconds,
        browserHandoff: backend.sessions.modes.includes('CUSTOMER_LOGIN_JWT'),
      }),
      ...backend.server.plugins,
      ...(dev.outbox
        ? [useDevMail({ outbox: dev.outbox, logger, ...(dev.sandboxUrl ? { sandboxMailUrl: `${dev.sandboxUrl}/__sandbox/mail` } : {}) })]
        : []),
      ...(sso && config.sso?.generated ? [useDevSsoAssertions(sso)] : []),
    ],
  });

  const resolveClientIp = clientIpResolver(config.http.trustedProxies);
  const guard = requestGuard({ maxBodyBytes: config.http.maxBodyBytes, limits });
  // The labelled child once, not a label lookup per refused request of a flood.
  const floodRefusals = metrics.httpRefusals.labels({ status: '429' });

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
    readiness,
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
      const clientIp = resolveClientIp(req);
      // The flood shield: an address the store already refused is answered here, before a request scope, the
      // guard's store round trip or a byte of its body (drained unread), at about the cost of a bare server's 429.
      const refused = limits.knownRefusal('httpPerIp', clientIp);
      if (refused) {
        floodRefusals.inc();
        return sendRefusal(req, res, tooManyRequests(refused.retryAfterSeconds));
      }
      infra.jobConcurrency.noteRequest();
      const userAgent = req.headers['user-agent']?.slice(0, 256);
      requestScope.run({ requestId, clientIp, ...(userAgent ? { userAgent } : {}), ...(clientRequestId ? { clientRequestId } : {}) }, () =>
        void serve(req, res, path, clientIp),
      );
    },
  };
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
