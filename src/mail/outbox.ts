/**
 * The dev outbox: mail kept in memory for /dev/mail instead of being sent. Logged by subject and a hashed
 * recipient only (links carry tokens).
 */
import { randomUUID } from 'node:crypto';
import type { EmailRef, Logger } from '../log.js';
import type { Mailer, MailMessage } from './mailer.js';

export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  links: string[];
  createdAt: string;
  /** `gateway` for mail the gateway sent; `bigcommerce` for the sandbox's mail shown beside it. */
  source: 'gateway' | 'bigcommerce';
}

export function extractLinks(text: string): string[] {
  return [...new Set(text.match(/https?:\/\/[^\s"'<>]+/g) ?? [])];
}

export class OutboxMailer implements Mailer {
  private readonly mails: OutboxMail[] = [];

  constructor(
    private readonly logger: Logger,
    private readonly emailRef: EmailRef,
    private readonly capacity = 200,
  ) {}

  async send(message: MailMessage): Promise<void> {
    const mail: OutboxMail = {
      id: randomUUID(),
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      links: extractLinks(message.text),
      createdAt: new Date().toISOString(),
      source: 'gateway',
    };
    this.mails.unshift(mail);
    this.mails.length = Math.min(this.mails.length, this.capacity);
    // Not the subject: a sign-in code is in it.
    this.logger.info({ kind: message.kind, toRef: this.emailRef(message.to) }, 'mail delivered to the dev outbox (see /dev/mail)');
  }

  /**
   * Sandbox mode: a note in place of a mail that was not sent, saying why (the resend cooldown, the per-email limit),
   * so a developer is not left waiting for it. Never against a real store: there it would tell which requests were
   * swallowed, which answers never do.
   */
  note(to: string, what: string, why: string): void {
    const text = `Not sent: ${what} for ${to}, because of the ${why}. The answer to the request was the same as always; this note appears only in sandbox mode.`;
    this.mails.unshift({ id: randomUUID(), to, subject: `Not sent: ${what} (${why})`, text, html: '', links: [], createdAt: new Date().toISOString(), source: 'gateway' });
    this.mails.length = Math.min(this.mails.length, this.capacity);
    this.logger.info({ what, why }, 'dev outbox: a request sent nothing (see /dev/mail)');
  }

  /** Newest first. */
  list(): OutboxMail[] {
    return [...this.mails];
  }
}
