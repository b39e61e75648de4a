/**
 * Refusing tokens cheaply. Under attack, refusing forged and garbage tokens is the common case, and jsonwebtoken
 * refuses by throwing a JsonWebTokenError, whose captured stack cost more than checking the signature.
 */

/** Three base64url segments (the signature may be empty for `alg: none`, which verification then refuses). */
export const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/** Runs `work` (synchronous) with stack capture off, so the errors it throws and catches cost no stack walk. */
export function withoutStackTraces<T>(work: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return work();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * The unverified payload, only to tell which issuer's verifier a token goes to. Never trust its contents. Read by
 * hand: the token is verified (and decoded again) by jsonwebtoken right after, and its `decode` also parses the
 * header and builds a whole JWS object, about a third of what refusing a forged token cost.
 */
export function peekClaims(token: string): Record<string, unknown> | null {
  const payload = token.split('.', 3)[1];
  if (!payload) return null;
  try {
    const claims: unknown = withoutStackTraces(() => JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The unverified JOSE header (same caveats as `peekClaims`): only to refuse what can never verify before any key lookup. */
export function peekHeader(token: string): Record<string, unknown> | null {
  const header = token.split('.', 1)[0];
  if (!header) return null;
  try {
    const parsed: unknown = withoutStackTraces(() => JSON.parse(Buffer.from(header, 'base64url').toString('utf8')));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
