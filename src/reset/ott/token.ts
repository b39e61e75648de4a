/**
 * The ott link token: a short-lived JWT whose `jti` is the one-time token (OTT) itself. Only the OTT's SHA-256
 * is stored (in a BigCommerce customer attribute), so a database leak yields no usable link, and a new request
 * overwrites it, so older links die. HS256 pinned, `typ` set and checked; no email or other PII in the claims.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** Explicit type, so no other JWT signed with the same secret can pass for a reset token (RFC 8725 §3.11). */
export const RESET_TOKEN_TYP = 'pwreset+jwt';

export interface ResetTokenKeys {
  secret: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export interface ResetTokenClaims {
  customerId: number;
  /** The one-time token, base64url of 256 random bits. */
  ott: string;
  /** Unix seconds. */
  expiresAt: number;
}

export type ResetTokenCheck = { status: 'valid'; claims: ResetTokenClaims } | { status: 'expired' | 'invalid' };

export function createOtt(): string {
  return randomBytes(32).toString('base64url');
}

export function hashOtt(ott: string): string {
  return createHash('sha256').update(ott).digest('hex');
}

/** Constant-time comparison of two OTT hashes (hex); false for anything malformed. */
export function ottHashesEqual(expectedHex: string, actualHex: string): boolean {
  const a = Buffer.from(expectedHex, 'hex');
  const b = Buffer.from(actualHex, 'hex');
  return a.length === 32 && b.length === 32 && timingSafeEqual(a, b);
}

export function signResetToken(
  keys: ResetTokenKeys,
  subject: { customerId: number; ott: string },
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  return jwt.sign({ iat: nowSeconds, exp: nowSeconds + keys.ttlSeconds }, keys.secret, {
    algorithm: 'HS256',
    header: { alg: 'HS256', typ: RESET_TOKEN_TYP },
    issuer: keys.issuer,
    audience: keys.audience,
    subject: String(subject.customerId),
    jwtid: subject.ott,
  });
}

/** Signature, algorithm, `typ`, `iss`, `aud`, `exp`, and the shape of `sub` and `jti`. */
export function checkResetToken(
  token: string,
  keys: ResetTokenKeys,
  nowSeconds = Math.floor(Date.now() / 1000),
): ResetTokenCheck {
  if (token.length > 2048) return { status: 'invalid' };
  let decoded: jwt.Jwt;
  try {
    decoded = jwt.verify(token, keys.secret, {
      algorithms: ['HS256'],
      issuer: keys.issuer,
      audience: keys.audience,
      clockTimestamp: nowSeconds,
      complete: true,
    });
  } catch (error) {
    // Only a token that is genuine apart from its age counts as expired; jsonwebtoken checks the signature first.
    return { status: error instanceof jwt.TokenExpiredError ? 'expired' : 'invalid' };
  }
  const payload = decoded.payload;
  if (decoded.header.typ !== RESET_TOKEN_TYP || typeof payload === 'string') return { status: 'invalid' };
  const customerId = Number(payload.sub);
  const ott = payload.jti;
  if (!Number.isSafeInteger(customerId) || customerId <= 0 || typeof ott !== 'string' || !/^[\w-]{43}$/.test(ott)) {
    return { status: 'invalid' };
  }
  if (typeof payload.exp !== 'number') return { status: 'invalid' };
  return { status: 'valid', claims: { customerId, ott, expiresAt: payload.exp } };
}
