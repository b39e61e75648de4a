/**
 * HTTP details some resolvers need, kept out of the domain files: an answer that must be identical for every email
 * (requestPasswordReset, requestSignInCode) has no error union, so its per-IP refusal is HTTP-level, 429 with
 * Retry-After.
 */
import { createGraphQLError } from 'graphql-yoga';
import { RateLimitedError } from '../errors.js';

export async function withHttpRateLimit<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    throw createGraphQLError(error.message, {
      extensions: {
        code: error.code,
        retryAfterSeconds: error.retryAfterSeconds,
        http: { status: 429, headers: { 'retry-after': String(error.retryAfterSeconds) } },
      },
    });
  }
}
