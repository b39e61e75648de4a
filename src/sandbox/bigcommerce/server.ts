import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { assertSandboxMayStart } from '../kit/guard.js';
import { createSandboxApp } from './app.js';
import type { SandboxOptions } from './options.js';

export interface RunningSandbox {
  url: string;
  close(): Promise<void>;
}

export { isLoopbackHost } from '../kit/guard.js';

/** Starts the sandbox on a real socket (port 0 = ephemeral) and resolves once it listens. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  assertSandboxMayStart(host, 'BigCommerce sandbox');
  const sandbox = createSandboxApp(options);
  // overrideGlobalObjects: false keeps the host process's global Request/Response untouched (the gateway runs the
  // sandbox in-process).
  const server = createAdaptorServer({ fetch: sandbox.fetch, overrideGlobalObjects: false }) as Server;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('sandbox: unexpected server address');
  const hostForUrl = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  const url = `http://${hostForUrl}:${address.port}`;
  sandbox.setPublicUrl(url);
  options.onLog?.(`sandbox: listening on ${url}`);

  let closing: Promise<void> | undefined;
  return {
    url,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        sandbox.releaseHangingRequests();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeIdleConnections();
        // Requests still in flight (hanging ones were just released) get a moment to finish, then go.
        setTimeout(() => server.closeAllConnections(), 100).unref();
      });
      return closing;
    },
  };
}
