/** Security notices the gateway mails after the fact (from background jobs, so the data is plain JSON). */
import type { StorefrontId, Storefronts } from '../backends/backend.js';
import type { Mailer } from './mailer.js';
import { passwordChangedMail } from './templates.js';

export interface PasswordChangedNotice {
  to: string;
  name: string;
  /** ISO 8601: when the new password took effect. */
  changedAt: string;
  /** The storefront whose name and sender the mail carries (absent in jobs from before storefronts: the default). */
  storefrontId?: StorefrontId;
}

export interface NotificationOptions {
  mailer: Mailer;
  storefronts: Pick<Storefronts, 'defaultId' | 'name' | 'info'>;
  /** Linked from the "this wasn't you?" line, when configured. */
  supportUrl: string | undefined;
}

export function notifications(options: NotificationOptions) {
  return {
    async passwordChanged(notice: PasswordChangedNotice): Promise<void> {
      const storefront = notice.storefrontId ?? options.storefronts.defaultId;
      const mail = passwordChangedMail({
        to: notice.to,
        name: notice.name,
        storeName: await options.storefronts.name(storefront),
        changedAt: new Date(notice.changedAt),
        supportUrl: options.supportUrl,
      });
      const from = options.storefronts.info(storefront)?.mailFrom;
      await options.mailer.send(from ? { ...mail, from } : mail);
    },
  };
}
