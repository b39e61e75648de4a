import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// A sandbox never needs production-strength hashing, but it must not keep plaintext passwords either (they would
// show up in heap dumps and debug output). scrypt with a low cost keeps tests fast.
const SCRYPT_OPTIONS = { N: 1024, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, SCRYPT_OPTIONS);
  return `${salt.toString('base64')}:${key.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string | null): boolean {
  if (stored === null) return false;
  const [saltText, keyText] = stored.split(':');
  if (saltText === undefined || keyText === undefined) return false;
  const expected = Buffer.from(keyText, 'base64');
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(saltText, 'base64'), KEY_LENGTH, SCRYPT_OPTIONS);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
