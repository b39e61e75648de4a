/**
 * The shape every reset strategy has (one folder each under reset/, like native/): how it sends a link, how it
 * reads its own links, and how it sets the new password. The service around it (service.ts) owns what all
 * strategies share: email validation, the identical answer, the background queue, the handoff cookie.
 */
import type { Customer, CustomerSession, StorefrontId } from '../backends/backend.js';
import type { CodeDeliveredJob } from '../jobs/catalog.js';
import type { PendingCodeRequest } from '../onetime/upstream-codes.js';
import type { PasswordPolicy } from './policy.js';

/** What a reset link carries, as the client presents it (input fields or the handoff cookie). */
export interface ResetCredential {
  token: string;
  /** native only: BigCommerce's `c`, the shopper the link was mailed to. */
  shopperId?: string;
}

/** Which account a link changes, shown before anything changes (a link planted by someone else names their account). */
export interface ResetAccountHint {
  maskedEmail: string;
}

export type ResetTokenStatus =
  | { status: 'VALID'; expiresAt?: Date; account?: ResetAccountHint }
  | { status: 'EXPIRED' | 'USED' | 'INVALID' }
  /** The strategy cannot tell without using the token (native: BigCommerce has no check-only call). */
  | { status: 'UNKNOWN' };

export interface ResetResult {
  customer: Customer;
  /** A session the reset itself produced (Elastic Path: the account tokens the code was exchanged for), for login-after-reset. */
  session?: CustomerSession;
}

export interface ResetStrategy {
  /**
   * The background half of requestPasswordReset: runs after the client has its answer, for every well-formed
   * email, known or not, on the storefront (channel) it was asked for. A customer who may not use that channel
   * gets no mail. Throwing a retryable `UpstreamError` makes the queue try again later.
   */
  sendResetLink(email: string, storefrontId: StorefrontId): Promise<void>;
  /**
   * Whether the credential has this strategy's form, judged locally and cheaply. One that has not is refused before
   * it costs a keyed hash and a per-token counter: no try of it could ever succeed.
   */
  isWellFormed(credential: ResetCredential): boolean;
  /** The credential in a reset link's query string, or null when the link does not carry one. */
  credentialFromLink(params: URLSearchParams): ResetCredential | null;
  /** Seconds the credential may still be usable: the handoff cookie's Max-Age. */
  remainingLifetimeSeconds(credential: ResetCredential): number;
  /** What would happen to this credential, without consuming or changing anything. */
  tokenStatus(credential: ResetCredential): Promise<ResetTokenStatus>;
  /**
   * Check the credential and the policy (in the order that leaks nothing) and set the new password.
   * @throws InvalidResetTokenError | PasswordPolicyError, or UpstreamError (masked) when the upstream fails.
   */
  resetPassword(credential: ResetCredential, newPassword: string, policy: PasswordPolicy): Promise<ResetResult>;
  /**
   * Strategies whose upstream makes the code (Elastic Path): the code arrived for a request the gateway made
   * (onetime/upstream-codes.ts); issue the link and mail it.
   */
  deliverCode?(delivery: CodeDeliveredJob, request: PendingCodeRequest): Promise<void>;
}
