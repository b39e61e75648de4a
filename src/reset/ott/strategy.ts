/**
 * ott: the gateway's own reset flow, for stores whose own mail and link do not fit a headless site.
 *
 * Request: find the shopper, store the SHA-256 of a fresh 256-bit OTT (which kills older links), mail
 * `${PUBLIC_URL}/password-reset?token=<JWT>`. Reset: verify the JWT, check the policy, claim the (shopper, OTT) pair
 * in the shared store so exactly one request ever wins, match the stored hash in constant time, delete it, then set
 * the password (settling a lost answer before answering), and queue "your password was changed".
 *
 * Written on the backend's parts (a directory, a password store, a place for the OTT hash: ott/secrets.ts); BigCommerce
 * provides them today (the hash in a customer attribute, the password through the Management API).
 */
import type { PasswordStore, Shopper, ShopperDirectory, StorefrontId, Storefronts } from '../../backends/backend.js';
import { toCustomer } from '../../backends/backend.js';
import { isUpstreamError } from '../../upstream/errors.js';
import { InvalidResetTokenError, PasswordNotChangedError, PasswordPolicyError } from '../../errors.js';
import type { GatewayQueue } from '../../jobs/catalog.js';
import { asBackgroundWork, type Logger } from '../../log.js';
import type { SecurityEvents } from '../../observability/events.js';
import type { Mailer } from '../../mail/mailer.js';
import { passwordResetMail } from '../../mail/templates.js';
import type { OneTimeClaims, SecretRecords } from '../../store/store.js';
import type { PasswordPolicy } from '../policy.js';
import { mayHaveApplied, passwordTookEffect } from '../settle.js';
import type { ResetCredential, ResetResult, ResetStrategy, ResetTokenStatus } from '../strategy.js';
import type { OttSecrets, StoredOtt } from './secrets.js';
import {
  checkResetToken,
  createOtt,
  hashOtt,
  isResetTokenShaped,
  ottHashesEqual,
  resetCredentialFromLink,
  type ResetTokenClaims,
  type ResetTokenKeys,
  resetTokenSecondsLeft,
  signResetToken,
} from './token.js';

export interface OttStrategyOptions {
  directory: Pick<ShopperDirectory, 'findByUsername' | 'mayUseStorefront' | 'storefrontFor'>;
  passwords: Pick<PasswordStore, 'setPassword' | 'isCurrent'>;
  secrets: OttSecrets;
  storefronts: Pick<Storefronts, 'defaultId' | 'name' | 'info'>;
  keys: ResetTokenKeys;
  claims: OneTimeClaims;
  /**
   * Which OTT was issued last per shopper, kept by the gateway (authenticated records): token status answers from it
   * without an upstream call, so checking a link costs the store's API quota nothing.
   */
  issued: SecretRecords;
  mailer: Mailer;
  /** Where "password changed" mail is queued, after the answer. */
  background: Pick<GatewayQueue, 'enqueue'>;
  /** `${PUBLIC_URL}/password-reset`: links are built from configuration only. */
  handoffUrl: string;
  events?: SecurityEvents;
  logger: Logger;
}

export class OttResetStrategy implements ResetStrategy {
  constructor(private readonly options: OttStrategyOptions) {}

  async sendResetLink(email: string, storefrontId: StorefrontId): Promise<void> {
    const { directory, secrets, keys, storefronts } = this.options;
    const shopper = await directory.findByUsername(email);
    // No account, or none on this storefront: nothing to send, and nothing logged that would tell the cases apart.
    if (!shopper || !(await directory.mayUseStorefront(shopper, storefrontId))) return;
    const ott = createOtt();
    await secrets.put(shopper.id, hashOtt(ott));
    await this.options.issued.putSecret(issuedKey(shopper.id), {
      hashes: { ott: hashOtt(ott) },
      failuresLeft: 1,
      expiresAt: Date.now() + keys.ttlSeconds * 1000,
      data: { maskedEmail: maskEmail(shopper.email), storefrontId },
    });
    const link = `${this.options.handoffUrl}?token=${signResetToken(keys, { shopperId: shopper.id, ott })}`;
    const mail = passwordResetMail({
      to: shopper.email,
      name: shopper.firstName,
      link,
      validMinutes: Math.round(keys.ttlSeconds / 60),
      storeName: await storefronts.name(storefrontId),
    });
    const from = storefronts.info(storefrontId)?.mailFrom;
    await this.options.mailer.send(from ? { ...mail, from } : mail);
    this.options.events?.record({ event: 'reset.link_mailed', customerId: shopper.id, storefrontId });
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

  /**
   * Answered locally: the JWT check says expired or forged, the claim says used, the gateway's own record of the
   * last issued OTT says superseded or valid (and for which account). Only a link issued before that record existed
   * (or one whose record the store lost) is read upstream, as background work so it never spends the reserve.
   */
  async tokenStatus(credential: ResetCredential): Promise<ResetTokenStatus> {
    const check = checkResetToken(credential.token, this.options.keys);
    if (check.status !== 'valid') return { status: check.status === 'expired' ? 'EXPIRED' : 'INVALID' };
    if (await this.options.claims.isClaimed(claimKey(check.claims))) return { status: 'USED' };
    const expiresAt = new Date(check.claims.expiresAt * 1000);
    const issued = await this.options.issued.getSecret(issuedKey(check.claims.shopperId));
    if (issued) {
      if (!ottHashesEqual(issued.hashes.ott ?? '', hashOtt(check.claims.ott))) return { status: 'INVALID' };
      return { status: 'VALID', expiresAt, account: { maskedEmail: String(issued.data.maskedEmail) } };
    }
    const current = await asBackgroundWork(() => this.currentOtt(check.claims));
    return current ? { status: 'VALID', expiresAt, account: { maskedEmail: maskEmail(current.shopper.email) } } : { status: 'INVALID' };
  }

  async resetPassword(credential: ResetCredential, newPassword: string, policy: PasswordPolicy): Promise<ResetResult> {
    const { claims, logger } = this.options;
    const check = checkResetToken(credential.token, this.options.keys);
    if (check.status !== 'valid') throw new InvalidResetTokenError();
    // Local rules before anything else: a weak password costs no upstream call and does not touch the link.
    await policy.enforce(newPassword);

    // The single point where concurrent requests with one token are decided, across every instance: the
    // losers stop here without calling upstream.
    const key = claimKey(check.claims);
    const remaining = check.claims.expiresAt - Math.floor(Date.now() / 1000);
    if (!(await claims.claimOnce(key, Math.max(remaining, 0) + 60))) throw new InvalidResetTokenError();

    let consumed = false;
    try {
      const current = await this.currentOtt(check.claims);
      if (!current) throw new InvalidResetTokenError(); // superseded by a newer request, or already used
      const { shopper } = current;
      const password = await policy.enforce(newPassword, shopper.email);

      // Consume, then set the password: if the update fails, the link is dead but the account keeps its old
      // password (then the link is restored, see below).
      await this.options.secrets.delete(current.ref);
      consumed = true;
      await this.setPasswordSettled(shopper, password, check.claims);
      logger.info({ customerId: shopper.id }, 'password reset through the ott flow');

      await this.options.background.enqueue('mail.passwordChanged', {
        to: shopper.email,
        name: shopper.firstName,
        changedAt: new Date().toISOString(),
        storefrontId: await this.settlingStorefront(shopper),
      });
      return { customer: toCustomer(shopper) };
    } catch (error) {
      // Nothing consumed (policy refused the password, or the upstream failed before the delete): the same link
      // may be used again. A dead token keeps its claim.
      if (!consumed && !(error instanceof InvalidResetTokenError)) await claims.release(key);
      throw error;
    }
  }

  /** The storefront the link was asked for when known, else one the shopper may use (never blindly the default). */
  private async settlingStorefront(shopper: Shopper): Promise<StorefrontId> {
    const issued = await this.options.issued.getSecret(issuedKey(shopper.id)).catch(() => null);
    const asked = typeof issued?.data.storefrontId === 'string' ? issued.data.storefrontId : this.options.storefronts.defaultId;
    return (await this.options.directory.storefrontFor(shopper, asked)) ?? asked;
  }

  /**
   * Set the password. When the answer is lost, ask whether the password took before answering (the OTT matched
   * first, so the asker holds the right to set it: reset/settle.ts): applied, it is a success; not applied, the OTT
   * is put back and the claim released, so the same link works again; and if even that fails, the caller learns the
   * link is spent and the password unchanged.
   */
  private async setPasswordSettled(shopper: Shopper, password: string, token: ResetTokenClaims): Promise<void> {
    const { passwords, logger } = this.options;
    try {
      await passwords.setPassword(shopper, password);
      return;
    } catch (error) {
      // Asked on a storefront the shopper may use: a channel-limited customer's password is checked where it works.
      const took = mayHaveApplied(error)
        ? await passwordTookEffect(() => this.settlingStorefront(shopper).then((storefront) => passwords.isCurrent(shopper, password, storefront)))
        : false;
      if (took === true) {
        logger.warn({ customerId: shopper.id, reason: (error as Error).message }, 'password update answer lost; the store confirms it took');
        return;
      }
      if (took === null) {
        logger.error({ customerId: shopper.id }, 'password update answer lost and the store cannot confirm either way');
        throw error;
      }
      try {
        await this.options.secrets.put(shopper.id, hashOtt(token.ott));
        await this.options.claims.release(claimKey(token));
      } catch {
        logger.warn({ customerId: shopper.id }, 'password not changed and the reset link could not be restored');
        throw new PasswordNotChangedError();
      }
      logger.warn({ customerId: shopper.id, reason: (error as Error).message }, 'password not changed; the reset link works again');
      // A 422 is the store's own password rules refusing what ours let through (a store rule we could not read).
      if (isUpstreamError(error) && error.details.status === 422) {
        throw new PasswordPolicyError([{ rule: 'STORE_REJECTED', message: 'The store refused this password; choose another.' }]);
      }
      throw error;
    }
  }

  /** The shopper and stored value, when the stored hash is this token's OTT (constant-time compare). */
  private async currentOtt(token: ResetTokenClaims): Promise<StoredOtt | null> {
    const stored = await this.options.secrets.read(token.shopperId);
    return stored && ottHashesEqual(stored.hash, hashOtt(token.ott)) ? stored : null;
  }
}

function issuedKey(shopperId: string): string {
  return `ott-issued:${shopperId}`;
}

/** `jane@example.com` → `j•••@example.com`: enough to tell your own account from another's, not to learn an address. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '•••' : `${email.slice(0, 1)}•••${email.slice(at)}`;
}

/**
 * The (shopper, OTT) pair, hashed: store keys may be visible to whoever operates Redis, and a token naming
 * another shopper must never claim (and so spend) that shopper's genuine link.
 */
function claimKey(token: ResetTokenClaims): string {
  return `ott:${hashOtt(`${token.shopperId}.${token.ott}`)}`;
}
