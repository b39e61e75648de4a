/** How the gateway sends mail: Postmark in production, the dev outbox in development. */
export type MailKind = 'password-reset' | 'password-changed' | 'sign-in';

export interface MailMessage {
  kind: MailKind;
  to: string;
  /** The storefront's own sender, when its channel has one; else the configured `MAIL_FROM`. */
  from?: string;
  /** Built-in rendering, used unless a Postmark template alias is configured for `kind`. */
  subject: string;
  text: string;
  html: string;
  /** The same content as fields, for a Postmark template (`TemplateModel`). */
  model: Record<string, string>;
}

export interface Mailer {
  /** @throws MailDeliveryError */
  send(message: MailMessage): Promise<void>;
}

/** A failed delivery. `retryable` tells the background queue whether trying again can help. */
export class MailDeliveryError extends Error {
  override name = 'MailDeliveryError';

  constructor(
    readonly reason: 'inactive_recipient' | 'rejected' | 'unauthorized' | 'rate_limited' | 'unavailable',
    readonly retryable: boolean,
  ) {
    // The reason only: provider messages can quote the recipient's address.
    super(`mail delivery failed: ${reason}`);
  }
}
