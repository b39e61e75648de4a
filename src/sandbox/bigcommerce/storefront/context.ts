import type { SandboxContext } from '../context.js';
import type { VerifiedApiToken } from './api-tokens.js';

/** Per-request context of the Storefront GraphQL API, built by graphql-route.ts after the bearer token passed. */
export interface StorefrontRequestContext {
  sandbox: SandboxContext;
  apiToken: VerifiedApiToken;
  /** The channel whose /graphql endpoint was called (the sandbox serves channel 1). */
  channelId: number;
  /** `X-Bc-Customer-Access-Token`, when sent. */
  customerAccessToken: string | undefined;
  /** `X-Bc-Customer-Id`, honoured only with a customer impersonation token (graphql-storefront.mdx). */
  impersonatedCustomerId: number | undefined;
  /**
   * `X-Bc-Error-On-Invalid-Customer-Access-Token: true` (sent by Catalyst; UNVERIFIED contract): an invalid CAT
   * becomes an error with `extensions.code = INVALID_CUSTOMER_ACCESS_TOKEN` instead of a silent guest.
   */
  errorOnInvalidCustomerAccessToken: boolean;
}

/** What yoga.fetch receives as server context. */
export interface StorefrontServerContext {
  storefront: StorefrontRequestContext;
}
