/**
 * BigCommerce Storefront GraphQL client: graphql-request with documents typed by codegen
 * (storefront-operations.ts), a timeout on every call, and failures mapped to `UpstreamError`.
 */
import { ClientError, GraphQLClient } from 'graphql-request';
import type { TypedDocumentString } from './generated/graphql.js';
import { upstreamSpan } from '../../observability/tracing.js';
import type { UpstreamBudget } from '../../upstream/budget.js';
import { UpstreamError } from '../../upstream/errors.js';
import type { StorefrontTokenSource } from './storefront-token.js';
import { Deadline } from '../../lib/deadline.js';

export interface StorefrontClientOptions {
  /** e.g. https://store-{hash}-{channel}.mybigcommerce.com */
  storefrontUrl: string;
  timeoutMs: number;
  token: StorefrontTokenSource;
  /** Spent before every call (shared with the Management client). */
  budget?: UpstreamBudget;
  onExchange?: (exchange: { route: string; status: number | 'error'; durationMs: number }) => void;
}

export class StorefrontClient {
  private readonly client: GraphQLClient;
  private readonly host: string;

  constructor(private readonly options: StorefrontClientOptions) {
    this.client = new GraphQLClient(`${options.storefrontUrl}/graphql`);
    this.host = new URL(options.storefrontUrl).host;
  }

  /**
   * Run one operation. `operation` names it in errors, logs and metrics (never the variables).
   * A 401 (token revoked or expired upstream) gets one retry with a fresh token.
   */
  async execute<Result, Variables extends object>(
    operation: string,
    document: TypedDocumentString<Result, Variables>,
    variables: Variables,
  ): Promise<Result> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.options.token.get();
      await this.options.budget?.acquire('storefront', operation);
      const started = performance.now();
      const deadline = new Deadline(this.options.timeoutMs);
      try {
        const result = await upstreamSpan('storefront', operation, this.host, () =>
          this.client.request<Result, object>({
            document,
            variables,
            requestHeaders: {
              authorization: `Bearer ${token}`,
            },
            signal: deadline.signal,
          }),
        );
        this.options.onExchange?.({ route: operation, status: 200, durationMs: performance.now() - started });
        return result;
      } catch (error) {
        const status = error instanceof ClientError ? error.response.status : 'error';
        this.options.onExchange?.({ route: operation, status, durationMs: performance.now() - started });
        if (status === 401 && attempt === 0) {
          this.options.token.invalidate(token);
          continue;
        }
        throw toUpstreamError(operation, error);
      } finally {
        deadline.clear();
      }
    }
  }
}

function toUpstreamError(operation: string, error: unknown): UpstreamError {
  if (error instanceof ClientError) {
    const status = error.response.status;
    if (status === 401 || status === 403) return new UpstreamError('storefront', operation, 'unauthorized', { status });
    if (status === 429) return new UpstreamError('storefront', operation, 'rate_limited', { status });
    if (status >= 500) return new UpstreamError('storefront', operation, 'server_error', { status });
    // A 200 with top-level errors: keep the upstream messages (they carry no request variables) for mapping.
    const upstreamMessages = (error.response.errors ?? []).map((e) => String(e.message));
    return new UpstreamError('storefront', operation, 'graphql', { status, upstreamMessages });
  }
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new UpstreamError('storefront', operation, 'timeout');
  }
  return new UpstreamError('storefront', operation, 'network');
}
