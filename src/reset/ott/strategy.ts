/**
 * ott: the gateway's own reset flow, for stores whose BigCommerce mail and link do not fit a headless site.
 *
 * Request: find the customer, store the SHA-256 of a fresh 256-bit OTT in its attribute (which kills older
 * links), mail `${PUBLIC_URL}/password-reset?token=<JWT>`. Reset: verify the JWT, match the stored hash in
 * constant time, check the policy (the customer's email known by now), claim the OTT in the shared store so
 * exactly one request ever wins, delete the attribute value, then set the password with
 * `force_password_reset: false`, and mail "your password was changed".
 */
import type { ManagementClient, ManagementCustomer } from '../../bigcommerce/management.js';
import { InvalidResetTokenError } from '../../errors.js';
import type { JobQueue } from '../../lib/job-queue.js';
import { emailRef, type Logger } from '../../log.js';
import type { Mailer } from '../../mail/mailer.js';
import { passwordChangedMail, passwordResetMail } from '../../mail/templates.js';
import type { OneTimeClaims } from '../../store/store.js';
import type { Customer } from '../../customer.js';
import type { PasswordPolicy } from '../policy.js';
import type { ResetCredential, ResetStrategy, ResetTokenStatus } from '../strategy.js';
import type { OttAttribute } from './attribute.js';
import { checkResetToken, createOtt, hashOtt, ottHashesEqual, type ResetTokenClaims, type ResetTokenKeys, signResetToken } from './token.js';

export interface OttStrategyOptions {
  management: Pick<ManagementClient, 'findCustomerByEmail' | 'getCustomer' | 'upsertAttributeValue' | 'deleteAttributeValues' | 'setPassword'>;
  attribute: Pick<OttAttribute, 'id'>;
  keys: ResetTokenKeys;
  claims: OneTimeClaims;
  mailer: Mailer;
  /** Where "password changed" mail is sent from, after the answer. */
  background: Pick<JobQueue, 'enqueue'>;
  /** `${PUBLIC_URL}/password-reset`: links are built from configuration only. */
  handoffUrl: string;
  /** The store's name for the mail (read from BigCommerce, cached). */
  storeName: () => Promise<string>;
  /** Linked from the "password changed" mail's "this wasn't you?" line, when configured. */
  supportUrl: string | undefined;
  logger: Logger;
}

export class OttResetStrategy implements ResetStrategy {
  readonly name = 'ott';

  constructor(private readonly options: OttStrategyOptions) {}

  async sendResetLink(email: string): Promise<void> {
    const { management, attribute, keys, logger } = this.options;
    const customer = await management.findCustomerByEmail(email);
    if (!customer) {
      logger.info({ emailRef: emailRef(email) }, 'reset requested for an email with no account; nothing sent');
      return;
    }
    const ott = createOtt();
    await management.upsertAttributeValue({ customerId: customer.id, attributeId: await attribute.id(), value: hashOtt(ott) });
    const link = `${this.options.handoffUrl}?token=${signResetToken(keys, { customerId: customer.id, ott })}`;
    await this.options.mailer.send(
      passwordResetMail({
        to: customer.email,
        name: customer.first_name,
        link,
        validMinutes: Math.round(keys.ttlSeconds / 60),
        storeName: await this.options.storeName(),
      }),
    );
  }

  credentialFromLink(params: URLSearchParams): ResetCredential | null {
    const token = params.get('token');
    return token ? { token } : null;
  }

  remainingLifetimeSeconds(credential: ResetCredential): number {
    const check = checkResetToken(credential.token, this.options.keys);
    return check.status === 'valid' ? check.claims.expiresAt - Math.floor(Date.now() / 1000) : 0;
  }

  async tokenStatus(credential: ResetCredential): Promise<ResetTokenStatus> {
    const check = checkResetToken(credential.token, this.options.keys);
    if (check.status !== 'valid') return { status: check.status === 'expired' ? 'EXPIRED' : 'INVALID' };
    if (await this.options.claims.isClaimed(claimKey(check.claims))) return { status: 'USED' };
    const current = await this.currentOtt(check.claims);
    return current ? { status: 'VALID', expiresAt: new Date(check.claims.expiresAt * 1000) } : { status: 'INVALID' };
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
      // password, and a new request gives a working link.
      await management.deleteAttributeValues([current.valueId]);
      consumed = true;
      await management.setPassword(current.customer.id, password);
      logger.info({ customerId: current.customer.id }, 'password reset through the ott flow');

      const { customer } = current;
      const changedAt = new Date();
      this.options.background.enqueue({
        name: 'ott.passwordChangedMail',
        run: async () =>
          this.options.mailer.send(
            passwordChangedMail({
              to: customer.email,
              name: customer.first_name,
              storeName: await this.options.storeName(),
              changedAt,
              supportUrl: this.options.supportUrl,
            }),
          ),
      });
      return {
        entityId: current.customer.id,
        email: current.customer.email,
        firstName: current.customer.first_name,
        lastName: current.customer.last_name,
      };
    } catch (error) {
      // Nothing consumed (policy refused the password, or BigCommerce failed before the delete): the same link
      // may be used again. A dead token keeps its claim.
      if (!consumed && !(error instanceof InvalidResetTokenError)) await claims.release(key);
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

function claimKey(token: ResetTokenClaims): string {
  // The hash, not the OTT: store keys may be visible to whoever operates Redis.
  return `ott:${hashOtt(token.ott)}`;
}
