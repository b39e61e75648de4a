/** Same field names and types as the Storefront schema's `PasswordComplexitySettings`. */
export interface PasswordComplexitySettings {
  minimumPasswordLength: number;
  requireLowerCase: boolean;
  requireUpperCase: boolean;
  requireNumbers: boolean;
  minimumNumbers: number;
  requireSpecialCharacters: boolean;
  minimumSpecialCharacters: number;
}

/**
 * BigCommerce's default rule is "at least 7 characters" with numbers (cornerstone lang/en.json `invalid_password`
 * also asks for letters). The sandbox enforces exactly what it advertises in `passwordComplexitySettings` and
 * nothing more: storefronts (Catalyst) build their password forms from these settings, and a form that follows them
 * must never be refused. UNVERIFIED: whether a real store also demands a letter (the settings cannot say so); the
 * gateway's own policy adds a letter rule whenever numbers are required, so it never relies on either answer.
 */
export const DEFAULT_PASSWORD_COMPLEXITY: PasswordComplexitySettings = {
  minimumPasswordLength: 7,
  requireLowerCase: false,
  requireUpperCase: false,
  requireNumbers: true,
  minimumNumbers: 1,
  requireSpecialCharacters: false,
  minimumSpecialCharacters: 0,
};

const DIGIT = /\p{Nd}/gu;
const LOWER = /\p{Ll}/gu;
const UPPER = /\p{Lu}/gu;
const SPECIAL = /[^\p{L}\p{N}\s]/gu;

function count(pattern: RegExp, text: string): number {
  return text.match(pattern)?.length ?? 0;
}

/** Returns true when the password meets every rule of the store. */
export function meetsPasswordComplexity(password: string, rules: PasswordComplexitySettings): boolean {
  const length = [...password].length;
  if (length < rules.minimumPasswordLength) return false;
  if (rules.requireNumbers && count(DIGIT, password) < Math.max(1, rules.minimumNumbers)) return false;
  if (rules.requireLowerCase && count(LOWER, password) < 1) return false;
  if (rules.requireUpperCase && count(UPPER, password) < 1) return false;
  if (rules.requireSpecialCharacters && count(SPECIAL, password) < Math.max(1, rules.minimumSpecialCharacters)) {
    return false;
  }
  return true;
}

/**
 * The sentence shown when a password is rejected. UNVERIFIED: BigCommerce's exact API text is not published; for
 * the default rules this is the storefront's own wording (cornerstone `invalid_password`), otherwise the same
 * sentence extended with the extra rules.
 */
export function describePasswordComplexity(rules: PasswordComplexitySettings): string {
  const parts: string[] = [];
  if (rules.requireNumbers) {
    parts.push(rules.minimumNumbers > 1 ? `at least ${rules.minimumNumbers} numeric characters` : 'a numeric character');
  }
  if (rules.requireLowerCase) parts.push('a lowercase letter');
  if (rules.requireUpperCase) parts.push('an uppercase letter');
  if (rules.requireSpecialCharacters) {
    const n = Math.max(1, rules.minimumSpecialCharacters);
    parts.push(n > 1 ? `at least ${n} special characters` : 'a special character');
  }
  const length = `Passwords must be at least ${rules.minimumPasswordLength} characters`;
  if (parts.length === 0) return `${length}.`;
  const last = parts.pop() ?? '';
  const contain = parts.length > 0 ? `${parts.join(', ')} and ${last}` : last;
  return `${length} and contain ${contain}.`;
}
