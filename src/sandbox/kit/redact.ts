/** Log-safe form of an email: first character of the local part and the domain (never the full address). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0] ?? ''}***${email.slice(at)}`;
}
