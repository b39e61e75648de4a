/**
 * The second step: the commerce backend, chosen by `COMMERCE_BACKEND`. The only module outside src/backends/ that
 * names a backend; everything after it sees `CommerceBackend` (backends/backend.ts).
 */
import type { CommerceBackend } from '../backends/backend.js';
import { createBigCommerceBackend } from '../backends/bigcommerce/index.js';
import type { Infrastructure } from './infrastructure.js';

export function createBackend(infra: Infrastructure): CommerceBackend {
  switch (infra.config.backend) {
    case 'bigcommerce':
      return createBigCommerceBackend({ ...infra, claims: infra.store });
  }
}
