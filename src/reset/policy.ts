/**
 * The password policy: the store's own rules (Storefront `passwordComplexitySettings`, cached) merged with the
 * gateway's floor, checked before any upstream call, every failed rule reported at once. `passwordPolicy`
 * exposes the merged rules so frontends render exactly the checks the gateway applies.
 */
import type { StorePasswordRules as StorePasswordComplexity } from '../backends/backend.js';
import { dictionary } from '@zxcvbn-ts/language-common';
import type { Logger } from '../log.js';
import { PasswordPolicyError, type PasswordRuleFailure } from '../errors.js';

export interface PasswordRules {
  minLength: number;
  maxLength: number;
  requireLowerCase: boolean;
  requireUpperCase: boolean;
  /** BigCommerce's default rule ("alphabetic and numeric characters") asks for a letter of either case. */
  requireLetter: boolean;
  minimumNumbers: number;
  minimumSpecialCharacters: number;
  /** Refuse passwords containing the local part of the account's email (when the flow knows it safely). */
  rejectEmailLocalPart: boolean;
  /** Refuse passwords from the shipped list of common and breached passwords. */
  rejectCommon: boolean;
}

/**
 * The common-password list shipped with zxcvbn-ts (`passwords-common`, ~49,000 entries from breach corpora),
 * lowercased once at start-up.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  (dictionary['passwords-common'] ?? []).map((p) => String(p).toLowerCase()),
);

export const COMMON_PASSWORD_COUNT = COMMON_PASSWORDS.size;


export interface PasswordFloor {
  minLength: number;
  maxLength: number;
  /** Whether the flow can apply the email rule (it needs the account's address before the password is set). */
  rejectEmailLocalPart: boolean;
}

/** The gateway's floor: no store setting can lower it. Max stays >= 64 so passphrases and managers fit. */
export const DEFAULT_FLOOR: PasswordFloor = { minLength: 8, maxLength: 128, rejectEmailLocalPart: true };

export function mergeRules(floor: PasswordFloor, store: StorePasswordComplexity | null): PasswordRules {
  return {
    minLength: Math.max(floor.minLength, store?.minimumPasswordLength ?? 0),
    maxLength: floor.maxLength,
    requireLowerCase: store?.requireLowerCase ?? false,
    requireUpperCase: store?.requireUpperCase ?? false,
    // BigCommerce's default store rule is "letters and numbers"; its settings have no "letter" flag, so a
    // store that requires numbers is taken to want a letter too (UNVERIFIED, matches the default rule text).
    requireLetter: store?.requireNumbers ?? false,
    minimumNumbers: store?.requireNumbers ? Math.max(1, store.minimumNumbers) : 0,
    minimumSpecialCharacters: store?.requireSpecialCharacters ? Math.max(1, store.minimumSpecialCharacters) : 0,
    rejectEmailLocalPart: floor.rejectEmailLocalPart,
    rejectCommon: true,
  };
}

/** NFKC, so the same password typed on any keyboard or OS is the same password. Never truncated. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/** Every rule the (already normalised) password fails; empty when it passes. */
export function checkPassword(password: string, rules: PasswordRules, email?: string): PasswordRuleFailure[] {
  const failures: PasswordRuleFailure[] = [];
  // Control characters (NUL included) are never typed on purpose, and upstream systems may cut at them.
  if (/\p{Cc}/u.test(password)) {
    failures.push({ rule: 'CONTROL_CHARACTERS', message: 'Do not use control characters.' });
  }
  const length = [...password].length;
  if (length < rules.minLength) {
    failures.push({ rule: 'MIN_LENGTH', message: `Use at least ${rules.minLength} characters.` });
  }
  if (length > rules.maxLength) {
    failures.push({ rule: 'MAX_LENGTH', message: `Use at most ${rules.maxLength} characters.` });
  }
  if (rules.requireLowerCase && !/\p{Ll}/u.test(password)) {
    failures.push({ rule: 'LOWERCASE', message: 'Include a lowercase letter.' });
  }
  if (rules.requireUpperCase && !/\p{Lu}/u.test(password)) {
    failures.push({ rule: 'UPPERCASE', message: 'Include an uppercase letter.' });
  }
  if (rules.requireLetter && !/\p{L}/u.test(password)) {
    failures.push({ rule: 'LETTER', message: 'Include a letter.' });
  }
  if (count(password, /\p{Nd}/gu) < rules.minimumNumbers) {
    failures.push({ rule: 'NUMBERS', message: `Include at least ${counted(rules.minimumNumbers, 'number', 'numbers')}.` });
  }
  if (count(password, /[^\p{L}\p{Nd}\s]/gu) < rules.minimumSpecialCharacters) {
    failures.push({
      rule: 'SPECIAL_CHARACTERS',
      message: `Include at least ${counted(rules.minimumSpecialCharacters, 'special character', 'special characters')}.`,
    });
  }
  if (rules.rejectCommon && COMMON_PASSWORDS.has(password.toLowerCase())) {
    failures.push({ rule: 'COMMON', message: 'This password is too common; choose another.' });
  }
  const localPart = email?.split('@')[0]?.normalize('NFKC').toLowerCase();
  if (rules.rejectEmailLocalPart && localPart && localPart.length >= 3 && password.toLowerCase().includes(localPart)) {
    failures.push({ rule: 'CONTAINS_EMAIL', message: 'Do not use your email address in your password.' });
  }
  return failures;
}

export interface PasswordPolicyOptions {
  floor: PasswordFloor;
  /** Reads the store's rules (cached by the caller); null when the store has none. */
  loadStoreRules: () => Promise<StorePasswordComplexity | null>;
  logger: Logger;
}

/** Merged rules; when the store cannot be read, the last known rules (or the floor alone) still apply. */
export class PasswordPolicy {
  private lastKnown: PasswordRules | null = null;

  constructor(private readonly options: PasswordPolicyOptions) {}

  async rules(): Promise<PasswordRules> {
    try {
      this.lastKnown = mergeRules(this.options.floor, await this.options.loadStoreRules());
      return this.lastKnown;
    } catch (error) {
      this.options.logger.warn({ reason: (error as Error).message }, 'store password rules unavailable, using last known');
      return this.lastKnown ?? mergeRules(this.options.floor, null);
    }
  }

  /**
   * Normalise and check a new password; throws `PasswordPolicyError` listing every failure.
   * @returns the normalised password, the one to send upstream.
   */
  async enforce(password: string, email?: string): Promise<string> {
    const normalized = normalizePassword(password);
    const failures = checkPassword(normalized, await this.rules(), email);
    if (failures.length > 0) throw new PasswordPolicyError(failures);
    return normalized;
  }
}

/** `1 number`, `2 numbers`: a rule's count in words, not "1 number(s)". */
function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
