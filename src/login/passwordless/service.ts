/**
 * Passwordless sign-in: one mail with a 6-digit code and a magic link, both valid `ttlSeconds` (at most 15 min),
 * latest-only, single use across every instance, at most 3 wrong presentations per issue, stored only as keyed
 * hashes (onetime/), through the shared store's atomic secret records.
 *
 * - requestCode answers the same for every address, at once: limits, a silent resend cooldown and the per-email
 *   limit drop mail, never change the answer; the lookup and the mail happen in a background job.
 * - The link is bound to the browser that asked: the request sets an HttpOnly flow cookie, and the link's hash is
 *   taken over the link secret and that flow, so the same link redeems nothing elsewhere (it can still be seen,
 *   checked, and the code used instead). Opening the link (GET) consumes nothing.
 * - The code is bound to its channel the same way: a code issued for channel 2 is a wrong code on channel 1.
 */
import type { ChannelAccess } from '../../backends/bigcommerce/channels.js';
import type { ManagementClient } from '../../backends/bigcommerce/management.js';
import { InvalidSignInCodeError, InvalidSignInLinkError } from '../../errors.js';
import type { GatewayQueue } from '../../jobs/catalog.js';
import type { ClientInfo, Limits, StoreKey } from '../../limits.js';
import type { EmailRef, Logger } from '../../log.js';
import type { SecurityEvents } from '../../observability/events.js';
import type { Mailer } from '../../mail/mailer.js';
import { signInMail } from '../../mail/templates.js';
import { checkLinkToken, type LinkTokenKeys, signLinkToken } from '../../onetime/link-token.js';
import { hashesEqual, newCode, newLinkSecret } from '../../onetime/secrets.js';
import type { MailDecision } from '../../onetime/mail-budget.js';
import type { SecretRecords } from '../../store/store.js';
import type { CustomerSignIn, SignInMode, SignInOutcome } from '../../backends/bigcommerce/session-issuer.js';

export interface RequestSignInCodePayload {
  accepted: boolean;
  message: string;
}

/** The one answer requestSignInCode ever gives, whatever the email and whatever happens next. */
export const SIGN_IN_CODE_REQUESTED: Readonly<RequestSignInCodePayload> = Object.freeze({
  accepted: true,
  message: 'If an account exists for this email address, a sign-in code is on its way.',
});

/** Data of the background job that mails a code (sealed in Redis). */
export interface SendSignInCodeJob {
  email: string;
  channelId: number;
  /** Keyed hash of the requesting browser's flow id (never the id itself). */
  flowHash: string;
}

export type SignInLinkState = 'SAME_BROWSER' | 'OTHER_BROWSER' | 'INVALID';

export interface PasswordlessOptions {
  management: Pick<ManagementClient, 'findCustomerByEmail'>;
  channels: Pick<ChannelAccess, 'maySignIn'>;
  signIn: Pick<CustomerSignIn, 'complete'>;
  records: SecretRecords;
  queue: Pick<GatewayQueue, 'enqueue'>;
  limits: Pick<Limits, 'check' | 'enforce'>;
  /** Whether a request may mail (the resend cooldown, the per-email budget and its reserve: onetime/mail-budget.ts). */
  mailBudget: (emailKey: string) => Promise<MailDecision>;
  /** Sandbox mode: told why a request sent nothing (dev mail shows it); never wired against a real store. */
  onSuppressed?: (email: string, reason: string) => void;
  storeKey: StoreKey;
  /** Keyed hash for this purpose (onetime/secrets.ts `keyedHasher(secret, 'sign-in')`). */
  hash: (value: string) => string;
  /** The link token's keys (its `audience` is the gateway's link route, where it is redeemed). */
  linkKeys: LinkTokenKeys;
  /** Where the mailed link points (`SIGN_IN_LINK_URL`): the gateway's page or the storefront's; `?token=` is added. */
  linkUrl: string;
  mailer: Mailer;
  /** The store's (or the channel's configured) name, for the mail. */
  storeName: (channelId: number) => Promise<string>;
  /** The channel's sender, when one is configured. */
  mailFrom: (channelId: number) => string | undefined;
  emailRef: EmailRef;
  events?: SecurityEvents;
  logger: Logger;
}

/** Wrong presentations allowed per issued code and link, together; the third kills both. */
const FAILURES_ALLOWED = 3;
const SUBJECT = /^[\w-]{32}$/;

export class PasswordlessSignIn {
  constructor(private readonly options: PasswordlessOptions) {}

  /** How long a code, its link and the browser's flow cookie live. */
  get ttlSeconds(): number {
    return this.options.linkKeys.ttlSeconds;
  }

  /**
   * `email` is validated and normalised; `flowId` is the requesting browser's flow id (from its cookie, or new).
   * @throws RateLimitedError when this client IP asked too often (which says nothing about the email)
   */
  async requestCode(email: string, channelId: number, flowId: string, client: ClientInfo): Promise<RequestSignInCodePayload> {
    const { limits, storeKey, queue, logger } = this.options;
    await limits.enforce('signInRequestPerIp', client.ip);
    const subject = storeKey(email);
    const decision = await this.options.mailBudget(subject);
    if (decision.send) {
      await queue.enqueue('signIn.sendCode', { email, channelId, flowHash: this.flowHash(flowId) }, { dedupeKey: subject });
      this.options.events?.record({ event: 'sign_in.requested', email, channelId });
    } else {
      logger.debug({ emailRef: this.options.emailRef(email), reason: decision.reason }, 'sign-in code not sent');
      this.options.events?.record({ event: 'sign_in.suppressed', email, channelId, code: decision.reason.toUpperCase() });
      this.options.onSuppressed?.(email, decision.reason);
    }
    return SIGN_IN_CODE_REQUESTED;
  }

  /** The background half: find the customer, check the channel, issue a code and link (replacing older ones), mail. */
  async sendCode({ email, channelId, flowHash }: SendSignInCodeJob): Promise<void> {
    const { management, channels, records, hash, linkKeys } = this.options;
    const customer = await management.findCustomerByEmail(email);
    // No account, or none on this channel: nothing to send, and nothing logged that tells the cases apart.
    if (!customer || !(await channels.maySignIn(customer, channelId))) return;
    const subject = this.options.storeKey(email);
    const code = newCode();
    const linkSecret = newLinkSecret();
    const expiresAt = Date.now() + linkKeys.ttlSeconds * 1000;
    await records.putSecret(recordKey(subject), {
      hashes: { code: hash(`${code}.${channelId}`), link: hash(`${linkSecret}.${flowHash}`) },
      failuresLeft: FAILURES_ALLOWED,
      expiresAt,
      // `linkCheck` tells a genuine link opened in another browser from a forged one (the page then offers the code).
      // `flow`: the asking browser, so its owner's own attempts are counted apart from strangers' (signInWithCode).
      data: { customerId: customer.id, channelId, linkCheck: hash(linkSecret), flow: flowHash },
    });
    const token = signLinkToken(linkKeys, { subject, secret: linkSecret }, Math.floor(Date.now() / 1000));
    const mail = signInMail({
      to: customer.email,
      name: customer.first_name,
      code,
      link: `${this.options.linkUrl}?token=${token}`,
      validMinutes: Math.round(linkKeys.ttlSeconds / 60),
      storeName: await this.options.storeName(channelId),
    });
    const from = this.options.mailFrom(channelId);
    await this.options.mailer.send(from ? { ...mail, from } : mail);
    this.options.events?.record({ event: 'sign_in.code_mailed', customerId: customer.id, channelId });
  }

  /**
   * `flowId`: the asking browser's flow id, when the request carries its cookie. Attempts from the browser that asked
   * for the code are counted apart from everyone else's: strangers' wrong guesses (which the per-email limit is for)
   * cannot lock the owner out of the code just mailed to them.
   * @throws InvalidSignInCodeError | RateLimitedError
   */
  async signInWithCode(email: string, code: string, channelId: number, mode: SignInMode, client: ClientInfo, flowId?: string): Promise<SignInOutcome> {
    const { limits, records, hash } = this.options;
    await limits.enforce('signInAttemptPerIp', client.ip);
    const subject = this.options.storeKey(email);
    const asker = flowId === undefined ? undefined : this.flowHash(flowId);
    const fromAsker = asker !== undefined && (await records.getSecret(recordKey(subject)))?.data.flow === asker;
    await limits.enforce('signInAttemptPerEmail', fromAsker ? `${subject}.${asker}` : subject);
    if (!/^\d{6}$/.test(code)) throw new InvalidSignInCodeError();
    const redemption = await records.redeemSecret(recordKey(subject), 'code', hash(`${code}.${channelId}`));
    if (redemption.outcome !== 'redeemed') {
      this.options.events?.record({ event: 'sign_in.failed', method: 'code', code: 'INVALID_SIGN_IN_CODE', email });
      throw new InvalidSignInCodeError();
    }
    return this.complete(redemption.record.data, mode, 'code');
  }

  /** What the magic link would do in this browser, without consuming anything (the page's first question). */
  async linkState(token: string, flowId: string | undefined): Promise<SignInLinkState> {
    const link = this.checkLink(token);
    if (!link) return 'INVALID';
    const record = await this.options.records.getSecret(recordKey(link.subject));
    const linkCheck = record?.data.linkCheck;
    if (!record || typeof linkCheck !== 'string' || !hashesEqual(linkCheck, this.options.hash(link.secret))) return 'INVALID';
    const sameBrowser = flowId !== undefined && hashesEqual(record.hashes.link ?? '', this.linkHash(link.secret, flowId));
    this.options.events?.record({ event: 'sign_in.link_opened', customerId: Number(record.data.customerId) });
    return sameBrowser ? 'SAME_BROWSER' : 'OTHER_BROWSER';
  }

  /** @throws InvalidSignInLinkError | RateLimitedError */
  async signInWithLink(token: string, flowId: string | undefined, mode: SignInMode, client: ClientInfo): Promise<SignInOutcome> {
    await this.options.limits.enforce('signInAttemptPerIp', client.ip);
    const link = this.checkLink(token);
    if (!link || flowId === undefined) throw new InvalidSignInLinkError();
    const redemption = await this.options.records.redeemSecret(recordKey(link.subject), 'link', this.linkHash(link.secret, flowId));
    if (redemption.outcome !== 'redeemed') {
      this.options.events?.record({ event: 'sign_in.failed', method: 'link', code: 'INVALID_SIGN_IN_LINK' });
      throw new InvalidSignInLinkError();
    }
    return this.complete(redemption.record.data, mode, 'link');
  }

  private async complete(data: Record<string, string | number>, mode: SignInMode, method: 'code' | 'link'): Promise<SignInOutcome> {
    const customerId = Number(data.customerId);
    const channelId = Number(data.channelId);
    const outcome = await this.options.signIn.complete(customerId, channelId, mode);
    this.options.events?.record({ event: 'sign_in.succeeded', method, customerId, channelId });
    return outcome;
  }

  private checkLink(token: string): { subject: string; secret: string } | null {
    const check = checkLinkToken(token, this.options.linkKeys, SUBJECT);
    return check.status === 'valid' ? check.claims : null;
  }

  private flowHash(flowId: string): string {
    return this.options.hash(`flow.${flowId}`);
  }

  private linkHash(linkSecret: string, flowId: string): string {
    return this.options.hash(`${linkSecret}.${this.flowHash(flowId)}`);
  }
}

function recordKey(subject: string): string {
  return `sign-in:${subject}`;
}
