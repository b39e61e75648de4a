/** How the gateway sends mail: Postmark in production, the dev outbox in sandbox mode. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** What kind of mail this is (e.g. `password-reset`), for logs and metrics. */
  tag: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
