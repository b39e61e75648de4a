import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PASSWORD_COMPLEXITY,
  describePasswordComplexity,
  meetsPasswordComplexity,
} from '../../../src/sandbox/bigcommerce/password-policy.js';
import { buildResetLink } from '../../../src/sandbox/bigcommerce/accounts.js';

describe('sandbox password complexity', () => {
  it('default rules: at least 7 characters with a number, exactly what the settings advertise', () => {
    expect(meetsPasswordComplexity('abcdef1', DEFAULT_PASSWORD_COMPLEXITY)).toBe(true);
    expect(meetsPasswordComplexity('abcde1', DEFAULT_PASSWORD_COMPLEXITY)).toBe(false);
    expect(meetsPasswordComplexity('abcdefgh', DEFAULT_PASSWORD_COMPLEXITY)).toBe(false);
    // No hidden letter rule: a form built from the settings (which cannot express one) is never refused.
    expect(meetsPasswordComplexity('12345678', DEFAULT_PASSWORD_COMPLEXITY)).toBe(true);
    expect(meetsPasswordComplexity('pässwört1', DEFAULT_PASSWORD_COMPLEXITY)).toBe(true);
    expect(describePasswordComplexity(DEFAULT_PASSWORD_COMPLEXITY)).toBe(
      'Passwords must be at least 7 characters and contain a numeric character.',
    );
  });

  it('counts characters, not UTF-16 units', () => {
    const rules = { ...DEFAULT_PASSWORD_COMPLEXITY, minimumPasswordLength: 8 };
    expect(meetsPasswordComplexity('a1😀😀😀😀😀', rules)).toBe(false);
  });

  it('extra rules: upper, lower, minimum numbers and special characters', () => {
    const rules = {
      ...DEFAULT_PASSWORD_COMPLEXITY,
      requireUpperCase: true,
      requireLowerCase: true,
      minimumNumbers: 2,
      requireSpecialCharacters: true,
      minimumSpecialCharacters: 2,
    };
    expect(meetsPasswordComplexity('Abcdef12!?', rules)).toBe(true);
    expect(meetsPasswordComplexity('abcdef12!?', rules)).toBe(false);
    expect(meetsPasswordComplexity('ABCDEF12!?', rules)).toBe(false);
    expect(meetsPasswordComplexity('Abcdefg1!?', rules)).toBe(false);
    expect(meetsPasswordComplexity('Abcdef12!a', rules)).toBe(false);
    expect(describePasswordComplexity(rules)).toBe(
      'Passwords must be at least 7 characters and contain at least 2 numeric characters, a lowercase letter, an uppercase letter and at least 2 special characters.',
    );
  });
});

describe('sandbox reset link', () => {
  it('appends c and t to siteUrl + path, URL-encoded, keeping an existing query', () => {
    expect(buildResetLink('https://shop.test', '/change-password', 7, 'a b&c')).toBe('https://shop.test/change-password?c=7&t=a+b%26c');
    expect(buildResetLink('https://shop.test/en', 'account/reset?x=1', 7, 'tok')).toBe('https://shop.test/en/account/reset?x=1&c=7&t=tok');
    expect(buildResetLink('https://shop.test', undefined, 7, 'tok')).toBe('https://shop.test/login.php?action=change_password&c=7&t=tok');
  });

  it('never leaves the site host', () => {
    expect(new URL(buildResetLink('https://shop.test', '//evil.test/x', 1, 't')).host).toBe('shop.test');
    expect(new URL(buildResetLink('https://shop.test', 'https://evil.test/x', 1, 't')).host).toBe('shop.test');
  });
});
