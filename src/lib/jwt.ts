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
