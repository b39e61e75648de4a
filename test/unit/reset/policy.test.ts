import { describe, expect, it } from 'vitest';
import { PasswordPolicyError } from '../../../src/errors.js';
import { createLogger } from '../../../src/log.js';
import { checkPassword, COMMON_PASSWORD_COUNT, DEFAULT_FLOOR, mergeRules, PasswordPolicy } from '../../../src/reset/policy.js';

const bigcommerceDefault = {
  minimumPasswordLength: 7,
  requireLowerCase: false,
  requireUpperCase: false,
  requireNumbers: true,
  minimumNumbers: 1,
  requireSpecialCharacters: false,
  minimumSpecialCharacters: 0,
};

describe('password policy', () => {
  it('never lets the store lower the gateway floor', () => {
    const rules = mergeRules(DEFAULT_FLOOR, bigcommerceDefault);
    expect(rules.minLength).toBe(8);
    expect(rules.maxLength).toBeGreaterThanOrEqual(64);
    expect(mergeRules(DEFAULT_FLOOR, { ...bigcommerceDefault, minimumPasswordLength: 12 }).minLength).toBe(12);
  });

  it('reports every failed rule at once', () => {
    const rules = mergeRules(DEFAULT_FLOOR, {
      ...bigcommerceDefault,
      requireUpperCase: true,
      requireSpecialCharacters: true,
      minimumSpecialCharacters: 1,
      minimumNumbers: 2,
    });
    const failed = checkPassword('abc', rules).map((f) => f.rule);
    expect(failed).toEqual(['MIN_LENGTH', 'UPPERCASE', 'NUMBERS', 'SPECIAL_CHARACTERS']);
    expect(checkPassword('Abcdef1!2', rules)).toEqual([]);
  });

  it('counts characters, not UTF-16 units, and refuses rather than truncates long passwords', () => {
    const rules = mergeRules(DEFAULT_FLOOR, null);
    expect(checkPassword('🔑🔑🔑🔑🔑🔑🔑🔑', rules)).toEqual([]);
    expect(checkPassword('x'.repeat(rules.maxLength + 1), rules).map((f) => f.rule)).toEqual(['MAX_LENGTH']);
  });

  it('refuses common passwords from a list of at least 10,000, whatever their case', () => {
    const rules = mergeRules(DEFAULT_FLOOR, null);
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThanOrEqual(10_000);
    for (const common of ['password1', 'Password123', 'qwertyuiop', 'iloveyou1']) {
      expect(checkPassword(common, rules).map((f) => f.rule), common).toContain('COMMON');
    }
    expect(checkPassword('Correct-Horse-Battery-9', rules)).toEqual([]);
  });

  it('refuses control characters such as NUL', () => {
    const rules = mergeRules(DEFAULT_FLOOR, null);
    expect(checkPassword('abcdefgh\u0000ijk', rules).map((f) => f.rule)).toEqual(['CONTROL_CHARACTERS']);
  });

  it("refuses passwords containing the email's local part", () => {
    const rules = mergeRules(DEFAULT_FLOOR, null);
    expect(checkPassword('my-Jane.Doe-2024', rules, 'jane.doe@example.com').map((f) => f.rule)).toEqual(['CONTAINS_EMAIL']);
  });

  it('normalises to NFKC before checking and returns the normalised password', async () => {
    const policy = new PasswordPolicy({
      floor: DEFAULT_FLOOR,
      loadStoreRules: async () => bigcommerceDefault,
      logger: createLogger({ level: 'silent' }),
    });
    // U+FB01 "ﬁ" ligature and fullwidth digits normalise to "fi" and ASCII digits.
    await expect(policy.enforce('ﬁsh-and-chips１')).resolves.toBe('fish-and-chips1');
    await expect(policy.enforce('short1')).rejects.toBeInstanceOf(PasswordPolicyError);
  });

  it('keeps the last known store rules when the store cannot be reached', async () => {
    let calls = 0;
    const policy = new PasswordPolicy({
      floor: DEFAULT_FLOOR,
      loadStoreRules: async () => {
        calls++;
        if (calls > 1) throw new Error('upstream down');
        return { ...bigcommerceDefault, minimumPasswordLength: 14 };
      },
      logger: createLogger({ level: 'silent' }),
    });
    expect((await policy.rules()).minLength).toBe(14);
    expect((await policy.rules()).minLength).toBe(14);
    expect(calls).toBe(2);
  });
});

describe('PasswordPolicy.enforce', () => {
  it('refuses a password over the maximum length instead of truncating it', async () => {
    const policy = new PasswordPolicy({ floor: DEFAULT_FLOOR, loadStoreRules: async () => null, logger: createLogger({ level: 'silent' }) });
    const long = `Aa1-${'x'.repeat(DEFAULT_FLOOR.maxLength)}`;
    const error = await policy.enforce(long).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PasswordPolicyError);
    expect((error as PasswordPolicyError).failures.map((f) => f.rule)).toEqual(['MAX_LENGTH']);
    // At the maximum exactly, the whole password comes back, not a prefix.
    const atMax = `Aa1-${'x'.repeat(DEFAULT_FLOOR.maxLength - 4)}`;
    expect(await policy.enforce(atMax)).toBe(atMax);
  });
});
