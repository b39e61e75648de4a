/**
 * ott: the gateway's own reset flow, for stores whose BigCommerce mail and link do not fit a headless site.
 *
 * Request: find the customer, store the SHA-256 of a fresh 256-bit OTT in its attribute (which kills older
 * links), mail `${PUBLIC_URL}/password-reset?token=<JWT>`. Reset: verify the JWT, check the policy, claim the
 * (customer, OTT) pair in the shared store so exactly one request ever wins, match the stored hash in constant
 * time, delete the attribute value, then set the password with `force_password_reset: false` (settling a lost
 * answer with BigCommerce before answering), and queue "your password was changed".
 */
import { type ManagementClient, type ManagementCustomer, toCustomer } from '../../backends/bigcommerce/management.js';
import type { ChannelAccess } from '../../backends/bigcommerce/channels.js';
import { isUpstreamError } from '../../upstream/errors.js';
import { InvalidResetTokenError, PasswordNotChangedError, PasswordPolicyError } from '../../errors.js';
import type { GatewayQueue } from '../../jobs/catalog.js';
import type { Logger } from '../../log.js';
import type { SecurityEvents } from '../../observability/events.js';
import type { Mailer } from '../../mail/mailer.js';
import { passwordResetMail } from '../../mail/templates.js';
import { asBackgroundWork } from '../../log.js';
import type { OneTimeClaims, SecretRecords } from '../../store/store.js';
import type { Customer } from '../../customer.js';
import type { PasswordPolicy } from '../policy.js';
import { mayHaveApplied, passwordTookEffect } from '../settle.js';
import type { ResetCredential, ResetStrategy, ResetTokenStatus } from '../strategy.js';
import type { OttAttribute } from '../../backends/bigcommerce/ott-attribute.js';
import { checkResetToken, createOtt, hashOtt, isResetTokenShaped, ottHashesEqual, type ResetTokenClaims, type ResetTokenKeys, signResetToken } from './token.js';

export interface OttStrategyOptions {
  management: Pick<
    ManagementClient,
    'findCustomerByEmail' | 'getCustomer' | 'upsertAttributeValue' | 'deleteAttributeValues' | 'setPassword' | 'validateCredentials'
  >;
  attribute: Pick<OttAttribute, 'id'>;
  channels: Pick<ChannelAccess, 'maySignIn'>;
  keys: ResetTokenKeys;
  claims: OneTimeClaims;
  /**
   * Which OTT was issued last per customer, kept by the gateway (authenticated records): token status answers from it
   * without a BigCommerce call, so checking a link costs the store's API quota nothing.
   */
  issued: SecretRecords;
  mailer: Mailer;
  /** Where "password changed" mail is queued, after the answer. */
  background: Pick<GatewayQueue, 'enqueue'>;
  /** `${PUBLIC_URL}/password-reset`: links are built from configuration only. */
  handoffUrl: string;
  /** The storefront's name for the mail (configured per channel, else the store's from BigCommerce). */
  storeName: (channelId: number) => Promise<string>;
  /** The channel's sender, when one is configured. */
  mailFrom: (channelId: number) => string | undefined;
  /** The channel whose credentials settle a lost password update. */
  channelId: number;
  events?: SecurityEvents;
  logger: Logger;
}

export class OttResetStrategy implements ResetStrategy {
  readonly name = 'ott';

  constructor(private readonly options: OttStrategyOptions) {}

  async sendResetLink(email: string, channelId: number): Promise<void> {
    const { management, attribute, keys } = this.options;
    const customer = await management.findCustomerByEmail(email);
    // No account, or none on this channel: nothing to send, and nothing logged that would tell the cases apart.
    if (!customer || !(await this.options.channels.maySignIn(customer, channelId))) return;
    const ott = createOtt();
    await management.upsertAttributeValue({ customerId: customer.id, attributeId: await attribute.id(), value: hashOtt(ott) });
    await this.options.issued.putSecret(issuedKey(customer.id), {
      hashes: { ott: hashOtt(ott) },
      failuresLeft: 1,
      expiresAt: Date.now() + keys.ttlSeconds * 1000,
      data: { maskedEmail: maskEmail(customer.email) },
    });
    const link = `${this.options.handoffUrl}?token=${signResetToken(keys, { customerId: customer.id, ott })}`;
    const mail = passwordResetMail({
      to: customer.email,
      name: customer.first_name,
      link,
      validMinutes: Math.round(keys.ttlSeconds / 60),
      storeName: await this.options.storeName(channelId),
    });
    const from = this.options.mailFrom(channelId);
    await this.options.mailer.send(from ? { ...mail, from } : mail);
    this.options.events?.record({ event: 'reset.link_mailed', customerId: customer.id, channelId });
  }

  isWellFormed(credential: ResetCredential): boolean {
    return isResetTokenShaped(credential.token);
  }

  credentialFromLink(params: URLSearchParams): ResetCredential | null {
    const token = params.get('token');
    return token ? { token } : null;
  }

  remainingLifetimeSeconds(credential: ResetCredential): number {
    const check = checkResetToken(credential.token, this.options.keys);
    return check.status === 'valid' ? check.claims.expiresAt - Math.floor(Date.now() / 1000) : 0;
  }

  /**
   * Answered locally: the JWT check says expired or forged, the claim says used, the gateway's own record of the
   * last issued OTT says superseded or valid (and for which account). Only a link issued before that record existed
   * (or one whose record the store lost) is read from BigCommerce, as background work so it never spends the reserve.
   */
  async tokenStatus(credential: ResetCredential): Promise<ResetTokenStatus> {
    const check = checkResetToken(credential.token, this.options.keys);
    if (check.status !== 'valid') return { status: check.status === 'expired' ? 'EXPIRED' : 'INVALID' };
    if (await this.options.claims.isClaimed(claimKey(check.claims))) return { status: 'USED' };
    const expiresAt = new Date(check.claims.expiresAt * 1000);
    const issued = await this.options.issued.getSecret(issuedKey(check.claims.customerId));
    if (issued) {
      if (!ottHashesEqual(issued.hashes.ott ?? '', hashOtt(check.claims.ott))) return { status: 'INVALID' };
      return { status: 'VALID', expiresAt, account: { maskedEmail: String(issued.data.maskedEmail) } };
    }
    const current = await asBackgroundWork(() => this.currentOtt(check.claims));
    return current ? { status: 'VALID', expiresAt, account: { maskedEmail: maskEmail(current.customer.email) } } : { status: 'INVALID' };
  }

  async resetPassword(credential: ResetCredential, newPassword: string, policy: PasswordPolicy): Promise<Customer> {
    const { management, claims, logger } = this.options;
    const check = checkResetToken(credential.token, this.options.keys);
    if (check.status !== 'valid') throw new InvalidResetTokenError();
    // Local rules before anything else: a weak password costs no upstream call and does not touch the link.
    await policy.enforce(newPassword);

    // The single point where concurrent requests with one token are decided, across every instance: the
    // losers stop here without calling BigCommerce.
    const key = claimKey(check.claims);
    const remaining = check.claims.expiresAt - Math.floor(Date.now() / 1000);
    if (!(await claims.claimOnce(key, Math.max(remaining, 0) + 60))) throw new InvalidResetTokenError();

    let consumed = false;
    try {
      const current = await this.currentOtt(check.claims);
      if (!current) throw new InvalidResetTokenError(); // superseded by a newer request, or already used
      const password = await policy.enforce(newPassword, current.customer.email);

      // Consume, then set the password: if the update fails, the link is dead but the account keeps its old
      // password (then the link is restored, see below).
      await management.deleteAttributeValues([current.valueId]);
      consumed = true;
      await this.setPasswordSettled(current.customer, password, check.claims);
      logger.info({ customerId: current.customer.id }, 'password reset through the ott flow');

      const { customer } = current;
      await this.options.background.enqueue('mail.passwordChanged', {
        to: customer.email,
        name: customer.first_name,
        changedAt: new Date().toISOString(),
      });
      return toCustomer(customer);
    } catch (error) {
      // Nothing consumed (policy refused the password, or BigCommerce failed before the delete): the same link
      // may be used again. A dead token keeps its claim.
      if (!consumed && !(error instanceof InvalidResetTokenError)) await claims.release(key);
      throw error;
    }
  }

  /**
   * Set the password. When BigCommerce's answer is lost, ask it whether the password took before answering:
   * applied, it is a success; not applied, the OTT is put back and the claim released, so the same link works
   * again; and if even that fails, the caller learns the link is spent and the password unchanged.
   */
  private async setPasswordSettled(customer: ManagementCustomer, password: string, token: ResetTokenClaims): Promise<void> {
    const { management, logger } = this.options;
    try {
      await management.setPassword(customer.id, password);
      return;
    } catch (error) {
      const took = mayHaveApplied(error)
        ? await passwordTookEffect(management, { email: customer.email, password, channelId: this.options.channelId })
        : false;
      if (took === true) {
        logger.warn({ customerId: customer.id, reason: (error as Error).message }, 'password update answer lost; BigCommerce confirms it took');
        return;
      }
      if (took === null) {
        logger.error({ customerId: customer.id }, 'password update answer lost and BigCommerce cannot confirm either way');
        throw error;
      }
      try {
        await management.upsertAttributeValue({ customerId: customer.id, attributeId: await this.options.attribute.id(), value: hashOtt(token.ott) });
        await this.options.claims.release(claimKey(token));
      } catch {
        logger.warn({ customerId: customer.id }, 'password not changed and the reset link could not be restored');
        throw new PasswordNotChangedError();
      }
      logger.warn({ customerId: customer.id, reason: (error as Error).message }, 'password not changed; the reset link works again');
      // A 422 is BigCommerce's own password rules refusing what ours let through (a store rule we could not read).
      if (isUpstreamError(error) && error.details.status === 422) {
        throw new PasswordPolicyError([{ rule: 'STORE_REJECTED', message: 'The store refused this password; choose another.' }]);
      }
      throw error;
    }
  }

  /** The customer and attribute value, when the stored hash is this token's OTT (constant-time compare). */
  private async currentOtt(token: ResetTokenClaims): Promise<{ customer: ManagementCustomer; valueId: number } | null> {
    const [customer, attributeId] = await Promise.all([
      this.options.management.getCustomer(token.customerId, { includeAttributes: true }),
      this.options.attribute.id(),
    ]);
    const value = customer?.attributes?.find((a) => a.attribute_id === attributeId);
    if (!customer || !value || !ottHashesEqual(value.attribute_value, hashOtt(token.ott))) return null;
    return { customer, valueId: value.id };
  }
}

function issuedKey(customerId: number): string {
  return `ott-issued:${customerId}`;
}

/** `jane@example.com` → `j•••@example.com`: enough to tell your own account from another's, not to learn an address. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '•••' : `${email.slice(0, 1)}•••${email.slice(at)}`;
}

/**
 * The (customer, OTT) pair, hashed: store keys may be visible to whoever operates Redis, and a token naming
 * another customer must never claim (and so spend) that customer's genuine link.
 */
function claimKey(token: ResetTokenClaims): string {
  return `ott:${hashOtt(`${token.customerId}.${token.ott}`)}`;
}
