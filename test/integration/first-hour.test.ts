/**
 * What a newcomer meets in the first hour (issue 16): a misconfigured store is named at start-up (not reported later
 * as an outage), a taken sandbox port is named, a browser asking for GraphiQL in production is told how to turn it
 * on, and a plain bad input is logged as one (at info, no stack), not as a masked fault.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxStoreEnv, startTestGateway, type TestGateway } from '../support/gateway.js';
import { SandboxHarness } from '../support/sandbox.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Start the gateway as `npm start` does and wait for it to exit (it must, here): its exit code and output. */
function startExpectingExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after 20 s:\n${output}`));
    }, 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('start-up against a misconfigured store', () => {
  let sandbox: SandboxHarness;
  beforeAll(async () => {
    sandbox = await SandboxHarness.start();
  });
  afterAll(async () => sandbox.close());
  const env = (overrides: Record<string, string>) => ({ ...sandboxStoreEnv(sandbox.url), PORT: '0', HOST: '127.0.0.1', ...overrides });

  it.each([
    ['an unknown store hash', { BIGCOMMERCE_STORE_HASH: 'nosuchstore' }, /does not know the store hash "nosuchstore" \(HTTP 404.*check BIGCOMMERCE_STORE_HASH/],
    ['a refused access token', { BIGCOMMERCE_ACCESS_TOKEN: 'not-the-token' }, /refused BIGCOMMERCE_ACCESS_TOKEN \(HTTP 401\)/],
  ])('stops, naming the cause: %s', async (_case, overrides, message) => {
    const { code, output } = await startExpectingExit(env(overrides));
    expect(code).toBe(1);
    expect(output).toMatch(message);
    expect(output).not.toContain('not-the-token');
  }, 30_000);

  it('stops, naming the cause: a token without the Customers scope', async () => {
    await sandbox.setFaults([{ route: 'GET /v3/customers', status: 403, times: 1 }]);
    const { code, output } = await startExpectingExit(env({}));
    expect(code).toBe(1);
    expect(output).toMatch(/BIGCOMMERCE_ACCESS_TOKEN lacks a scope the gateway needs \(HTTP 403/);
  }, 30_000);
});

describe('sandbox mode with SANDBOX_PORT taken', () => {
  let blocker: Server;
  let port = 0;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(() => blocker.close());

  it('stops and names SANDBOX_PORT instead of moving the sandbox elsewhere', async () => {
    const { code, output } = await startExpectingExit({ PORT: '0', SANDBOX_PORT: String(port), NODE_ENV: 'development' });
    expect(code).toBe(1);
    expect(output).toContain(`port ${port} on 127.0.0.1 for the embedded sandbox is already in use. Set SANDBOX_PORT`);
  }, 30_000);
});

describe('GraphiQL off, as in production by default', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { GRAPHIQL: 'false' } });
  });
  afterAll(async () => gw.close());

  it('answers a browser asking for GraphiQL with a page saying it is off and which setting turns it on', async () => {
    const response = await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('GraphiQL is off');
    expect(page).toContain('GRAPHIQL=true');
    expect(page).not.toContain('passwordPolicy');
  });

  it('logs an unknown channelId as a refused input, at info, without a stack', async () => {
    const result = await gw.graphql('mutation { requestPasswordReset(input: { email: "jane@example.com", channelId: 99 }) { accepted } }');
    expect(result.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const lines = gw.logs.filter((line) => line.includes('"path":"requestPasswordReset"'));
    expect(lines.length).toBe(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ level: 'info', code: 'BAD_USER_INPUT', msg: 'request refused with an expected error' });
    expect(lines[0]).not.toContain('stack');
  });
});
