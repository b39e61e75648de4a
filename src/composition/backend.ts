/**
 * The second step: the commerce backend, chosen by `COMMERCE_BACKEND`. The only module outside src/backends/ that
 * names a backend (besides config.ts, which reads each backend's section); everything after it sees
 * `CommerceBackend` (backends/backend.ts).
 */
import type { CommerceBackend } from '../backends/backend.js';
import { withEmbeddedSandbox } from '../backends/bigcommerce/config.js';
import { createBigCommerceBackend } from '../backends/bigcommerce/index.js';
import { withEmbeddedElasticPath } from '../backends/elasticpath/config.js';
import { createElasticPathBackend } from '../backends/elasticpath/index.js';
import { ELASTICPATH_WEBHOOK_PATH } from '../backends/elasticpath/webhook.js';
import type { Config } from '../config.js';
import type { Infrastructure } from './infrastructure.js';

export interface EmbeddedUpstream {
  /** The backend's name, for the banner. */
  name: 'BigCommerce' | 'Elastic Path';
  url: string;
  /** The configuration pointed at it. */
  config: Config;
  /** The sandbox's own outbox, shown beside the gateway's at /dev/mail (BigCommerce mails its native reset links). */
  sandboxMailUrl: string | undefined;
  close(): Promise<void>;
}

/**
 * Sandbox mode: the selected backend's emulator, in this process but reached by URL only, exactly like the real
 * service (Elastic Path's posts its webhooks to this gateway's public URL, as a real integration would).
 */
export async function startEmbeddedUpstream(config: Config): Promise<EmbeddedUpstream> {
  const port = config.sandbox?.port ?? 0;
  if (config.backend === 'elasticpath') {
    const { startElasticPathSandbox } = await import('../sandbox/elasticpath/index.js');
    const emulator = await startElasticPathSandbox({ host: '127.0.0.1', port, webhookUrl: `${config.http.publicUrl}${ELASTICPATH_WEBHOOK_PATH}` });
    return { name: 'Elastic Path', url: emulator.url, config: withEmbeddedElasticPath(config, emulator.url), sandboxMailUrl: undefined, close: emulator.close };
  }
  const { startSandbox } = await import('../sandbox/index.js');
  const sandbox = await startSandbox({ host: '127.0.0.1', siteUrl: config.sandbox?.siteUrl ?? config.http.publicUrl, port });
  return { name: 'BigCommerce', url: sandbox.url, config: withEmbeddedSandbox(config, sandbox.url), sandboxMailUrl: sandbox.url, close: sandbox.close };
}

export function createBackend(infra: Infrastructure): CommerceBackend {
  const { bigcommerce, elasticpath } = infra.config;
  const parts = { ...infra, claims: infra.store };
  if (bigcommerce) return createBigCommerceBackend(parts, bigcommerce);
  if (elasticpath) return createElasticPathBackend(parts, elasticpath);
  throw new Error('no commerce backend is configured');
}
