/**
 * What a refused Management API call says about the configuration. A wrong store hash, a refused token or a missing
 * scope looked like an outage ("BigCommerce is unavailable", jobs failing for good on 404s): these name the likely
 * cause and the setting to fix. Transient failures (timeouts, 5xx, 429) say nothing about the configuration: null.
 */
import { isUpstreamError } from '../../upstream/errors.js';

export interface StoreAccessSettings {
  storeHash: string;
  apiUrl: string;
}

/** For start-up: the whole story, naming the variables (printed to the operator, never served). */
export function explainAccessFailure(error: unknown, settings: StoreAccessSettings): string | null {
  if (!isUpstreamError(error)) return null;
  switch (error.details.status) {
    case 401:
      return 'BigCommerce refused BIGCOMMERCE_ACCESS_TOKEN (HTTP 401): the token is wrong, or its API account was deleted. Create a store-level API account and copy its access token.';
    case 403:
      return 'BIGCOMMERCE_ACCESS_TOKEN lacks a scope the gateway needs (HTTP 403 on GET /v3/customers): give its API account "Customers: modify", "Customers Login: login" and "Storefront API tokens: manage".';
    case 404:
      return `BigCommerce does not know the store hash "${settings.storeHash}" (HTTP 404 from ${settings.apiUrl}/stores/${settings.storeHash}): check BIGCOMMERCE_STORE_HASH, the part after /stores/ in the API path shown with your API account.`;
    default:
      return null;
  }
}

/** For `/ready`: the same cause in a few words (no hash, no host: /ready is for probes, words of our own). */
export function accessFailureReason(error: unknown): string | undefined {
  if (!isUpstreamError(error)) return undefined;
  return { 401: 'BigCommerce refused the access token', 403: 'BigCommerce access token lacks a scope', 404: 'BigCommerce does not know the store hash' }[
    error.details.status as 401 | 403 | 404
  ];
}
