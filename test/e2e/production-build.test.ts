/**
 * The production build as the image runs it: compiled and bundled to a directory of its own, installed with
 * `npm ci --omit=dev`, started with `node dist/server.js` (`npm run start:prod`) and NODE_ENV=production, against the
 * sandbox as its store, Redis, a Postmark-compatible server and an OTLP collector. Whatever production settings
 * switch on runs here, including the bundle's lazily loaded chunks (the Redis queue, the tracing SDK, JWKS for SSO),
 * metrics behind a token and GraphiQL off.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { eventually } from '../support/gateway.js';
import { startPostmarkServer, type PostmarkServer } from '../support/postmark-server.js';
import { REDIS_URL, redisAvailable, uniqueRedisPrefix } from '../support/requirements.js';

const root = new URL('../..', import.meta.url).pathname;
const haveRedis = await redisAvailable();
const METRICS_TOKEN = 'production-build-metrics-token-0123456789';

let dir: string;
let gateway: ChildProcess;
let output = '';
let url: string;
let postmark: PostmarkServer;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let collector: Server;
let spans = 0;
/** The SSO issuer's JWKS: jwks-rsa is loaded on the first assertion, from its own chunk of the bundle. */
let jwks: Server;
const SSO = { issuer: 'https://idp.production-build.test', audience: 'production-build-gateway', kid: 'key-1' };
const ssoKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  if (!haveRedis) return;
  dir = mkdtempSync(join(tmpdir(), 'hag-production-build-'));
  // What the image's build stage does, into a directory of its own (the repository's dist/ may be stale).
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', join(dir, 'dist')], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/copy-assets.mjs', join(dir, 'dist')], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/bundle.mjs', join(dir, 'dist')], { cwd: root, stdio: 'inherit' });
  // What its runtime stage does: production dependencies only, from the lock file.
  cpSync(join(root, 'package.json'), join(dir, 'package.json'));
  cpSync(join(root, 'package-lock.json'), join(dir, 'package-lock.json'));
  execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });

  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  sandbox = await startSandbox({ siteUrl: url });
  postmark = await startPostmarkServer('production-build-postmark-token');
  collector = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      spans++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  jwks = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [{ ...ssoKeys.publicKey.export({ format: 'jwk' }), kid: SSO.kid, use: 'sig', alg: 'RS256' }] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));

  gateway = spawn(process.execPath, ['dist/server.js'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      BIGCOMMERCE_STORE_HASH: 'sandbox',
      BIGCOMMERCE_ACCESS_TOKEN: 'sandbox-access-token',
      BIGCOMMERCE_CLIENT_ID: 'sandbox-client-id',
      // Production refuses the sandbox's public secret; nothing here is signed with it.
      BIGCOMMERCE_CLIENT_SECRET: 'production-build-test-client-secret',
      BIGCOMMERCE_API_URL: sandbox.url,
      BIGCOMMERCE_STOREFRONT_URL: sandbox.url,
      GATEWAY_SECRET: 'production-build-gateway-secret-0123456789abcdef',
      RESET_STRATEGY: 'ott',
      RESET_TOKEN_SECRET: 'production-build-reset-token-secret-0123456789abcdef',
      POSTMARK_SERVER_TOKEN: 'production-build-postmark-token',
      POSTMARK_API_URL: postmark.url,
      MAIL_FROM: 'shop@example.com',
      REDIS_URL,
      REDIS_KEY_PREFIX: uniqueRedisPrefix(),
      METRICS_TOKEN,
      AUDIT_LOG: 'stdout',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
      SSO_ISSUER: SSO.issuer,
      SSO_AUDIENCE: SSO.audience,
      SSO_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  gateway.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  gateway.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await eventually(async () => {
    if (gateway.exitCode !== null) throw new Error(`the production build exited during start-up:\n${output}`);
    return (await fetch(`${url}/ready`).catch(() => null))?.ok || undefined;
  }, 20_000);
}, 240_000);

afterAll(async () => {
  if (gateway && gateway.exitCode === null) gateway.kill('SIGKILL');
  const closed = (server: Server | undefined) => new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  await Promise.all([sandbox?.close(), postmark?.close(), closed(collector), closed(jwks)]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const graphql = async (query: string, variables: Record<string, unknown> = {}) =>
  (await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json() as Promise<{
    data?: Record<string, Record<string, unknown>>;
    errors?: unknown[];
  }>;

describe.skipIf(!haveRedis)('the production build (npm ci --omit=dev, node dist/server.js, NODE_ENV=production)', () => {
  it('serves the reset flow with mail through Postmark, on the Redis queue', async () => {
    const answer = await graphql('mutation ($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { accepted } }', {
      input: { email: 'jane@example.com' },
    });
    expect(answer.data?.requestPasswordReset?.accepted).toBe(true);
    const mail = await eventually(async () => postmark.delivered.find((m) => m.to === 'jane@example.com'), 15_000);
    expect(mail.textBody).toMatch(new RegExp(`${url}/password-reset\\?token=`));
  });

  it('keeps production defaults: metrics behind the token, no GraphiQL, no introspection; traces exported', async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    const metrics = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(await metrics.text()).toMatch(/hag_graphql_requests_total\{operation="requestPasswordReset",result="OK"\} 1/);
    const page = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
    // Not GraphiQL: a short page saying it is off and how to turn it on (no script, nothing about the schema).
    const off = await page.text();
    expect(off).toContain('GraphiQL is off');
    expect(off).not.toMatch(/<script/i);
    const introspection = await graphql('{ __schema { types { name } } }');
    expect(introspection.data).toBeUndefined();
    await eventually(async () => spans > 0 || undefined, 10_000);
    // The audit stream went to stdout, as configured.
    expect(output).toMatch(/"stream":"audit".*"event":"reset\.requested"/);
  });

  it('checks an SSO assertion against the issuer\'s JWKS', async () => {
    const now = Math.floor(Date.now() / 1000);
    const assertion = jwt.sign({ iss: SSO.issuer, aud: SSO.audience, jti: randomUUID(), iat: now, exp: now + 60, customer_id: 1 }, ssoKeys.privateKey, {
      algorithm: 'RS256',
      keyid: SSO.kid,
    });
    const answer = await graphql(
      'mutation ($input: LoginWithJwtInput!) { loginWithJwt(input: $input) { __typename ... on LoginJwtHandoff { channelId } } }',
      { input: { jwt: assertion, mode: 'CUSTOMER_LOGIN_JWT' } },
    );
    expect(answer.data?.loginWithJwt).toEqual({ __typename: 'LoginJwtHandoff', channelId: 1 });
  });

  it('stops cleanly on SIGTERM', async () => {
    gateway.kill('SIGTERM');
    const [code] = (await once(gateway, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(output).toContain('stopped');
  });
});
