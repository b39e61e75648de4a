import type { OutgoingMail } from './outbox.js';

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * BigCommerce's `account_reset_password_email`: subject "Password change request for [Store Name]", body "To change
 * your customer account password at {store} please click this link or copy and paste it into your browser:"
 * (support article "How do my customers reset their password", fact sheet §7).
 */
export function resetPasswordMail(input: {
  to: string;
  firstName: string;
  storeName: string;
  resetLink: string;
}): OutgoingMail {
  const intro = `To change your customer account password at ${input.storeName} please click this link or copy and paste it into your browser:`;
  return {
    to: input.to,
    subject: `Password change request for ${input.storeName}`,
    text: `Hi ${input.firstName},\n\n${intro}\n\n${input.resetLink}\n\nIf you did not request this, you can ignore this email.\n\n${input.storeName}\n`,
    html:
      `<p>Hi ${escapeHtml(input.firstName)},</p>` +
      `<p>${escapeHtml(intro)}</p>` +
      `<p><a href="${escapeHtml(input.resetLink)}">${escapeHtml(input.resetLink)}</a></p>` +
      `<p>If you did not request this, you can ignore this email.</p>` +
      `<p>${escapeHtml(input.storeName)}</p>`,
  };
}
