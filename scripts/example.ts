/**
 * `npm run example`: the gateway (sandbox mode, with its embedded BigCommerce sandbox) and the example Next.js
 * storefront (examples/storefront), wired together the way a real deployment is:
 * - the sandbox store's site is the storefront, so BigCommerce's reset mail links to the storefront's reset page;
 * - the magic link lands on the storefront (`SIGN_IN_LINK_URL`), and the storefront's server is a trusted proxy;
 * - the storefront gets a private Storefront API token minted from the sandbox.
 * Builds what is missing first (the gateway package, the storefront's dependencies and build). Everything binds
 * loopback. Ports: PORT (gateway, 4000), SANDBOX_PORT (4010), STOREFRONT_PORT (3000).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SANDBOX_UPSTREAM } from '../src/config.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../examples/storefront', import.meta.url));
const gatewayPort = Number(process.env.PORT ?? 4000);
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 4010);
const storefrontPort = Number(process.env.STOREFRONT_PORT ?? 3000);
const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
const shop = `http://127.0.0.1:${storefrontPort}`;

function step(what: string, command: string, args: string[], cwd: string): void {
  console.log(`example: ${what}…`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`example: ${what} failed (${command} ${args.join(' ')} in ${cwd})`);
    process.exit(1);
  }
}

if (!existsSync(`${ROOT}/dist/client/index.js`)) step('building the gateway package (the storefront imports its client)', 'npm', ['run', 'build'], ROOT);
if (!existsSync(`${EXAMPLE}/node_modules/next`)) step("installing the storefront's dependencies", 'npm', ['ci', '--no-audit', '--no-fund'], EXAMPLE);
if (!existsSync(`${EXAMPLE}/.next/BUILD_ID`)) step('building the storefront', 'npm', ['run', 'build'], EXAMPLE);

const children: ChildProcess[] = [];
function run(name: string, command: string, args: string[], cwd: string, env: Record<string, string>): ChildProcess {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code) => {
    if (stopping) return;
    console.error(`example: the ${name} stopped (exit ${code}); stopping the rest`);
    stop(1);
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 1500).unref();
}
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());

async function until(url: string, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if ((await fetch(url).catch(() => null))?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.error(`example: ${what} did not come up at ${url}`);
  stop(1);
}

run('gateway', process.execPath, ['--import', 'tsx', 'src/main.ts'], ROOT, {
  PORT: String(gatewayPort),
  SANDBOX_PORT: String(sandboxPort),
  PUBLIC_URL: gatewayUrl,
  SANDBOX_SITE_URL: shop,
  SIGN_IN_LINK_URL: `${shop}/sign-in-link`,
  SIGN_IN_URL: `${shop}/sign-in`,
  NATIVE_RESET_PATH: '/password-reset',
  TRUSTED_PROXIES: '127.0.0.1',
});
await until(`${gatewayUrl}/ready`, 'the gateway');

// A private Storefront API token for the storefront's own BigCommerce call (Auth.js exchanging the JWT).
const store = `${sandboxUrl}/stores/${SANDBOX_UPSTREAM.storeHash}`;
const auth = { 'x-auth-token': SANDBOX_UPSTREAM.accessToken, 'content-type': 'application/json' };
const { time } = (await (await fetch(`${store}/v2/time`, { headers: auth })).json()) as { time: number };
const minted = await fetch(`${store}/v3/storefront/api-token-private`, {
  method: 'POST',
  headers: auth,
  body: JSON.stringify({ channel_ids: [1], expires_at: time + 7 * 24 * 3600, scopes: ['Unauthenticated', 'Customer'] }),
});
const { data } = (await minted.json()) as { data: { token: string } };

run('storefront', 'npm', ['start', '--', '-p', String(storefrontPort)], EXAMPLE, {
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  HOST: '127.0.0.1',
  GATEWAY_URL: `${gatewayUrl}/graphql`,
  BIGCOMMERCE_STOREFRONT_URL: sandboxUrl,
  BIGCOMMERCE_STOREFRONT_TOKEN: data.token,
  AUTH_SECRET: randomBytes(32).toString('base64url'),
});
await until(shop, 'the storefront');

console.log(`
  headless-auth-gateway  ·  EXAMPLE (gateway + sandbox + storefront, all on loopback)

  Storefront      ${shop}              (forgot password, sign in with a code or link, SSO)
  Gateway         ${gatewayUrl}/graphql   (GraphiQL)
  Dev mail        ${gatewayUrl}/dev/mail   (the gateway's and BigCommerce's mail, with clickable links)
  Sandbox         ${sandboxUrl}            (BigCommerce's APIs)

  Demo customers  jane@example.com / Password123   john@example.com / Password123
  Ctrl-C stops everything.
`);
