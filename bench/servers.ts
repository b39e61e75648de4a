/**
 * The servers under load, in their own process (so the load generator does not share their event loop):
 * the gateway against the sandbox (as "a store"), a bare node:http server and a bare Yoga server as baselines.
 * Prints one JSON line with their URLs when ready.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';
import { createGateway } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { startSandbox } from '../src/sandbox/index.js';
import { sandboxStoreEnv } from '../test/support/gateway.js';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const gatewayServer = createServer();
const gatewayUrl = await listen(gatewayServer);
const sandbox = await startSandbox({ siteUrl: gatewayUrl, quota: { requestsPerWindow: 10_000_000, windowMs: 30_000 } });
// The bench measures the gateway, not its limits: the sandbox-as-a-store settings put every limit far away.
const config = loadConfig({
  ...sandboxStoreEnv(sandbox.url),
  PUBLIC_URL: gatewayUrl,
  LOG_LEVEL: 'error',
  QUEUE_MAX_QUEUED: '1000000',
  ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, REDIS_KEY_PREFIX: `bench:${Date.now()}:` } : {}),
});
const gateway = createGateway({ config, logger: createLogger({ level: 'error' }) });
gatewayServer.on('request', gateway.handle);

const body = JSON.stringify({ data: { ok: true } });
const bare = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
const bareUrl = await listen(bare);

const yoga = createYoga({
  schema: createSchema({ typeDefs: 'type Query { ok: Boolean! }', resolvers: { Query: { ok: () => true } } }),
  logging: false,
});
const yogaUrl = await listen(createServer(yoga));

console.log(JSON.stringify({ gatewayUrl, bareUrl, yogaUrl }));
process.on('SIGTERM', () => process.exit(0));
