/**
 * Whether a request for a one-time mail (a reset link, a sign-in code) may send one, decided the same way for every
 * address so the answer never changes:
 *
 * 1. the silent resend cooldown (sign-in): a request inside it sends nothing and spends nothing else, so the owner's
 *    double click does not eat into the per-email budget;
 * 2. the per-email budget (mail bombing): over it, nothing is sent...
 * 3. ...unless no mail sent for this address can still be valid: then one is sent anyway (the reserve), at most one
 *    per link lifetime. Strangers who spend an address's budget cannot leave its owner without a working link or
 *    code for longer than that lifetime: every mail their requests caused went to the owner.
 */
import type { LimitName, Limits } from '../limits.js';
import type { OneTimeClaims } from '../store/store.js';

export type MailDecision = { send: true; fromReserve: boolean } | { send: false; reason: 'resend_cooldown' | 'per_email_limit' };

export interface MailBudgetOptions {
  limits: Pick<Limits, 'check'>;
  claims: OneTimeClaims;
  /** The per-email limit this flow spends. */
  limit: LimitName;
  /** Prefix of this flow's store keys (`reset`, `sign-in`). */
  flow: string;
  /** 0: no cooldown. */
  cooldownSeconds: number;
  /** How long a mailed link or code stays usable. */
  lifetimeSeconds: number;
}

export function mailBudget(options: MailBudgetOptions): (emailKey: string) => Promise<MailDecision> {
  const { limits, claims, flow } = options;
  return async (emailKey) => {
    if (options.cooldownSeconds > 0 && !(await claims.claimOnce(`${flow}-cooldown:${emailKey}`, options.cooldownSeconds))) {
      return { send: false, reason: 'resend_cooldown' };
    }
    const perEmail = await limits.check(options.limit, emailKey);
    // Marks "a mail that may still work was sent"; held for one lifetime from the first such mail.
    const stillLive = !(await claims.claimOnce(`${flow}-live:${emailKey}`, options.lifetimeSeconds));
    if (perEmail.allowed) return { send: true, fromReserve: false };
    return stillLive ? { send: false, reason: 'per_email_limit' } : { send: true, fromReserve: true };
  };
}
