/**
 * The example started the documented way (`npm run example`, issue 16), walked in Chromium as a shopper would:
 * forgot password on the storefront → BigCommerce's mail (the sandbox's) links to the storefront's reset page → a
 * weak password shows each broken rule once, the fields keep what was typed → a good one → signed in with a code →
 * signed out. Every storefront page is checked with axe-core (light and dark). Also: the storefront refuses to start
 * without its settings, naming each, and a spoofed X-Forwarded-For never reaches the gateway as the shopper's IP.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { eventually } from '../support/gateway.js';
import { auditLogLine, auditSecret } from '../support/log-audit.js';
import { browserAvailable, exampleStorefrontBuilt } from '../support/requirements.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../examples/storefront', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe.runIf(browserAvailable() && exampleStorefrontBuilt())('npm run example (Chromium, axe-core)', () => {
  let example: ChildProcess;
  let output = '';
  let browser: Browser;
  let shop = '';
  let gateway = '';
  let sandbox = '';

  beforeAll(async () => {
    const [gatewayPort, sandboxPort, storefrontPort] = await Promise.all([freePort(), freePort(), freePort()]);
    [gateway, sandbox, shop] = [gatewayPort, sandboxPort, storefrontPort].map((port) => `http://127.0.0.1:${port}`) as [string, string, string];
    example = spawn('npm', ['run', 'example'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(gatewayPort), SANDBOX_PORT: String(sandboxPort), STOREFRONT_PORT: String(storefrontPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    example.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    example.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(async () => (output.includes('Ctrl-C stops everything') ? true : undefined), 90_000).catch(() => {
      throw new Error(`npm run example did not come up:\n${output}`);
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (example?.pid) process.kill(-example.pid, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const line of output.split('\n')) if (line.startsWith('{')) auditLogLine(line);
  });

  const newPage = async (): Promise<Page> => (await browser.newContext({ bypassCSP: true })).newPage();
  const sandboxMail = async (to: string) =>
    (await (await fetch(`${sandbox}/__sandbox/mail?to=${encodeURIComponent(to)}`)).json()) as Array<{ subject: string; links: string[] }>;
  const gatewayMail = async (to: string) =>
    ((await (await fetch(`${gateway}/dev/mail.json`)).json()) as Array<{ to: string; subject: string; text: string }>).filter(
      (mail) => mail.to === to && mail.subject.includes('sign-in code'),
    );

  it('forgot password → the mailed link opens the storefront → each rule once, fields kept → signed in → signed out', async () => {
    const page = await newPage();
    await page.goto(`${shop}/forgot-password`);
    await checkPage(page, 'example-forgot-password');
    const before = (await sandboxMail('jane@example.com')).length;
    await page.fill('#email', 'jane@example.com');
    await page.click('button[type="submit"]');
    await expect.poll(() => page.locator('#sent').isVisible()).toBe(true);

    const mails = await eventually(async () => {
      const list = await sandboxMail('jane@example.com');
      return list.length > before ? list : undefined;
    }, 15_000);
    const link = (mails[mails.length - 1]?.links ?? []).find((l) => l.includes('/password-reset?')) ?? '';
    auditSecret(new URL(link).searchParams.get('t') ?? '');
    expect(link.startsWith(`${shop}/password-reset?c=1&t=`)).toBe(true);

    await page.goto(link);
    // The token leaves the address bar once the page has it.
    await expect.poll(() => page.url()).toBe(`${shop}/password-reset`);
    await checkPage(page, 'example-password-reset');
    await page.fill('#password', 'password1');
    await page.fill('#confirmation', 'password1');
    await page.click('button[type="submit"]');
    const alert = page.locator('#error');
    await expect.poll(() => alert.isVisible()).toBe(true);
    const rules = await alert.locator('li').allInnerTexts();
    expect(rules.length).toBeGreaterThan(0);
    const text = await alert.innerText();
    for (const rule of rules) expect(text.split(rule).length - 1, rule).toBe(1);
    expect(await page.inputValue('#password')).toBe('password1');
    await checkPage(page, 'example-password-reset-refused');

    const good = 'Example-Storefront-Passw0rd-9';
    auditSecret(good);
    await page.fill('#password', good);
    await page.fill('#confirmation', good);
    await page.click('button[type="submit"]');
    await expect.poll(() => page.url()).toContain('/sign-in?reset=1');

    const asked = (await gatewayMail('jane@example.com')).length;
    await page.fill('#email', 'jane@example.com');
    await page.click('button[type="submit"]');
    const mail = await eventually(async () => {
      const list = await gatewayMail('jane@example.com');
      return list.length > asked ? list[0] : undefined;
    });
    const code = /is: (\d{6})/.exec(mail.text)?.[1] ?? '';
    auditSecret(code);
    await expect.poll(() => page.locator('#resend-wait').innerText()).toMatch(/new code in \d+ s/);
    await checkPage(page, 'example-sign-in-code');
    await page.fill('#code', code);
    await page.click('form:has(#code) button[type="submit"]');
    await expect.poll(() => page.url(), { timeout: 15_000 }).toBe(`${shop}/account`);
    expect(await page.locator('#signed-in').innerText()).toContain('jane@example.com');
    await checkPage(page, 'example-account');

    await page.click('#sign-out');
    await expect.poll(() => page.locator('a[href="/sign-in"]').isVisible()).toBe(true);
  }, 90_000);

  it('refuses to start without its settings, naming each', () => {
    const result = spawnSync('npm', ['start', '--', '-p', '0'], {
      cwd: EXAMPLE,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NEXT_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).not.toBe(0);
    for (const name of ['GATEWAY_URL', 'BIGCOMMERCE_STOREFRONT_URL', 'BIGCOMMERCE_STOREFRONT_TOKEN', 'AUTH_SECRET']) {
      expect(result.stderr).toContain(`${name} is required`);
    }
  });

  it('never hands the gateway a client-chosen X-Forwarded-For as the shopper’s IP', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '6.6.6.6' } });
    const page = await context.newPage();
    await page.goto(`${shop}/forgot-password`);
    await page.fill('#email', 'john@example.com');
    await page.click('button[type="submit"]');
    await expect.poll(() => page.locator('#sent').isVisible()).toBe(true);
    const audit = output.split('\n').filter((line) => line.includes('"event":"reset.requested"'));
    expect(audit.length).toBeGreaterThan(0);
    expect(output).not.toContain('6.6.6.6');
    await context.close();
  });
});
