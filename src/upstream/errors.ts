/**
 * Upstream failures as our own type. Messages name the operation and the kind of failure only: never a
 * request body, variable, token or response text that could echo one back (graphql-request's own
 * `ClientError.message` embeds the request variables, so it is never passed on).
 */
/** BigCommerce's Management and Storefront APIs; Elastic Path's API. */
export type UpstreamService = 'management' | 'storefront' | 'elasticpath';

const SERVICE_NAMES: Record<UpstreamService, string> = {
  management: 'BigCommerce management',
  storefront: 'BigCommerce storefront',
  elasticpath: 'Elastic Path',
};

export type UpstreamFailure =
  | 'timeout'
  | 'network'
  | 'rate_limited'
  | 'unauthorized'
  | 'client_error'
  | 'server_error'
  | 'bad_response'
  | 'graphql';

export class UpstreamError extends Error {
  override name = 'UpstreamError';

  constructor(
    readonly service: UpstreamService,
    /** e.g. `GET /customers` or `resetPassword`: a route or operation name, never a URL with a query. */
    readonly operation: string,
    readonly failure: UpstreamFailure,
    readonly details: { status?: number; retryAfterMs?: number; upstreamMessages?: string[] } = {},
  ) {
    super(`${SERVICE_NAMES[service]} ${operation} failed: ${failure}${details.status ? ` (HTTP ${details.status})` : ''}`);
  }

  /** Worth trying again later: the upstream did not (or may not have) processed the request. */
  get retryable(): boolean {
    return (
      this.failure === 'timeout' ||
      this.failure === 'network' ||
      this.failure === 'rate_limited' ||
      this.failure === 'server_error'
    );
  }
}

export function isUpstreamError(error: unknown): error is UpstreamError {
  return error instanceof UpstreamError;
}
