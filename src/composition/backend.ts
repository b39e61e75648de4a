/**
 * The second step: the commerce backend, chosen by `COMMERCE_BACKEND`. The only module outside src/backends/ that
 * names a backend; everything after it sees `CommerceBackend` (backends/backend.ts).
 */
import type { CommerceBackend } from '../backends/backend.js';
import { createBigCommerceBackend } from '../backends/bigcommerce/index.js';
import { createElasticPathBackend } from '../backends/elasticpath/index.js';
import type { Infrastructure } from './infrastructure.js';

export function createBackend(infra: Infrastructure): CommerceBackend {
  const { bigcommerce, elasticpath } = infra.config;
  const parts = { ...infra, claims: infra.store };
  if (bigcommerce) return createBigCommerceBackend(parts, bigcommerce);
  if (elasticpath) return createElasticPathBackend(parts, elasticpath);
  throw new Error('no commerce backend is configured');
}
