/**
 * One-time secrets: how they are made, hashed and compared, for every flow that mails one (ott reset, passwordless
 * sign-in). Secrets are stored only as hashes keyed per purpose (HMAC with a key derived from `GATEWAY_SECRET` for
 * that purpose), so a dump of the store cannot be brute-forced (a 6-digit code has only a million values), and a
 * hash made for one purpose is useless for another.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { deriveKey } from '../lib/keys.js';

export type OneTimePurpose = 'sign-in' | 'elasticpath-reset';

/** 256 random bits, base64url: the secret in a link. */
export function newLinkSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A uniformly random numeric code, zero-padded (`randomInt` has no modulo bias). */
export function newCode(digits = 6): string {
  return String(randomInt(0, 10 ** digits)).padStart(digits, '0');
}

/** `hash(value)`: hex HMAC-SHA256 under this purpose's key. */
export function keyedHasher(gatewaySecret: string, purpose: OneTimePurpose): (value: string) => string {
  const key = deriveKey(gatewaySecret, `onetime:${purpose}`);
  return (value) => createHmac('sha256', key).update(value).digest('hex');
}

/**
 * Unkeyed SHA-256 (hex). Only for the ott reset's 256-bit secrets, whose hash lives in a BigCommerce customer
 * attribute: at that entropy a keyed hash adds nothing, and the attribute's format stays what stores already hold.
 */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Constant-time comparison of two hex hashes of one length; false for anything malformed. */
export function hashesEqual(expectedHex: string, actualHex: string): boolean {
  const a = Buffer.from(expectedHex, 'hex');
  const b = Buffer.from(actualHex, 'hex');
  return a.length === 32 && b.length === 32 && timingSafeEqual(a, b);
}
