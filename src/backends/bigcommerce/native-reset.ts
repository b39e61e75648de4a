/**
 * native: BigCommerce's own reset flow. BigCommerce mails the link (`${site}${path}?c=<customer id>&t=<token>`)
 * and checks the token; the gateway adds the identical answer, the policy check first, typed errors and the
 * handoff that keeps `t` out of browser history and Referer headers.
 */
import { type ShopperDirectory, type StorefrontId, toCustomer } from '../backend.js';
import { CUSTOMER_ID } from './directory.js';
import type { StorefrontClient } from './storefront.js';
import { RequestResetPasswordDocument, ResetPasswordDocument } from './storefront-operations.js';
import { InvalidResetTokenError, PasswordChangeUnconfirmedError, PasswordPolicyError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { SecurityEvents } from '../../observability/events.js';
import type { PasswordPolicy } from '../../reset/policy.js';
import { mayHaveApplied } from '../../reset/settle.js';
import type { ResetCredential, ResetResult, ResetStrategy, ResetTokenStatus } from '../../reset/strategy.js';

export interface NativeStrategyOptions {
  /** The Storefront API of a configured channel (BigCommerce mails from, and links to, that channel's site). */
  storefront: (channelId: StorefrontId) => Pick<StorefrontClient, 'execute'> | undefined;
  /** The channel whose Storefront API sets passwords (a reset token is the customer's, not a channel's). */
  defaultChannelId: StorefrontId;
  directory: Pick<ShopperDirectory, 'getById'>;
  /** Given to BigCommerce as `path`, per channel: its mail then links to that channel's site at this path. */
  linkPath: (channelId: StorefrontId) => string;
  /** BigCommerce does not publish the token's lifetime (UNVERIFIED); the handoff cookie lives this long. */
  tokenTtlSeconds: number;
  events?: SecurityEvents;
  logger: Logger;
}

export class NativeResetStrategy implements ResetStrategy {
  constructor(private readonly options: NativeStrategyOptions) {}

  async sendResetLink(email: string, channelId: StorefrontId): Promise<void> {
    const storefront = this.options.storefront(channelId);
    if (!storefront) return;
    // BigCommerce itself mails nothing to a customer who may not use this channel.
    const result = await storefront.execute('requestResetPassword', RequestResetPasswordDocument, {
      input: { email, path: this.options.linkPath(channelId) },
    });
    const errors = result.customer.requestResetPassword.errors;
    if (errors.length > 0) {
      // Not retryable: BigCommerce refused the input itself. Logged by type only (messages may echo the email).
      this.options.logger.warn({ upstreamErrors: errors.map((e) => e.__typename) }, 'BigCommerce refused the reset request');
      return;
    }
    // Handed to BigCommerce, which mails the link if the account exists and may use the channel.
    this.options.events?.record({ event: 'reset.link_mailed', storefrontId: channelId });
  }

  isWellFormed({ shopperId, token }: ResetCredential): boolean {
    // BigCommerce's `t` is opaque to us (its form is undocumented): only `c` can be judged here.
    return shopperId !== undefined && CUSTOMER_ID.test(shopperId) && Number(shopperId) <= 2 ** 31 - 1 && token.length > 0;
  }

  credentialFromLink(params: URLSearchParams): ResetCredential | null {
    const c = params.get('c');
    const t = params.get('t');
    if (!c || !t || !CUSTOMER_ID.test(c)) return null;
    return { shopperId: c, token: t };
  }

  remainingLifetimeSeconds(): number {
    return this.options.tokenTtlSeconds;
  }

  async tokenStatus(): Promise<ResetTokenStatus> {
    // BigCommerce checks `t` only inside resetPassword, which also uses it up.
    return { status: 'UNKNOWN' };
  }

  async resetPassword(credential: ResetCredential, newPassword: string, policy: PasswordPolicy): Promise<ResetResult> {
    const { shopperId, token } = credential;
    if (shopperId === undefined || !this.isWellFormed(credential)) throw new InvalidResetTokenError();
    // Policy first, without the email: BigCommerce checks the token and sets the password in one call, so an
    // email-based rule here would test a password against an unverified customer's address (an oracle).
    const password = await policy.enforce(newPassword);

    const shopper = await this.options.directory.getById(shopperId);
    if (!shopper) throw new InvalidResetTokenError();

    let result;
    try {
      const storefront = this.options.storefront(this.options.defaultChannelId);
      if (!storefront) throw new InvalidResetTokenError();
      result = await storefront.execute('resetPassword', ResetPasswordDocument, {
        input: { customerEntityId: Number(shopperId), token, newPassword: password },
      });
    } catch (error) {
      // The answer was lost, and the gateway cannot settle it: it cannot check BigCommerce's `t` (BigCommerce checks
      // it only inside this call), so nothing ties a change to a genuine link. Asking validate-credentials whether the
      // *submitted* password now works would confirm a guess of the current password to anyone holding a made-up
      // `t` (a password oracle, and a false "password changed" in the audit). So the answer is the honest one: the
      // change is unconfirmed. No session, no success, no "changed" record.
      if (!mayHaveApplied(error)) throw error;
      this.options.logger.warn({ customerId: shopperId, reason: (error as Error).message }, 'password reset answer lost; the change cannot be confirmed');
      throw new PasswordChangeUnconfirmedError();
    }
    const errors = result.customer.resetPassword.errors;
    const passwordError = errors.find((e) => e.__typename === 'CustomerPasswordError');
    if (passwordError) {
      throw new PasswordPolicyError([{ rule: 'STORE_REJECTED', message: passwordError.message }]);
    }
    if (errors.length > 0) throw new InvalidResetTokenError();
    return { customer: toCustomer(shopper) };
  }
}

