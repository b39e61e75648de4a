/**
 * Built-in mail content (HTML + text), used when no Postmark template alias is configured. Links are built by
 * the caller from configured URLs only. The model carries the same values for Postmark templates.
 */
import type { MailMessage } from './mailer.js';
import { escapeHtml } from '../lib/html.js';

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:32rem;margin:0 auto;padding:1rem">${body}</body></html>`;
}

export function passwordResetMail(input: { to: string; name: string; link: string; validMinutes: number; storeName: string }): MailMessage {
  const greeting = input.name ? `Hi ${input.name},` : 'Hi,';
  const subject = `Reset your ${input.storeName} password`;
  return {
    kind: 'password-reset',
    to: input.to,
    subject,
    text: [
      greeting,
      '',
      `Someone asked to reset the password of your ${input.storeName} account. To choose a new one, open this link within ${input.validMinutes} minutes:`,
      '',
      input.link,
      '',
      "If it wasn't you, ignore this mail: your password stays as it is.",
    ].join('\n'),
    html: layout(
      subject,
      `<p>${escapeHtml(greeting)}</p>
<p>Someone asked to reset the password of your ${escapeHtml(input.storeName)} account. To choose a new one, open this link within ${input.validMinutes} minutes:</p>
<p><a href="${escapeHtml(input.link)}" style="display:inline-block;padding:.6rem 1rem;background:#1f4ed8;color:#fff;border-radius:.3rem;text-decoration:none">Choose a new password</a></p>
<p style="word-break:break-all;font-size:.9rem">${escapeHtml(input.link)}</p>
<p>If it wasn't you, ignore this mail: your password stays as it is.</p>`,
    ),
    model: { name: input.name, action_url: input.link, valid_minutes: String(input.validMinutes), store_name: input.storeName },
  };
}

export function passwordChangedMail(input: {
  to: string;
  name: string;
  storeName: string;
  changedAt: Date;
  supportUrl: string | undefined;
}): MailMessage {
  const greeting = input.name ? `Hi ${input.name},` : 'Hi,';
  const subject = `Your ${input.storeName} password was changed`;
  const when = input.changedAt.toUTCString();
  const contact = input.supportUrl ? `contact us: ${input.supportUrl}` : `contact ${input.storeName}.`;
  return {
    kind: 'password-changed',
    to: input.to,
    subject,
    text: [
      greeting,
      '',
      `The password of your ${input.storeName} account was changed on ${when}.`,
      '',
      `This wasn't you? Reset your password right away and ${contact}`,
    ].join('\n'),
    html: layout(
      subject,
      `<p>${escapeHtml(greeting)}</p>
<p>The password of your ${escapeHtml(input.storeName)} account was changed on ${escapeHtml(when)}.</p>
<p><strong>This wasn't you?</strong> Reset your password right away and ${
        input.supportUrl
          ? `contact us: <a href="${escapeHtml(input.supportUrl)}">${escapeHtml(input.supportUrl)}</a>`
          : `contact ${escapeHtml(input.storeName)}.`
      }</p>`,
    ),
    model: { name: input.name, store_name: input.storeName, changed_at: when, support_url: input.supportUrl ?? '' },
  };
}

export function signInMail(input: { to: string; name: string; code: string; link: string; validMinutes: number; storeName: string }): MailMessage {
  const greeting = input.name ? `Hi ${input.name},` : 'Hi,';
  const subject = `${input.code} is your ${input.storeName} sign-in code`;
  return {
    kind: 'sign-in',
    to: input.to,
    subject,
    text: [
      greeting,
      '',
      `Your code to sign in to ${input.storeName} is: ${input.code}`,
      '',
      `Or open this link in the browser where you asked for it, within ${input.validMinutes} minutes:`,
      '',
      input.link,
      '',
      "If it wasn't you, ignore this mail: nobody can sign in without the code or the link.",
    ].join('\n'),
    html: layout(
      subject,
      `<p>${escapeHtml(greeting)}</p>
<p>Your code to sign in to ${escapeHtml(input.storeName)} is:</p>
<p style="font-size:2rem;font-weight:700;letter-spacing:.3rem;font-family:ui-monospace,monospace">${escapeHtml(input.code)}</p>
<p>Or open this link in the browser where you asked for it, within ${input.validMinutes} minutes:</p>
<p><a href="${escapeHtml(input.link)}" style="display:inline-block;padding:.6rem 1rem;background:#1f4ed8;color:#fff;border-radius:.3rem;text-decoration:none">Sign in</a></p>
<p style="word-break:break-all;font-size:.9rem">${escapeHtml(input.link)}</p>
<p>If it wasn't you, ignore this mail: nobody can sign in without the code or the link.</p>`,
    ),
    model: { name: input.name, code: input.code, action_url: input.link, valid_minutes: String(input.validMinutes), store_name: input.storeName },
  };
}
