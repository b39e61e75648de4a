/**
 * Codes made by the upstream (Elastic Path's one-time password tokens) arrive by webhook, at least once and in any
 * order, and anyone can make the upstream fire one: its token request accepts the public implicit client id. So the
 * gateway mails only what it asked for:
 *
 * - asking records a pending request per (purpose, shopper key) for the code's lifetime: when, from which storefront
 *   and browser;
 * - a delivery is accepted only while such a request is pending, for a code made no earlier than the request (less a
 *   few seconds of clock skew), newer than any code already delivered for it (an older event arriving late never
 *   replaces a newer code), and at most `MAX_DELIVERIES` times per request (repeated triggers within the window
 *   cannot turn one request into a stream of mail);
 * - everything else is refused with a reason the caller counts and audits.
 *
 * Pending requests are authenticated records (MAC under GATEWAY_SECRET), like every record a flow trusts.
 */
import type { StorefrontId } from '../backends/backend.js';
import type { CodeDeliveredJob } from '../jobs/catalog.js';
import type { SecretRecords } from '../store/store.js';

export type CodePurpose = CodeDeliveredJob['purpose'];

export interface PendingCodeRequest {
  requestedAt: number;
  storefrontId: StorefrontId;
  /** Sign-in: keyed hash of the asking browser's flow id (the link is bound to it). */
  flowHash: string;
}

export type DeliveryVerdict = { accepted: true; request: PendingCodeRequest } | { accepted: false; reason: 'unrequested' | 'stale' | 'too_many' };

/** Seconds the upstream's clock may run behind ours and a code still count as made after our request. */
const CLOCK_SKEW_MS = 5000;
const MAX_DELIVERIES = 3;

export class UpstreamCodeRequests {
  constructor(private readonly records: SecretRecords) {}

  /** `lifetimeSeconds`: how long the request waits for its code (the code's own lifetime upstream). */
  async record(purpose: CodePurpose, subject: string, request: Omit<PendingCodeRequest, 'requestedAt'>, lifetimeSeconds: number): Promise<void> {
    const now = Date.now();
    await this.records.putSecret(key(purpose, subject), {
      hashes: {},
      failuresLeft: 1,
      expiresAt: now + lifetimeSeconds * 1000,
      data: { requestedAt: now, storefrontId: request.storefrontId, flowHash: request.flowHash, deliveries: 0, lastCodeAt: 0 },
    });
  }

  /** Whether a code made at `createdAt` answers a pending request (nothing changes until `delivered`). */
  async accept(purpose: CodePurpose, subject: string, createdAt: number): Promise<DeliveryVerdict> {
    const pending = await this.records.getSecret(key(purpose, subject));
    if (!pending || createdAt < Number(pending.data.requestedAt) - CLOCK_SKEW_MS) return { accepted: false, reason: 'unrequested' };
    if (createdAt <= Number(pending.data.lastCodeAt)) return { accepted: false, reason: 'stale' };
    if (Number(pending.data.deliveries) >= MAX_DELIVERIES) return { accepted: false, reason: 'too_many' };
    return {
      accepted: true,
      request: { requestedAt: Number(pending.data.requestedAt), storefrontId: String(pending.data.storefrontId), flowHash: String(pending.data.flowHash) },
    };
  }

  /** After the code was issued and mailed: later deliveries must be newer. */
  async delivered(purpose: CodePurpose, subject: string, createdAt: number): Promise<void> {
    const pending = await this.records.getSecret(key(purpose, subject));
    if (!pending) return;
    await this.records.putSecret(key(purpose, subject), {
      ...pending,
      data: { ...pending.data, deliveries: Number(pending.data.deliveries) + 1, lastCodeAt: Math.max(createdAt, Number(pending.data.lastCodeAt)) },
    });
  }
}

function key(purpose: CodePurpose, subject: string): string {
  return `code-request:${purpose}:${subject}`;
}
