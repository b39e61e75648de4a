/**
 * Password reset on Elastic Path, through its one-time password tokens (`purpose: reset_password`):
 *
 * 1. `sendResetLink` (background): record the gateway's pending request, ask EP for a token. Every address costs
 *    the same one call: EP decides whether the username exists, and what it answers for one that does not is not
 *    documented (a 4xx is taken as "no such user", silently).
 * 2. `deliverCode` (the webhook's job, for a request of ours): a 256-bit secret of ours goes into the link (a JWT from
 *    `PUBLIC_URL`, ott/token.ts), only its keyed hash into a record holding EP's code sealed (proof.ts). EP's short
 *    code never sits in a URL, a mail scanner's GET spends nothing, and a newer request replaces the record (older
 *    links die).
 * 3. `resetPassword`: the JWT, the policy, then the record redeemed atomically (exactly one winner across instances),
 *    EP's code exchanged for the member's Account Management tokens, the password `PUT` with the first of them. A
 *    lost `PUT` answer is settled with a `password` exchange (only after the code proved the right to set it). The
 *    tokens in hand are the login-after-reset session.
 */
import { InvalidResetTokenError, PasswordNotChangedError, PasswordPolicyError } from '../../errors.js';
import type { CodeDeliveredJob, GatewayQueue } from '../../jobs/catalog.js';
import type { Logger } from '../../log.js';
import type { Mailer } from '../../mail/mailer.js';
import { passwordResetMail } from '../../mail/templates.js';
import type { SecurityEvents } from '../../observability/events.js';
import { hashesEqual } from '../../onetime/secrets.js';
import type { PendingCodeRequest, UpstreamCodeRequests } from '../../onetime/upstream-codes.js';
import type { PasswordPolicy } from '../../reset/policy.js';
import { maskEmail } from '../../reset/ott/strategy.js';
import { checkResetToken, createOtt, isResetTokenShaped, resetCredentialFromLink, type ResetTokenKeys, resetTokenSecondsLeft, signResetToken } from '../../reset/ott/token.js';
import { mayHaveApplied, passwordTookEffect } from '../../reset/settle.js';
import type { ResetCredential, ResetResult, ResetStrategy, ResetTokenStatus } from '../../reset/strategy.js';
import type { StoreKey } from '../../limits.js';
import type { OneTimeClaims, SecretRecord, SecretRecords } from '../../store/store.js';
import { isUpstreamError } from '../../upstream/errors.js';
import type { Storefronts } from '../backend.js';
import { type AccountToken, type ElasticPathClient, isRefusedCredential } from './client.js';
import { firstNameOf, type ProofSeal } from './proof.js';
import { loginResult } from './sessions.js';

export interface ElasticPathResetOptions {
  client: ElasticPathClient;
  /** Ask EP for a `reset_password` token (the backend's code issuer: a refusal for an unknown username is silent). */
  requestCode: (username: string) => Promise<void>;
  realmId: () => Promise<string>;
  requests: UpstreamCodeRequests;
  records: SecretRecords;
  claims: OneTimeClaims;
  proofs: ProofSeal;
  keys: ResetTokenKeys;
  /** Keyed hash of the link's secret (onetime/secrets.ts `keyedHasher`). */
  hash: (value: string) => string;
  storeKey: StoreKey;
  storefronts: Pick<Storefronts, 'name' | 'info'>;
  mailer: Mailer;
  background: Pick<GatewayQueue, 'enqueue'>;
  /** `${PUBLIC_URL}/password-reset` */
  handoffUrl: string;
  events?: SecurityEvents;
  logger: Logger;
}

export class ElasticPathResetStrategy implements ResetStrategy {
  constructor(private readonly options: ElasticPathResetOptions) {}

  async sendResetLink(email: string, storefrontId: string): Promise<void> {
    const { requests, keys } = this.options;
    await requests.record('reset', this.options.storeKey(email), { storefrontId, flowHash: '' }, keys.ttlSeconds);
    await this.options.requestCode(email);
  }

  async deliverCode(delivery: CodeDeliveredJob, request: PendingCodeRequest): Promise<void> {
    const { keys, storefronts } = this.options;
    const ott = createOtt();
    await this.options.records.putSecret(recordKey(delivery.shopper.id), {
      hashes: { ott: this.options.hash(ott) },
      failuresLeft: 1,
      expiresAt: Math.min(Date.now() + keys.ttlSeconds * 1000, delivery.createdAt + keys.ttlSeconds * 1000),
      data: { proof: delivery.proof, maskedEmail: maskEmail(delivery.shopper.email), storefrontId: request.storefrontId },
    });
    const mail = passwordResetMail({
      to: delivery.shopper.email,
      name: delivery.shopper.firstName,
      link: `${this.options.handoffUrl}?token=${signResetToken(keys, { shopperId: delivery.shopper.id, ott })}`,
      validMinutes: Math.round(keys.ttlSeconds / 60),
      storeName: await storefronts.name(request.storefrontId),
    });
    const from = storefronts.info(request.storefrontId)?.mailFrom;
    await this.options.mailer.send(from ? { ...mail, from } : mail);
    this.options.events?.record({ event: 'reset.link_mailed', customerId: delivery.shopper.id, storefrontId: request.storefrontId });
  }

  isWellFormed(credential: ResetCredential): boolean {
    return isResetTokenShaped(credential.token);
  }

  credentialFromLink(params: URLSearchParams): ResetCredential | null {
    return resetCredentialFromLink(params);
  }

  remainingLifetimeSeconds(credential: ResetCredential): number {
    return resetTokenSecondsLeft(credential.token, this.options.keys);
  }

  /** Answered from the gateway's own record: no call to Elastic Path. */
  async tokenStatus(credential: ResetCredential): Promise<ResetTokenStatus> {
    const check = checkResetToken(credential.token, this.options.keys);
    if (check.status !== 'valid') return { status: check.status === 'expired' ? 'EXPIRED' : 'INVALID' };
    if (await this.options.claims.isClaimed(this.claimKey(check.claims.shopperId, check.claims.ott))) return { status: 'USED' };
    const record = await this.options.records.getSecret(recordKey(check.claims.shopperId));
    if (!record || !hashesEqual(record.hashes.ott ?? '', this.options.hash(check.claims.ott))) return { status: 'INVALID' };
    return { status: 'VALID', expiresAt: new Date(Math.min(check.claims.expiresAt * 1000, record.expiresAt)), account: { maskedEmail: String(record.data.maskedEmail) } };
  }

  async resetPassword(credential: ResetCredential, newPassword: string, policy: PasswordPolicy): Promise<ResetResult> {
    const { claims, records, logger } = this.options;
    const check = checkResetToken(credential.token, this.options.keys);
    if (check.status !== 'valid') throw new InvalidResetTokenError();
    await policy.enforce(newPassword);
    const { shopperId, ott } = check.claims;
    const key = recordKey(shopperId);
    // Read first for the email rule (the policy needs the address before anything is spent).
    const peek = await records.getSecret(key);
    const peekProof = peek && hashesEqual(peek.hashes.ott ?? '', this.options.hash(ott)) ? this.options.proofs.open(String(peek.data.proof)) : null;
    if (!peek || !peekProof) throw new InvalidResetTokenError();
    const password = await policy.enforce(newPassword, peekProof.email);

    // One winner across instances: the redemption deletes the record atomically; the claim marks the link USED.
    const redemption = await records.redeemSecret(key, 'ott', this.options.hash(ott));
    if (redemption.outcome !== 'redeemed') throw new InvalidResetTokenError();
    const claim = this.claimKey(shopperId, ott);
    await claims.claimOnce(claim, Math.max(check.claims.expiresAt - Math.floor(Date.now() / 1000), 0) + 60);
    const record = redemption.record;
    const proof = this.options.proofs.open(String(record.data.proof));
    if (!proof) throw new InvalidResetTokenError();

    let tokens: AccountToken[];
    try {
      tokens = await this.options.client.exchange(proof.username, { code: proof.code });
    } catch (error) {
      // EP refused its code (expired at its 10 minutes, or killed by a newer request): the link is dead.
      if (isRefusedCredential(error)) throw new InvalidResetTokenError();
      // EP unreachable: nothing was spent there (or we cannot tell): the same link works again.
      await this.restore(key, record, claim);
      throw error;
    }
    const [first] = tokens;
    if (!first) throw new PasswordNotChangedError();
    await this.setPasswordSettled(proof, password, first.token);
    logger.info({ customerId: proof.memberId }, 'password reset through Elastic Path');
    await this.options.background.enqueue('mail.passwordChanged', {
      to: proof.email,
      name: firstNameOf(proof.name),
      changedAt: new Date().toISOString(),
      storefrontId: String(record.data.storefrontId),
    });
    const login = loginResult(proof, tokens);
    return { customer: login.customer, session: login.session };
  }

  /**
   * The `PUT`, settled when its answer is lost: the code was exchanged first, so the asker holds the right to set the
   * password, and a `password` exchange with it tells whether it took. EP's code is spent by then (UNVERIFIED whether
   * codes are single use: assumed so), so the link cannot be restored: a failure that did not take is
   * PasswordNotChanged, and the shopper asks for a new link.
   */
  private async setPasswordSettled(proof: NonNullable<ReturnType<ProofSeal['open']>>, password: string, accountToken: string): Promise<void> {
    const { client, logger } = this.options;
    try {
      await client.setPassword(await this.options.realmId(), proof.memberId, proof.credentialId, password, accountToken);
    } catch (error) {
      const took = mayHaveApplied(error)
        ? await passwordTookEffect(() => client.passwordWorks(proof.username, password))
        : false;
      if (took === true) {
        logger.warn({ customerId: proof.memberId, reason: (error as Error).message }, 'password update answer lost; Elastic Path confirms it took');
        return;
      }
      logger.warn({ customerId: proof.memberId, reason: (error as Error).message }, 'password not changed on Elastic Path');
      if (isUpstreamError(error) && error.details.status === 422) {
        throw new PasswordPolicyError([{ rule: 'STORE_REJECTED', message: 'The store refused this password; ask for a new link and choose another.' }]);
      }
      throw new PasswordNotChangedError();
    }
  }

  private async restore(key: string, record: SecretRecord, claim: string): Promise<void> {
    try {
      await this.options.records.putSecret(key, record);
      await this.options.claims.release(claim);
    } catch {
      this.options.logger.warn('reset link could not be restored after an Elastic Path failure');
    }
  }

  private claimKey(shopperId: string, ott: string): string {
    return `ep-reset-used:${this.options.hash(`${shopperId}.${ott}`)}`;
  }
}

function recordKey(shopperId: string): string {
  return `ep-reset:${shopperId}`;
}
