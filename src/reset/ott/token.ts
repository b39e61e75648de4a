/**
 * The ott reset link: the shared one-time link token (onetime/link-token.ts) with its own `typ`, whose subject is
 * the customer id and whose secret is the OTT. Only the OTT's SHA-256 is stored, in a BigCommerce customer
 * attribute; a new request overwrites it, so older links die.
 */
import { SHOPPER_ID } from '../../backends/backend.js';
import { checkLinkToken, isLinkTokenShaped, type LinkTokenKeys, signLinkToken } from '../../onetime/link-token.js';
import { hashesEqual, newLinkSecret, sha256Hex } from '../../onetime/secrets.js';

/** Explicit type, so no other JWT signed with the same secret can pass for a reset token (RFC 8725 §3.11). */
export const RESET_TOKEN_TYP = 'pwreset+jwt';

export type ResetTokenKeys = Omit<LinkTokenKeys, 'typ'>;

export interface ResetTokenClaims {
  shopperId: string;
  /** The one-time token, base64url of 256 random bits. */
  ott: string;
  /** Unix seconds. */
  expiresAt: number;
}

export type ResetTokenCheck = { status: 'valid'; claims: ResetTokenClaims } | { status: 'expired' | 'invalid' };

export const createOtt = newLinkSecret;
export const isResetTokenShaped = isLinkTokenShaped;
export const hashOtt = sha256Hex;
export const ottHashesEqual = hashesEqual;

export function signResetToken(keys: ResetTokenKeys, subject: { shopperId: string; ott: string }, nowSeconds?: number): string {
  return signLinkToken({ ...keys, typ: RESET_TOKEN_TYP }, { subject: subject.shopperId, secret: subject.ott }, nowSeconds);
}

export function checkResetToken(token: string, keys: ResetTokenKeys, nowSeconds?: number): ResetTokenCheck {
  const check = checkLinkToken(token, { ...keys, typ: RESET_TOKEN_TYP }, SHOPPER_ID, nowSeconds);
  if (check.status !== 'valid') return check;
  const { subject, secret, expiresAt } = check.claims;
  return { status: 'valid', claims: { shopperId: subject, ott: secret, expiresAt } };
}


/** The credential in a reset link (`?token=`), for the strategies whose links carry a reset token (ott, Elastic Path). */
export function resetCredentialFromLink(params: URLSearchParams): { token: string } | null {
  const token = params.get('token');
  return token ? { token } : null;
}

/** Seconds a reset token has left (0: expired or not ours). */
export function resetTokenSecondsLeft(token: string, keys: ResetTokenKeys): number {
  const check = checkResetToken(token, keys);
  return check.status === 'valid' ? check.claims.expiresAt - Math.floor(Date.now() / 1000) : 0;
}
