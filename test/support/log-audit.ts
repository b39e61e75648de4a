/**
 * A log audit over the whole suite: every log line any gateway or sandbox writes in a test file is kept, every value
 * a test sends (variables and inline literals alike) is remembered, and after the file (log-audit.setup.ts) the
 * lines are searched for those values, for anything shaped like a JWT, and for any full email address. One hit
 * fails the file. No vitest import here: the harness it serves is also used by the bench.
 */
import { Kind, parse, visit } from 'graphql';

const lines: string[] = [];
const sent = new Set<string>();

export function auditLogLine(line: string): void {
  lines.push(line);
}

/** Remember every string a request carried: its variables and the string literals in its document. */
export function auditRequest(query: string, variables: Record<string, unknown> | undefined): void {
  const remember = (value: unknown): void => {
    if (typeof value === 'string') sent.add(value);
    else if (Array.isArray(value)) value.forEach(remember);
    else if (value && typeof value === 'object') Object.values(value).forEach(remember);
  };
  remember(variables);
  try {
    visit(parse(query), { [Kind.STRING]: (node: { value: string }) => void sent.add(node.value) });
  } catch {
    // Malformed documents (bad-input tests) carry nothing the gateway could have understood, let alone logged.
  }
}

export function auditSecret(value: string): void {
  sent.add(value);
}

const JWT_SHAPE = /eyJ[\w-]{5,}\.[\w-]{5,}\./;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)*\.[a-z]{2,}/i;

export function findLogLeaks(): string[] {
  // Values shorter than 6 characters ("abc", "true") would match by accident; none of them is a secret. A value counts
  // only standing on its own, not inside a longer run of letters and digits: a 6-digit sign-in code turns up inside
  // a timestamp or a request id by chance, while a leaked one stands between quotes, spaces or URL punctuation.
  const secrets = [...sent]
    .map((v) => v.trim())
    .filter((v) => v.length >= 6)
    .map((v) => new RegExp(`(?<![A-Za-z0-9])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`));
  return lines.filter((line) => JWT_SHAPE.test(line) || EMAIL.test(line) || secrets.some((secret) => secret.test(line)));
}
