/**
 * Where the hash of each shopper's latest one-time token lives, for the ott flow: latest only (a new one replaces the
 * old, so older links die), read together with the shopper it belongs to. BigCommerce keeps it in a customer
 * attribute (the BigCommerce backend's ott-attribute.ts).
 */
import type { Shopper, ShopperId } from '../../backends/backend.js';

export interface StoredOtt {
  shopper: Shopper;
  /** SHA-256 (hex) of the OTT. */
  hash: string;
  /** Names exactly this stored value, for deleting it (consuming the link). */
  ref: string;
}

export interface OttSecrets {
  put(shopperId: ShopperId, hash: string): Promise<void>;
  /** The shopper and their stored hash; null when either is missing. */
  read(shopperId: ShopperId): Promise<StoredOtt | null>;
  delete(ref: string): Promise<void>;
  /** Readiness: resolves once the store for these secrets is ready (the attribute found or created). */
  ready(): Promise<unknown>;
}
