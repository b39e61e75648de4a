/**
 * Security events: one call where something happens (a reset asked for, a link mailed or opened, a password
 * changed, a sign-in, a limit hit) feeds both the auth funnel metrics and the audit log. The audit log is its own
 * stream (`AUDIT_LOG`), one JSON record per event: time, event, request id, customer id when known, a keyed email
 * reference, client IP and user agent; never an address, a token, a code or a password.
 */
import { type EmailRef, type Logger, requestScope } from '../log.js';
import type { AuthFlow, FunnelStep, GatewayMetrics } from './metrics.js';

export type AuthEventName =
  | 'reset.requested'
  | 'reset.suppressed'
  | 'reset.link_mailed'
  | 'reset.code_refused'
  | 'reset.link_opened'
  | 'reset.password_changed'
  | 'reset.failed'
  | 'sign_in.requested'
  | 'sign_in.suppressed'
  | 'sign_in.code_mailed'
  | 'sign_in.code_refused'
  | 'sign_in.link_opened'
  | 'sign_in.succeeded'
  | 'sign_in.failed'
  | 'jwt_login.succeeded'
  | 'jwt_login.failed'
  | 'limit.hit';

export interface AuthEvent {
  event: AuthEventName;
  /** The shopper's opaque id (BigCommerce: its customer id). */
  customerId?: string;
  /** Written as a keyed reference only. */
  email?: string;
  /** A failure's result code, or the limit's name for `limit.hit`. */
  code?: string;
  /** How a sign-in was made: `code`, `link`, `sso`, `customer_login_jwt`. */
  method?: string;
  /** The storefront (BigCommerce: the channel id). */
  storefrontId?: string;
}

export interface SecurityEvents {
  record(event: AuthEvent): void;
}

const FUNNEL: Partial<Record<AuthEventName, [AuthFlow, FunnelStep]>> = {
  'reset.requested': ['reset', 'requested'],
  'reset.suppressed': ['reset', 'suppressed'],
  'reset.link_mailed': ['reset', 'mailed'],
  'reset.code_refused': ['reset', 'refused'],
  'reset.link_opened': ['reset', 'link_opened'],
  'reset.password_changed': ['reset', 'succeeded'],
  'reset.failed': ['reset', 'failed'],
  'sign_in.requested': ['sign_in', 'requested'],
  'sign_in.suppressed': ['sign_in', 'suppressed'],
  'sign_in.code_mailed': ['sign_in', 'mailed'],
  'sign_in.code_refused': ['sign_in', 'refused'],
  'sign_in.link_opened': ['sign_in', 'link_opened'],
  'sign_in.succeeded': ['sign_in', 'succeeded'],
  'sign_in.failed': ['sign_in', 'failed'],
  'jwt_login.succeeded': ['jwt_login', 'succeeded'],
  'jwt_login.failed': ['jwt_login', 'failed'],
};

export function securityEvents(options: { metrics: GatewayMetrics; audit: Logger; emailRef: EmailRef }): SecurityEvents {
  return {
    record({ event, email, customerId, storefrontId, ...fields }) {
      const step = FUNNEL[event];
      if (step) options.metrics.funnel.inc({ flow: step[0], step: step[1], code: fields.code ?? '' });
      // A refusal by a limit is on record once, as its `limit.hit`: the flow's failure adds only its count.
      if (fields.code === 'RATE_LIMITED') return;
      const scope = requestScope.getStore();
      options.audit.info({
        // The request id (and trace id) come from the logger's mixin, as on every log line.
        event,
        ...(scope?.clientIp ? { ip: scope.clientIp } : {}),
        ...(scope?.userAgent ? { userAgent: scope.userAgent } : {}),
        ...(email ? { emailRef: options.emailRef(email) } : {}),
        // The audit's field names stay what operators query: BigCommerce's integer ids stay numbers.
        ...(customerId === undefined ? {} : { customerId: auditId(customerId) }),
        ...(storefrontId === undefined ? {} : { channelId: auditId(storefrontId) }),
        ...fields,
      });
    },
  };
}

function auditId(id: string): string | number {
  return /^\d{1,15}$/.test(id) ? Number(id) : id;
}
