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
 * - The code is bound to its storefront the same way: a code issued for channel 2 is a wrong code on channel 1.
 */
import type { CodeIssuer, SessionIssuer, ShopperDirectory, SignInMode, SignInOutcome, StorefrontId, Storefronts } from '../../backends/backend.js';
import { InvalidSignInCodeError, InvalidSignInLinkError, NotSupportedError } from '../../errors.js';
import { type CodeDeliveredJob, type GatewayQueue, type SendSignInCodeJob, storefrontOf } from '../../jobs/catalog.js';
import type { ClientInfo, Limits, StoreKey } from '../../limits.js';
import type { EmailRef, Logger } from '../../log.js';
import type { SecurityEvents } from '../../observability/events.js';
import type { Mailer } from '../../mail/mailer.js';
import { signInMail } from '../../mail/templates.js';
import { checkLinkToken, type LinkTokenKeys, signLinkToken } from '../../onetime/link-token.js';
import { hashesEqual, newLinkSecret } from '../../onetime/secrets.js';
import type { MailDecision } from '../../onetime/mail-budget.js';
import type { PendingCodeRequest, UpstreamCodeRequests } from '../../onetime/upstream-codes.js';
import type { SecretRecords } from '../../store/store.js';

export interface RequestSignInCodePayload {
  accepted: boolean;
  message: string;
}

/** The one answer requestSignInCode ever gives, whatever the email and whatever happens next. */
export const SIGN_IN_CODE_REQUESTED: Readonly<RequestSignInCodePayload> = Object.freeze({
  accepted: true,
  message: 'If an account exists for this email address, a sign-in code is on its way.',
});

export type SignInLinkState = 'SAME_BROWSER' | 'OTHER_BROWSER' | 'INVALID';

export interface PasswordlessOptions {
  directory: Pick<ShopperDirectory, 'findByUsername' | 'mayUseStorefront'>;
  sessions: SessionIssuer;
  /** The gateway makes the codes, or asks the upstream to (its code then arrives as a `code.delivered` job). */
  codes: CodeIssuer;
  /** Upstream-made codes: the gateway's own pending requests, so only codes it asked for are mailed. */
  upstreamRequests?: UpstreamCodeRequests;
  storefronts: Pick<Storefronts, 'name' | 'info'>;
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
  async requestCode(email: string, storefrontId: StorefrontId, flowId: string, client: ClientInfo): Promise<RequestSignInCodePayload> {
    const { limits, storeKey, queue, logger } = this.options;
    await limits.enforce('signInRequestPerIp', client.ip);
    const subject = storeKey(email);
    const decision = await this.options.mailBudget(subject);
    if (decision.send) {
      await queue.enqueue('signIn.sendCode', { email, storefrontId, flowHash: this.flowHash(flowId) }, { dedupeKey: subject });
      this.options.events?.record({ event: 'sign_in.requested', email, storefrontId });
    } else {
      logger.debug({ emailRef: this.options.emailRef(email), reason: decision.reason }, 'sign-in code not sent');
      this.options.events?.record({ event: 'sign_in.suppressed', email, storefrontId, code: decision.reason.toUpperCase() });
      this.options.onSuppressed?.(email, decision.reason);
    }
    return SIGN_IN_CODE_REQUESTED;
  }

  /**
   * The background half: find the shopper, check the storefront, issue a code and link (replacing older ones), mail.
   * An upstream that makes its own codes is asked for one instead (for every address alike: the upstream decides
   * whether the username exists), and the code is mailed when it arrives (`deliverCode`).
   */
  async sendCode(job: SendSignInCodeJob): Promise<void> {
    const { directory, codes } = this.options;
    const { email, flowHash } = job;
    const storefrontId = storefrontOf(job);
    if (codes.maker === 'upstream') {
      await this.upstreamRequests().record('sign-in', this.options.storeKey(email), { storefrontId, flowHash }, this.ttlSeconds);
      await codes.request(email, 'sign-in');
      return;
    }
    const shopper = await directory.findByUsername(email);
    // No account, or none on this storefront: nothing to send, and nothing logged that tells the cases apart.
    if (!shopper || !(await directory.mayUseStorefront(shopper, storefrontId))) return;
    await this.issue({ id: shopper.id, username: email, email: shopper.email, firstName: shopper.firstName }, codes.make(), storefrontId, flowHash, {});
  }

  /** An upstream-made code for a request of ours (onetime/upstream-codes.ts): issue it with its link, and mail. */
  async deliverCode(delivery: CodeDeliveredJob, request: PendingCodeRequest): Promise<void> {
    await this.issue(delivery.shopper, delivery.code, request.storefrontId, request.flowHash, { proof: delivery.proof, codeCreatedAt: delivery.createdAt });
  }

  private async issue(shopper: CodeDeliveredJob['shopper'], code: string, storefrontId: StorefrontId, flowHash: string, extra: Record<string, string | number>): Promise<void> {
    const { records, hash, linkKeys, storefronts } = this.options;
    const subject = this.options.storeKey(shopper.username);
    const linkSecret = newLinkSecret();
    const expiresAt = Date.now() + linkKeys.ttlSeconds * 1000;
    await records.putSecret(recordKey(subject), {
      hashes: { code: hash(`${code}.${storefrontId}`), link: hash(`${linkSecret}.${flowHash}`) },
      failuresLeft: FAILURES_ALLOWED,
      expiresAt,
      // `linkCheck` tells a genuine link opened in another browser from a forged one (the page then offers the code).
      // `flow`: the asking browser, so its owner's own attempts are counted apart from strangers' (signInWithCode).
      // `proof` (upstream codes): sealed by the backend, what it needs to finish the sign-in upstream.
      data: { shopperId: shopper.id, storefrontId, linkCheck: hash(linkSecret), flow: flowHash, ...extra },
    });
    const token = signLinkToken(linkKeys, { subject, secret: linkSecret }, Math.floor(Date.now() / 1000));
    const mail = signInMail({
      to: shopper.email,
      name: shopper.firstName,
      code,
      link: `${this.options.linkUrl}?token=${token}`,
      validMinutes: Math.round(linkKeys.ttlSeconds / 60),
      storeName: await storefronts.name(storefrontId),
    });
    const from = storefronts.info(storefrontId)?.mailFrom;
    await this.options.mailer.send(from ? { ...mail, from } : mail);
    this.options.events?.record({ event: 'sign_in.code_mailed', customerId: shopper.id, storefrontId });
  }

  private upstreamRequests(): UpstreamCodeRequests {
    if (!this.options.upstreamRequests) throw new Error('upstream-made codes need the pending requests (upstreamRequests)');
    return this.options.upstreamRequests;
  }

  /**
   * `flowId`: the asking browser's flow id, when the request carries its cookie. Attempts from the browser that asked
   * for the code are counted apart from everyone else's: strangers' wrong guesses (which the per-email limit is for)
   * cannot lock the owner out of the code just mailed to them.
   * @throws InvalidSignInCodeError | RateLimitedError
   */
  async signInWithCode(email: string, code: string, storefrontId: StorefrontId, mode: SignInMode, client: ClientInfo, flowId?: string): Promise<SignInOutcome> {
    const { limits, records, hash } = this.options;
    await limits.enforce('signInAttemptPerIp', client.ip);
    const subject = this.options.storeKey(email);
    const asker = flowId === undefined ? undefined : this.flowHash(flowId);
    const fromAsker = asker !== undefined && (await records.getSecret(recordKey(subject)))?.data.flow === asker;
    await limits.enforce('signInAttemptPerEmail', fromAsker ? `${subject}.${asker}` : subject);
    if (!this.options.codes.isWellFormed(code)) throw new InvalidSignInCodeError();
    this.assertMode(mode);
    const redemption = await records.redeemSecret(recordKey(subject), 'code', hash(`${code}.${storefrontId}`));
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
    this.options.events?.record({ event: 'sign_in.link_opened', customerId: String(record.data.shopperId) });
    return sameBrowser ? 'SAME_BROWSER' : 'OTHER_BROWSER';
  }

  /** @throws InvalidSignInLinkError | RateLimitedError */
  async signInWithLink(token: string, flowId: string | undefined, mode: SignInMode, client: ClientInfo): Promise<SignInOutcome> {
    await this.options.limits.enforce('signInAttemptPerIp', client.ip);
    const link = this.checkLink(token);
    if (!link || flowId === undefined) throw new InvalidSignInLinkError();
    this.assertMode(mode);
    const redemption = await this.options.records.redeemSecret(recordKey(link.subject), 'link', this.linkHash(link.secret, flowId));
    if (redemption.outcome !== 'redeemed') {
      this.options.events?.record({ event: 'sign_in.failed', method: 'link', code: 'INVALID_SIGN_IN_LINK' });
      throw new InvalidSignInLinkError();
    }
    return this.complete(redemption.record.data, mode, 'link');
  }

  private async complete(data: Record<string, string | number>, mode: SignInMode, method: 'code' | 'link'): Promise<SignInOutcome> {
    const subject = { shopperId: String(data.shopperId), storefrontId: String(data.storefrontId), ...(data.proof === undefined ? {} : { proof: String(data.proof) }) };
    const outcome = await this.options.sessions.complete(subject, mode);
    this.options.events?.record({ event: 'sign_in.succeeded', method, customerId: subject.shopperId, storefrontId: subject.storefrontId });
    return outcome;
  }

  /** Before a code or link is spent: a mode the backend lacks is its answer, not a burnt code. */
  private assertMode(mode: SignInMode): void {
    if (!this.options.sessions.modes.includes(mode)) throw new NotSupportedError(`the ${mode} sign-in mode`);
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
