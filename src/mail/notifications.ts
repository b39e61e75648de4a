/** Security notices the gateway mails after the fact (from background jobs, so the data is plain JSON). */
import type { Mailer } from './mailer.js';
import { passwordChangedMail } from './templates.js';

export interface PasswordChangedNotice {
  to: string;
  name: string;
  /** ISO 8601: when the new password took effect. */
  changedAt: string;
}

export interface NotificationOptions {
  mailer: Mailer;
  /** The store's name for the mail (read from BigCommerce, cached). */
  storeName: () => Promise<string>;
  /** Linked from the "this wasn't you?" line, when configured. */
  supportUrl: string | undefined;
}

export function notifications(options: NotificationOptions) {
  return {
    async passwordChanged(notice: PasswordChangedNotice): Promise<void> {
      await options.mailer.send(
        passwordChangedMail({
          to: notice.to,
          name: notice.name,
          storeName: await options.storeName(),
          changedAt: new Date(notice.changedAt),
          supportUrl: options.supportUrl,
        }),
      );
    },
  };
}
