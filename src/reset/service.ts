/**
 * What every reset strategy shares: the identical answer to requestPasswordReset with the upstream work in the
 * background queue, the credential from input or handoff cookie, and the handoff from a link.
 */
import { InvalidResetTokenError } from '../errors.js';
import type { GatewayQueue } from '../jobs/catalog.js';
import type { ClientInfo, Limits, StoreKey } from '../limits.js';
import type { EmailRef, Logger } from '../log.js';
import type { SecurityEvents } from '../observability/events.js';
import { GatewayError } from '../errors.js';
import type { Customer, CustomerSession, StorefrontId } from '../backends/backend.js';
import type { PasswordPolicy } from './policy.js';
import type { MailDecision } from '../onetime/mail-budget.js';
import type { ResetCredential, ResetStrategy, ResetTokenStatus } from './strategy.js';

export interface RequestPasswordResetPayload {
  accepted: boolean;
  message: string;
}

/** The one answer requestPasswordReset ever gives, whatever the email and whatever happens next. */
export const REQUEST_ACCEPTED: Readonly<RequestPasswordResetPayload> = Object.freeze({
  accepted: true,
  message: 'If an account exists for this email address, a password reset link is on its way.',
});

export interface ResetOutcome {
  customer: Customer;
  /** Present when login-after-reset is on and the login worked. */
  session: CustomerSession | null;
}

export interface PasswordResetServiceOptions {
  strategy: ResetStrategy;
  /** Whether a request may mail (the per-email budget and its reserve, onetime/mail-budget.ts). */
  mailBudget: (emailKey: string) => Promise<MailDecision>;
  /** Sandbox mode: told why a request sent nothing (dev mail shows it); never wired against a real store. */
  onSuppressed?: (email: string, reason: string) => void;
  policy: PasswordPolicy;
  queue: Pick<GatewayQueue, 'enqueue'>;
  limits: Pick<Limits, 'check' | 'enforce'>;
  storeKey: StoreKey;
  emailRef: EmailRef;
  events?: SecurityEvents;
  /** Login-after-reset (config, default off): a session for the customer whose password was just set. */
  loginAfterReset?: (shopperId: string) => Promise<CustomerSession>;
  logger: Logger;
}

export class PasswordResetService {
  constructor(private readonly options: PasswordResetServiceOptions) {}

  /**
   * `email` is already validated and normalised (see normalizeEmail). Never waits on anything upstream, and
   * does the same work for every email: the mail budget is checked for all of them, and when it says no the mail
   * is silently not sent, so the answer stays the same. Answers only once the job is accepted (in
   * Redis: stored), so "a link is on its way" survives a crash. Requests for one email while its job is pending
   * collapse into that job.
   * @throws RateLimitedError when this client IP made too many requests (that says nothing about the email).
   */
  async requestReset(email: string, storefrontId: StorefrontId, client: ClientInfo): Promise<RequestPasswordResetPayload> {
    const { queue, limits, storeKey, logger } = this.options;
    await limits.enforce('requestResetPerIp', client.ip);
    const emailKey = storeKey(email);
    const decision = await this.options.mailBudget(emailKey);
    if (decision.send) {
      await queue.enqueue('reset.sendLink', { email, storefrontId }, { dedupeKey: emailKey });
      this.options.events?.record({ event: 'reset.requested', email, storefrontId });
    } else {
      logger.info({ emailRef: this.options.emailRef(email), reason: decision.reason }, 'reset link not sent');
      this.options.events?.record({ event: 'reset.suppressed', email, storefrontId, code: decision.reason.toUpperCase() });
      this.options.onSuppressed?.(email, decision.reason);
    }
    return REQUEST_ACCEPTED;
  }

  /** @throws InvalidResetTokenError | PasswordPolicyError | RateLimitedError */
  async resetPassword(credential: ResetCredential | null, newPassword: string, client: ClientInfo): Promise<ResetOutcome> {
    const { limits } = this.options;
    try {
      await limits.enforce('resetPasswordPerIp', client.ip);
      if (!credential || !this.options.strategy.isWellFormed(credential)) throw new InvalidResetTokenError();
      // The token alone: naming another customer (native `c`) must not buy a token more tries.
      await limits.enforce('resetPasswordPerToken', this.options.storeKey(`reset-token:${credential.token}`));
      const { customer, session } = await this.options.strategy.resetPassword(credential, newPassword, this.options.policy);
      this.options.events?.record({ event: 'reset.password_changed', customerId: customer.id });
      if (!this.options.loginAfterReset) return { customer, session: null };
      return { customer, session: session ?? (await this.sessionFor(customer)) };
    } catch (error) {
      this.options.events?.record({ event: 'reset.failed', code: error instanceof GatewayError ? error.code : 'UNEXPECTED' });
      throw error;
    }
  }

  /**
   * Checks, never consumes. Limited per IP: the one unauthenticated query that may read upstream (ott, for links the
   * gateway has no record of).
   * @throws RateLimitedError
   */
  async tokenStatus(credential: ResetCredential | null, client: ClientInfo): Promise<ResetTokenStatus> {
    await this.options.limits.enforce('tokenStatusPerIp', client.ip);
    return credential ? this.options.strategy.tokenStatus(credential) : { status: 'INVALID' };
  }

  private async sessionFor(customer: Customer): Promise<CustomerSession | null> {
    if (!this.options.loginAfterReset) return null;
    try {
      return await this.options.loginAfterReset(customer.id);
    } catch (error) {
      // The password is set; a failed login must not turn that success into an error. The customer signs in.
      this.options.logger.warn({ reason: (error as Error).message }, 'login after reset failed');
      return null;
    }
  }

  /** For the link handoff: the credential a link carries and how long the cookie holding it should live. */
  handoff(params: URLSearchParams): { credential: ResetCredential; maxAgeSeconds: number } | null {
    const credential = this.options.strategy.credentialFromLink(params);
    if (!credential) return null;
    const maxAgeSeconds = this.options.strategy.remainingLifetimeSeconds(credential);
    if (maxAgeSeconds <= 0) return null;
    this.options.events?.record({ event: 'reset.link_opened', ...(credential.shopperId ? { customerId: credential.shopperId } : {}) });
    return { credential, maxAgeSeconds };
  }
}

/** Trim and lowercase: BigCommerce matches customer emails case-insensitively (UNVERIFIED; its lookups do). */
export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}
