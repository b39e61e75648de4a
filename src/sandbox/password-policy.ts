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
 * BigCommerce's default rule is "Passwords must be at least 7 characters and contain both alphabetic and numeric
 * characters." (cornerstone lang/en.json `invalid_password`). The GraphQL settings type can express the length and
 * the number rule, but has no "requires a letter" field, so that part is enforced internally
 * (`requiresLetter`, always on: every password rule BigCommerce has published includes it).
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

const LETTER = /\p{L}/gu;
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
  if (count(LETTER, password) < 1) return false;
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
    parts.push(
      rules.minimumNumbers > 1
        ? `alphabetic characters and at least ${rules.minimumNumbers} numeric characters`
        : 'both alphabetic and numeric characters',
    );
  } else {
    parts.push('alphabetic characters');
  }
  if (rules.requireLowerCase) parts.push('a lowercase letter');
  if (rules.requireUpperCase) parts.push('an uppercase letter');
  if (rules.requireSpecialCharacters) {
    const n = Math.max(1, rules.minimumSpecialCharacters);
    parts.push(n > 1 ? `at least ${n} special characters` : 'a special character');
  }
  const last = parts.pop() ?? '';
  const contain = parts.length > 0 ? `${parts.join(', ')} and ${last}` : last;
  return `Passwords must be at least ${rules.minimumPasswordLength} characters and contain ${contain}.`;
}
