/**
 * The third step: the flows (reset, JWT login, passwordless sign-in) on the infrastructure and the backend's parts,
 * the services the schema's resolvers call, and the background jobs by name.
 */
import type { CommerceBackend } from '../backends/backend.js';
import { SIGN_IN_LINK_PATH } from '../http/paths.js';
import type { JobHandlers } from '../jobs/queue.js';
import { type GatewayJobs, storefrontOf } from '../jobs/catalog.js';
import { deriveKey } from '../lib/keys.js';
import { PasswordlessSignIn } from '../login/passwordless/service.js';
import { JwtLoginService } from '../login/service.js';
import { SsoAssertionVerifier } from '../login/sso-assertion.js';
import { notifications } from '../mail/notifications.js';
import type { OutboxMailer } from '../mail/outbox.js';
import { mailBudget } from '../onetime/mail-budget.js';
import { keyedHasher } from '../onetime/secrets.js';
import { UpstreamCodeRequests } from '../onetime/upstream-codes.js';
import { DEFAULT_FLOOR, PasswordPolicy } from '../reset/policy.js';
import { PasswordResetService } from '../reset/service.js';
import type { Services } from '../schema/index.js';
import type { OneTimeClaims } from '../store/store.js';
import type { Infrastructure } from './infrastructure.js';

export interface Flows {
  services: Services;
  sso: SsoAssertionVerifier | null;
  jobs: JobHandlers<GatewayJobs>;
}

/** Dev mail's words for why a request sent nothing. */
const WHY_NOT_SENT: Record<string, string> = {
  resend_cooldown: 'resend cooldown (SIGN_IN_RESEND_COOLDOWN: a code was sent moments ago)',
  per_email_limit: 'per-email limit (RATE_LIMIT_*_PER_EMAIL), while a mail sent earlier can still be used',
};

/** How long a processed upstream event id is remembered (EP's redeliveries come within hours, UNVERIFIED). */
const CODE_EVENT_MEMORY_SECONDS = 24 * 3600;

export function createFlows(infra: Infrastructure, backend: CommerceBackend, devOutbox: OutboxMailer | null): Flows {
  const { config, store, records, limits, queue, mailer, events, logger, emailRef, storeKey } = infra;
  const secret = config.gatewaySecret.value;
  const policy = new PasswordPolicy({
    // The email rule needs the account's address, which only ott knows before the store sets the password.
    floor: { ...DEFAULT_FLOOR, rejectEmailLocalPart: config.reset.strategy === 'ott' },
    loadStoreRules: () => backend.passwords.rules(),
    logger,
  });
  const suppressedNote = (what: string) =>
    devOutbox ? { onSuppressed: (email: string, reason: string) => devOutbox.note(email, what, WHY_NOT_SENT[reason] ?? reason) } : {};
  const sso = config.sso && backend.ssoLogin ? new SsoAssertionVerifier(config.sso) : null;
  const login = new JwtLoginService({
    defaultStorefrontId: backend.storefronts.defaultId,
    directory: backend.directory,
    sessions: backend.sessions,
    jwtLogins: backend.jwtLogins,
    claims: store,
    limits,
    sso,
    ssoSupported: backend.ssoLogin,
    events,
  });
  const resets = new PasswordResetService({
    strategy: backend.resetStrategy,
    mailBudget: mailBudget({
      limits,
      claims: store,
      limit: 'requestResetPerEmail',
      flow: 'reset',
      cooldownSeconds: 0,
      lifetimeSeconds: config.reset.strategy === 'native' ? config.reset.nativeTokenTtlSeconds : config.reset.tokenTtlSeconds,
    }),
    ...suppressedNote('a password reset link'),
    policy,
    queue,
    limits,
    storeKey,
    emailRef,
    events,
    logger,
    ...(config.reset.loginAfterReset ? { loginAfterReset: (shopperId: string) => login.loginShopper(shopperId) } : {}),
  });
  const codes = backend.codes;
  const upstreamRequests = new UpstreamCodeRequests(records);
  const passwordless = new PasswordlessSignIn({
    directory: backend.directory,
    sessions: backend.sessions,
    codes,
    upstreamRequests,
    storefronts: backend.storefronts,
    records,
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
    emailRef,
    events,
    logger,
  });
  const notices = notifications({ mailer, storefronts: backend.storefronts, supportUrl: config.reset.supportUrl });
  const services: Services = {
    resets,
    policy,
    login,
    passwordless,
    storefronts: { defaultId: backend.storefronts.defaultId, ids: backend.storefronts.ids },
    capabilities: {
      backend: backend.name,
      signInModes: backend.sessions.modes,
      resetStrategy: config.reset.strategy,
      tokenStatus: config.reset.strategy !== 'native',
      ssoLogin: sso !== null,
      code: { madeBy: codes.maker, length: codes.length, alphabet: codes.alphabet },
    },
  };
  return {
    services,
    sso,
    jobs: {
      'reset.sendLink': (job) => backend.resetStrategy.sendResetLink(job.email, storefrontOf(job)),
      'mail.passwordChanged': (notice) => notices.passwordChanged(notice),
      'signIn.sendCode': (job) => passwordless.sendCode(job),
      'code.delivered': async (delivery) => {
        const subject = storeKey(delivery.shopper.username);
        // Deliveries for one request are decided one at a time, across instances: two events arriving together (the
        // newer first, or one event twice) must not both see "nothing delivered yet". The turn expires by itself
        // should its holder die, so a job re-run after a crash gets it back.
        const turn = `code-turn:${delivery.purpose}:${subject}`;
        await waitForTurn(store, turn);
        try {
          // An event is marked processed only once it was (mailed or refused): a crash mid-way leaves it unmarked,
          // and the queue's re-run does the work.
          const processed = `code-event:${storeKey(delivery.eventId)}`;
          if (await store.isClaimed(processed)) return;
          const verdict = await upstreamRequests.accept(delivery.purpose, subject, delivery.createdAt);
          if (!verdict.accepted) {
            const event = delivery.purpose === 'reset' ? 'reset.code_refused' : 'sign_in.code_refused';
            events.record({ event, customerId: delivery.shopper.id, code: verdict.reason.toUpperCase() });
          } else if (delivery.purpose === 'reset') {
            if (!backend.resetStrategy.deliverCode) throw new Error(`${backend.name}: its reset strategy takes no upstream codes`);
            await backend.resetStrategy.deliverCode(delivery, verdict.request);
            await upstreamRequests.delivered(delivery.purpose, subject, delivery.createdAt);
          } else {
            await passwordless.deliverCode(delivery, verdict.request);
            await upstreamRequests.delivered(delivery.purpose, subject, delivery.createdAt);
          }
          await store.claimOnce(processed, CODE_EVENT_MEMORY_SECONDS);
        } finally {
          await store.release(turn);
        }
      },
    },
  };
}

/**
 * A short lock (a claim that expires by itself, should its holder die): polled for up to two seconds, then the job
 * fails and is retried later by the queue.
 */
async function waitForTurn(store: OneTimeClaims, key: string): Promise<void> {
  // Longer than one delivery takes (a mail send is bounded by its timeout), short enough for a crashed holder.
  const LOCK_SECONDS = 20;
  for (let waited = 0; waited < 2000; waited += 50) {
    if (await store.claimOnce(key, LOCK_SECONDS)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('another delivery for this request is being processed');
}
