/**
 * Keys derived from `GATEWAY_SECRET`, one per purpose (HKDF-SHA256), so no two uses ever share a key: a leaked log
 * reference key says nothing about the key that seals queued jobs, and vice versa.
 *
 * Written on node:crypto directly: HKDF, HMAC and AES-256-GCM are the whole job, and a library would add nothing
 * but a dependency.
 */
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';

export type KeyPurpose = 'email-ref' | 'job-seal' | 'store-key' | (string & {});

export function deriveKey(secret: string, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'headless-auth-gateway', purpose, 32));
}

/** A keyed, truncated HMAC: stable for one key, and useless to whoever lacks it for testing guessed values. */
export function keyedRef(key: Buffer | KeyObject, value: string, length = 16): string {
  const digest = createHmac('sha256', key).update(value).digest();
  // Whole base64 groups (4 characters per 3 bytes) encode just the bytes needed: a flat string of its own. A
  // slice of the full encoding would keep all of it alive as long as the reference (a rate-limit key: an hour).
  return length % 4 === 0 ? digest.toString('base64url', 0, (length / 4) * 3) : digest.toString('base64url').slice(0, length);
}

/** `keyedRef` with its key derived once: e.g. the keys under which personal values (emails) go into Redis. */
export function keyedRefs(secret: string, purpose: KeyPurpose, length = 32): (value: string) => string {
  // Imported into OpenSSL once, not on every call (these run on every request).
  const key = createSecretKey(deriveKey(secret, purpose));
  return (value) => keyedRef(key, value, length);
}

/** Constant-time, so a secret cannot be guessed a byte at a time from response times. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const hmacKeys = new Map<string, KeyObject>();

/**
 * An HS256 secret as a KeyObject, made once per secret. Given a string, jsonwebtoken first tries to parse it as a
 * PEM key on every sign and verify (OpenSSL throws, the error is caught) before using it as a secret: that cost
 * more than the rest of checking a token.
 */
export function hmacKey(secret: string): KeyObject {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    hmacKeys.set(secret, key);
  }
  return key;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM: `base64url(iv | ciphertext | tag)`. Tampering or a wrong key makes `open` throw. */
export function seal(key: Buffer, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

export function open(key: Buffer, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value is too short');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
}
