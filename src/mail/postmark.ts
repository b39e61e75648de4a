/**
 * Mail through Postmark with the official client: a template by alias when one is configured for the mail's
 * kind, else the built-in HTML + text; always on the transactional stream, with link and open tracking off
 * (tracking would route reset tokens through Postmark's redirector). Failures become `MailDeliveryError`s the
 * queue can judge: inactive recipients and rejected input are final, 429/5xx/network are worth a retry.
 */
import { Errors, ServerClient } from 'postmark';
import type { EmailRef, Logger } from '../log.js';
import { MailDeliveryError, type Mailer, type MailKind, type MailMessage } from './mailer.js';

export interface PostmarkMailerOptions {
  serverToken: string;
  from: string;
  messageStream: string;
  templateAliases: Partial<Record<MailKind, string>>;
  /** e.g. https://api.postmarkapp.com (default) or a local Postmark-compatible server in tests. */
  apiUrl: string;
  timeoutSeconds: number;
  logger: Logger;
  emailRef: EmailRef;
}

export class PostmarkMailer implements Mailer {
  private readonly client: ServerClient;

  constructor(private readonly options: PostmarkMailerOptions) {
    const api = new URL(options.apiUrl);
    this.client = new ServerClient(options.serverToken, {
      useHttps: api.protocol === 'https:',
      requestHost: api.host,
      timeout: options.timeoutSeconds,
    });
  }

  async send(message: MailMessage): Promise<void> {
    const common = {
      From: message.from ?? this.options.from,
      To: message.to,
      MessageStream: this.options.messageStream,
      Tag: message.kind,
      TrackOpens: false,
      TrackLinks: 'None' as never,
    };
    const alias = this.options.templateAliases[message.kind];
    try {
      if (alias) {
        await this.client.sendEmailWithTemplate({ ...common, TemplateAlias: alias, TemplateModel: message.model });
      } else {
        await this.client.sendEmail({ ...common, Subject: message.subject, HtmlBody: message.html, TextBody: message.text });
      }
      this.options.logger.info({ kind: message.kind, toRef: this.options.emailRef(message.to) }, 'mail sent through Postmark');
    } catch (error) {
      const failure = classify(error);
      const level = failure.reason === 'unauthorized' ? 'error' : 'warn';
      this.options.logger[level](
        { kind: message.kind, toRef: this.options.emailRef(message.to), reason: failure.reason, retryable: failure.retryable },
        'Postmark did not take the mail',
      );
      throw failure;
    }
  }
}

function classify(error: unknown): MailDeliveryError {
  if (error instanceof Errors.InactiveRecipientsError) return new MailDeliveryError('inactive_recipient', false);
  if (error instanceof Errors.InvalidAPIKeyError) return new MailDeliveryError('unauthorized', false);
  if (error instanceof Errors.RateLimitExceededError) return new MailDeliveryError('rate_limited', true);
  if (error instanceof Errors.ApiInputError) return new MailDeliveryError('rejected', false);
  // 5xx, timeouts and network failures (code 0): Postmark did not take the message.
  return new MailDeliveryError('unavailable', true);
}
