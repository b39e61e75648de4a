/**
 * The example Next.js storefront (examples/storefront) in Chromium, wired to a real gateway and the sandbox through
 * the typed client: forgot password → BigCommerce's mail → the storefront's reset page → new password → sign in
 * with a code; passwordless sign-in by magic link (Continue, in the browser that asked); SSO through loginWithJwt;
 * each ending in Auth.js `signIn('jwt')`, as Catalyst signs in.
 */
import { randomUUID } from 'node:crypto';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import jwt from 'jsonwebtoken';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { auditSecret } from '../support/log-audit.js';
import { browserAvailable, exampleStorefrontBuilt } from '../support/requirements.js';
import { SandboxHarness } from '../support/sandbox.js';

const run = browserAvailable() && exampleStorefrontBuilt();
const EXAMPLE = fileURLToPath(new URL('../../examples/storefront', import.meta.url));
const SSO = { issuer: 'https://idp.example.test', audience: 'example-storefront', secret: 'example-sso-secret-of-32-bytes-or-more!' };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe.runIf(run)('example storefront (Next.js, Chromium)', () => {
  let gw: TestGateway;
  let sandbox: SandboxHarness;
  let storefront: ChildProcess;
  let shop = '';
  let browser: Browser;
  let output = '';

  beforeAll(async () => {
    const port = await freePort();
    shop = `http://127.0.0.1:${port}`;
    gw = await startTestGateway({
      // BigCommerce's reset mail links to the storefront's site; the magic link lands on the storefront too.
      sandbox: { siteUrl: shop },
      env: {
        TRUSTED_PROXIES: '127.0.0.1',
        SIGN_IN_LINK_URL: `${shop}/sign-in-link`,
        SIGN_IN_RESEND_COOLDOWN: '0',
        SSO_ISSUER: SSO.issuer,
        SSO_AUDIENCE: SSO.audience,
        SSO_HS256_SECRET: SSO.secret,
      },
    });
    sandbox = SandboxHarness.connect(gw.sandboxUrl);
    const token = await sandbox.mintToken();
    storefront = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: EXAMPLE,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        GATEWAY_URL: `${gw.url}/graphql`,
        BIGCOMMERCE_STOREFRONT_URL: gw.sandboxUrl,
        BIGCOMMERCE_STOREFRONT_TOKEN: token,
        AUTH_SECRET: 'example-storefront-auth-secret-for-tests-only',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    storefront.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    storefront.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(async () => ((await fetch(shop).catch(() => null))?.ok ? true : undefined), 30_000).catch(() => {
      throw new Error(`the storefront did not start:\n${output}`);
    });
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    storefront?.kill('SIGTERM');
    await gw?.close();
  });

  async function signInMail(to: string, after: number) {
    return eventually(async () => {
      const mails = gw.mail() as Array<{ to: string; subject: string; text: string; links: string[] }>;
      const mine = mails.filter((m) => m.to === to && m.subject.includes('sign-in code'));
      return mine.length > after ? mine[0] : undefined;
    });
  }

  async function signInMailCount(to: string): Promise<number> {
    const mails = gw.mail() as Array<{ to: string; subject: string }>;
    return mails.filter((m) => m.to === to && m.subject.includes('sign-in code')).length;
  }

  async function askForCode(page: Page, email: string) {
    const before = await signInMailCount(email);
    await page.goto(`${shop}/sign-in`);
    await page.fill('#email', email);
    await page.click('button[type="submit"]');
    await page.locator('#code').waitFor();
    const mail = await signInMail(email, before);
    const code = /is: (\d{6})/.exec(mail.text)?.[1] ?? '';
    const link = mail.links.find((l) => l.startsWith(`${shop}/sign-in-link?token=`)) ?? '';
    auditSecret(code);
    auditSecret(link.split('token=')[1] ?? '');
    return { code, link };
  }

  it('forgot password → mail → the storefront reset page → new password → sign in with a code', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${shop}/forgot-password`);
    await page.fill('#email', 'john@example.com');
    await page.click('button[type="submit"]');
    await page.locator('#sent').waitFor();

    const mail = await eventually(async () => (await sandbox.mail('john@example.com'))[0]);
    const link = mail.links.find((l) => l.startsWith(`${shop}/password-reset?`)) ?? '';
    expect(link).not.toBe('');
    auditSecret(new URL(link).searchParams.get('t') ?? '');
    await page.goto(link);
    await page.fill('#password', 'Example-Passw0rd-1');
    await page.fill('#confirmation', 'Example-Passw0rd-1');
    await page.click('button[type="submit"]');
    await page.waitForURL(`${shop}/sign-in?reset=1`);
    auditSecret('Example-Passw0rd-1');
    expect(await sandbox.canLogin('john@example.com', 'Example-Passw0rd-1')).toBe(true);

    const { code } = await askForCode(page, 'john@example.com');
    await page.fill('#code', code);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${shop}/account`);
    expect(await page.locator('#signed-in').innerText()).toBe('Signed in as John Smith (john@example.com).');
    await context.close();
  }, 60_000);

  it('passwordless by magic link: Continue signs in where it was asked for; another browser is told to use the code', async () => {
    const asking = await browser.newContext();
    const page = await asking.newPage();
    const { link } = await askForCode(page, 'jane@example.com');

    const other = await browser.newContext();
    const elsewhere = await other.newPage();
    await elsewhere.goto(link);
    expect(await elsewhere.locator('#link-state').innerText()).toContain('opened in another browser');
    await other.close();

    await page.goto(link);
    await page.click('#continue');
    await page.waitForURL(`${shop}/account`);
    expect(await page.locator('#signed-in').innerText()).toBe('Signed in as Jane Doe (jane@example.com).');
    await asking.close();
  }, 60_000);

  it('SSO: an assertion from the identity provider is handed over to signIn(jwt)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const assertion = jwt.sign({ iss: SSO.issuer, aud: SSO.audience, jti: randomUUID(), iat: now, exp: now + 120, email: 'jane@example.com' }, SSO.secret);
    auditSecret(assertion);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${shop}/sso?assertion=${assertion}`);
    await page.waitForURL(`${shop}/account`);
    expect(await page.locator('#signed-in').innerText()).toContain('Jane Doe');
    await context.close();
  }, 60_000);
});
