import { randomUUID } from 'node:crypto';
import type { SandboxClock } from '../kit/clock.js';

/** A mail BigCommerce would have sent to a shopper. */
export interface SandboxMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Every http(s) URL found in the mail (text and html), in order of first appearance. */
  links: string[];
  createdAt: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

const URL_PATTERN = /https?:\/\/[^\s"'<>]+/g;

export function extractLinks(mail: OutgoingMail): string[] {
  const found = [...(mail.text.match(URL_PATTERN) ?? []), ...(mail.html.match(URL_PATTERN) ?? [])].map(unescapeHtml);
  return [...new Set(found)];
}

function unescapeHtml(text: string): string {
  return text.replaceAll('&amp;', '&');
}

/** Mails kept; older ones are dropped, so a long load run cannot grow the process without bound. */
export const OUTBOX_CAPACITY = 1000;

/** In-memory outbox; newest first when listed. */
export class Outbox {
  private mails: SandboxMail[] = [];

  constructor(
    private readonly clock: SandboxClock,
    private readonly capacity = OUTBOX_CAPACITY,
  ) {}

  add(mail: OutgoingMail): SandboxMail {
    const stored: SandboxMail = {
      id: randomUUID(),
      ...mail,
      links: extractLinks(mail),
      createdAt: new Date(this.clock.nowMs()).toISOString(),
    };
    this.mails.push(stored);
    if (this.mails.length > this.capacity) this.mails.splice(0, this.mails.length - this.capacity);
    return stored;
  }

  list(to?: string): SandboxMail[] {
    const wanted = to?.trim().toLowerCase();
    return this.mails.filter((mail) => wanted === undefined || mail.to.toLowerCase() === wanted).reverse();
  }

  clear(): void {
    this.mails = [];
  }
}
