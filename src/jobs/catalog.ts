/**
 * The gateway's background jobs by name, with their data: all the work done after a client has its answer. Data is
 * the least each handler needs: no password ever, no token (links and codes are made inside the job that mails
 * them), and in Redis it is sealed. Handlers are registered by name in app.ts; a backend may add its own
 * (backends/backend.ts `server.jobs`).
 *
 * Data accepted by an older version may still wait in Redis after an upgrade: `channelId` (a number) was the
 * storefront before storefronts became opaque ids, so handlers read `storefrontOf(job)`.
 */
import type { StorefrontId } from '../backends/backend.js';
import type { PasswordChangedNotice } from '../mail/notifications.js';
import type { JobQueue } from './queue.js';

/** A job naming a storefront, as written now or by the previous version (`channelId`). */
export type StorefrontJob = { storefrontId: StorefrontId } | { channelId: number };

export type SendResetLinkJob = { email: string } & StorefrontJob;

/** requestSignInCode's background half. */
export type SendSignInCodeJob = {
  email: string;
  /** Keyed hash of the requesting browser's flow id (never the id itself). */
  flowHash: string;
} & StorefrontJob;

/**
 * A one-time code the upstream made and delivered (Elastic Path's webhook), accepted before it is checked against the
 * gateway's own requests (onetime/upstream-codes.ts). The one job that carries a code: it must be mailed, and the
 * Redis queue seals job data at rest. `proof` is what the backend needs back to finish the flow, sealed by it.
 */
export type CodeDeliveredJob = {
  /** The upstream's event id: a redelivery is processed once. */
  eventId: string;
  purpose: 'reset' | 'sign-in';
  /** When the upstream made the code (unix ms): an older code never replaces a newer one. */
  createdAt: number;
  shopper: { id: string; username: string; email: string; firstName: string };
  code: string;
  proof: string;
};

export type GatewayJobs = {
  /** requestPasswordReset's upstream half, for every strategy (deduplicated per email while pending). */
  'reset.sendLink': SendResetLinkJob;
  /** "Your password was changed". */
  'mail.passwordChanged': PasswordChangedNotice;
  /** requestSignInCode's background half (deduplicated per email while pending). */
  'signIn.sendCode': SendSignInCodeJob;
  /** A code an upstream delivered (deduplicated per event). */
  'code.delivered': CodeDeliveredJob;
};

export type GatewayQueue = JobQueue<GatewayJobs>;

export function storefrontOf(job: StorefrontJob): StorefrontId {
  return 'storefrontId' in job ? job.storefrontId : String(job.channelId);
}
