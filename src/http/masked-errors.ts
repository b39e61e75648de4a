/**
 * Unexpected errors (upstream failures, bugs) reach the client as "Unexpected error." with the request id, and
 * the log gets what is safe of the real error (`describeError`) under the same id. Never Yoga's dev mode, which
 * would send the original error, and never the error's GraphQL source, which would print the document with its
 * inline values (passwords, tokens).
 */
import { GraphQLError } from 'graphql';
import { maskError, type YogaServerOptions } from 'graphql-yoga';
import { QueueUnavailableError } from '../jobs/queue.js';
import { describeError, requestScope, type Logger } from '../log.js';
import { StoreUnavailableError } from '../store/store.js';

type MaskError = Extract<NonNullable<YogaServerOptions<object, object>['maskedErrors']>, object>['maskError'];

export function maskErrorWithRequestId(logger: Logger): MaskError {
  return (error, message) => {
    const original = error instanceof Error && 'originalError' in error ? (error.originalError ?? error) : error;
    const path = error instanceof Error && 'path' in error && Array.isArray(error.path) ? error.path.join('.') : undefined;
    // An answer the gateway chose to give (a bad input such as an unknown channelId, an HTTP-level rate limit) is
    // passed through as it is, and logged as what it is: no stack, not as a fault.
    const code = original instanceof GraphQLError ? original.extensions.code : undefined;
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
      logger.info({ code, path }, 'request refused with an expected error');
      return maskError(error, message, false);
    }
    const requestId = requestScope.getStore()?.requestId;
    // The shared store or the queue unreachable (an outage, a failover in progress): HTTP 503 with Retry-After, so a
    // client and a load balancer see a temporary unavailability, never an HTTP 200 that reads like a bug.
    if (original instanceof StoreUnavailableError || original instanceof QueueUnavailableError) {
      logger.warn({ error: describeError(original), path }, 'shared store unavailable: answered 503');
      return new GraphQLError('Service unavailable. Try again in a moment.', {
        extensions: { code: 'SERVICE_UNAVAILABLE', ...(requestId ? { requestId } : {}), http: { status: 503, headers: { 'retry-after': '1' } } },
      });
    }
    logger.error({ error: describeError(original), path }, 'unexpected error, masked for the client');
    const masked = maskError(error, message, false);
    if (requestId && 'extensions' in masked && masked.extensions && typeof masked.extensions === 'object') {
      Object.assign(masked.extensions, { requestId });
    }
    return masked;
  };
}
