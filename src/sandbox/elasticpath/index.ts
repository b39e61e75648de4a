/**
 * The Elastic Path emulator: an in-memory store of the parts of Elastic Path Commerce Cloud the gateway uses (the
 * one-time password token flow, account members and their tokens, integrations and their webhook), over real HTTP.
 * It imports nothing from the gateway; the gateway talks to it by URL only. Usable alone: `npm run sandbox:elasticpath`.
 */
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { assertSandboxMayStart } from '../kit/guard.js';
import { createElasticPathApp, type ElasticPathSandboxOptions } from './app.js';

export { ELASTICPATH_DEMO_PASSWORD, ELASTICPATH_DEV_CREDENTIALS } from '../../contracts/elasticpath/dev-credentials.js';
export type { ElasticPathSandboxOptions } from './app.js';
export type { Modes as ElasticPathModes } from './state.js';

export interface RunningElasticPathSandbox {
  url: string;
  close(): Promise<void>;
}

export async function startElasticPathSandbox(options: ElasticPathSandboxOptions = {}): Promise<RunningElasticPathSandbox> {
  const host = options.host ?? '127.0.0.1';
  assertSandboxMayStart(host, 'Elastic Path sandbox');
  const app = createElasticPathApp(options);
  const server = createAdaptorServer({ fetch: app.fetch, overrideGlobalObjects: false }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('elasticpath sandbox: unexpected server address');
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  app.setPublicUrl(url);
  options.onLog?.(`elasticpath sandbox: listening on ${url}`);
  let closing: Promise<void> | undefined;
  return {
    url,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        app.close();
        app.releaseHangingRequests();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 100).unref();
      });
      return closing;
    },
  };
}
