/**
 * The signed link token both one-time flows mail (ott reset, passwordless sign-in): a short-lived JWT whose `jti`
 * is the one-time secret itself and whose `sub` names what it is for. Only a hash of the secret is stored, so a
 * storage leak yields no usable link, and a newer issue overwrites it, so older links die.
 *
 * HS256 pinned; `typ` set per purpose and checked (RFC 8725 §3.11), so a link minted for one purpose never passes
 * for another even under the same key; `iss`, `aud`, `exp` checked; no email or other PII in the claims. Keys
 * rotate: links are signed with the first secret and verified with any of them.
 */
import jwt from 'jsonwebtoken';
import { JWT_SHAPE, withoutStackTraces } from '../lib/jwt.js';
import { hmacKey } from '../lib/keys.js';

export interface LinkTokenKeys {
  /** Newest first: sign with the first, accept any (rotation without killing links in flight). */
  secrets: readonly string[];
  issuer: string;
  audience: string;
  ttlSeconds: number;
  /** e.g. `pwreset+jwt`, `signin+jwt`. */
  typ: string;
}

export interface LinkTokenClaims {
  subject: string;
  /** The one-time secret (base64url, 256 bits). */
  secret: string;
  /** Unix seconds. */
  expiresAt: number;
}

export type LinkTokenCheck = { status: 'valid'; claims: LinkTokenClaims } | { status: 'expired' | 'invalid' };

const MAX_TOKEN_LENGTH = 2048;
const SECRET_SHAPE = /^[\w-]{43}$/;

export function signLinkToken(
  keys: LinkTokenKeys,
  claims: { subject: string; secret: string },
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  const [secret] = keys.secrets;
  if (!secret) throw new Error('no link signing secret configured');
  return jwt.sign({ iat: nowSeconds, exp: nowSeconds + keys.ttlSeconds }, hmacKey(secret), {
    algorithm: 'HS256',
    header: { alg: 'HS256', typ: keys.typ },
    issuer: keys.issuer,
    audience: keys.audience,
    subject: claims.subject,
    jwtid: claims.secret,
  });
}

/** Whether `token` has a link token's form at all: nothing else is worth a signature check or a rate-limit counter. */
export function isLinkTokenShaped(token: string): boolean {
  return token.length <= MAX_TOKEN_LENGTH && JWT_SHAPE.test(token);
}

/** Signature (any configured secret), algorithm, `typ`, `iss`, `aud`, `exp`, and the shape of `sub` and `jti`. */
export function checkLinkToken(
  token: string,
  keys: LinkTokenKeys,
  subjectShape: RegExp,
  nowSeconds = Math.floor(Date.now() / 1000),
): LinkTokenCheck {
  if (!isLinkTokenShaped(token)) return { status: 'invalid' };
  let expired = false;
  for (const secret of keys.secrets) {
    let decoded: jwt.Jwt;
    try {
      decoded = withoutStackTraces(() =>
        jwt.verify(token, hmacKey(secret), {
          algorithms: ['HS256'],
          issuer: keys.issuer,
          audience: keys.audience,
          clockTimestamp: nowSeconds,
          complete: true,
        }),
      );
    } catch (error) {
      // Only a token that is genuine apart from its age counts as expired; jsonwebtoken checks the signature first.
      expired ||= error instanceof jwt.TokenExpiredError;
      continue;
    }
    const { payload, header } = decoded;
    if (header.typ !== keys.typ || typeof payload === 'string') return { status: 'invalid' };
    const { sub, jti, exp } = payload;
    if (typeof sub !== 'string' || !subjectShape.test(sub) || typeof jti !== 'string' || !SECRET_SHAPE.test(jti)) {
      return { status: 'invalid' };
    }
    if (typeof exp !== 'number') return { status: 'invalid' };
    return { status: 'valid', claims: { subject: sub, secret: jti, expiresAt: exp } };
  }
  return { status: expired ? 'expired' : 'invalid' };
}
