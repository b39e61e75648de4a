/**
 * Passwordless sign-in in a real browser: ask on the gateway's page, open the magic link in the same browser and
 * press Continue, and arrive signed in on the storefront (the sandbox's site, through BigCommerce's
 * `/login/token/{jwt}`). A mail scanner's GET consumes nothing; the link in a fresh browser does not sign in and
 * offers the code form instead, where the code works.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { auditSecret } from '../support/log-audit.js';
import { browserAvailable } from '../support/requirements.js';

const run = browserAvailable();

describe.runIf(run)('sign-in page (Chromium)', () => {
  let gw: TestGateway;
  let browser: Browser;

  beforeAll(async () => {
    gw = await startTestGateway({ env: { SIGN_IN_RESEND_COOLDOWN: '0' } });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  async function latestSignInMail(to: string, after: number) {
    return eventually(async () => {
      const mails = gw.mail() as Array<{ to: string; subject: string; text: string; links: string[]; source: string }>;
      const mine = mails.filter((m) => m.source === 'gateway' && m.to === to && m.subject.includes('sign-in code'));
      return mine.length > after ? mine[0] : undefined;
    });
  }

  async function signInMailCount(to: string): Promise<number> {
    const mails = gw.mail() as Array<{ to: string; subject: string; source: string }>;
    return mails.filter((m) => m.source === 'gateway' && m.to === to && m.subject.includes('sign-in code')).length;
  }

  /** Ask for a code on the gateway's page in this browser context; the mail's link and code. */
  async function ask(context: BrowserContext, email: string) {
    const before = await signInMailCount(email);
    const page = await context.newPage();
    await page.goto(`${gw.url}/sign-in`);
    await page.fill('#email', email);
    await page.click('#ask button[type="submit"]');
    await expect.poll(() => page.locator('#enter').isVisible()).toBe(true);
    const mail = await latestSignInMail(email, before);
    const link = mail.links.find((l) => l.includes('/sign-in-link?token=')) ?? '';
    const code = /is: (\d{6})/.exec(mail.text)?.[1] ?? '';
    auditSecret(link.split('token=')[1] ?? '');
    auditSecret(code);
    return { page, link, code };
  }

  it('the link signs in after Continue in the browser that asked; a GET alone (a mail scanner) consumes nothing', async () => {
    const context = await browser.newContext();
    const { page, link } = await ask(context, 'jane@example.com');
    // A mail scanner fetches the link: nothing is consumed.
    for (let i = 0; i < 2; i++) expect((await fetch(link)).status).toBe(200);

    await page.goto(link);
    await expect.poll(() => page.locator('#continue').isVisible()).toBe(true);
    expect(page.url()).toBe(`${gw.url}/sign-in-link`); // the token left the address bar
    await page.click('#continue');
    await page.waitForURL(`${gw.sandboxUrl}/account.php`);
    expect(await page.locator('main p').innerText()).toBe('Signed in as Jane Doe (jane@example.com).');
    await context.close();
  });

  it('the same link in a fresh browser does not sign in: it says so and offers the code form, where the code works', async () => {
    const asking = await browser.newContext();
    const { link, code } = await ask(asking, 'john@example.com');

    const other = await browser.newContext();
    const page = await other.newPage();
    await page.goto(link);
    await expect.poll(() => page.locator('#enter').isVisible()).toBe(true);
    expect(await page.locator('#continue').isVisible()).toBe(false);
    expect(await page.locator('#enter-intro').innerText()).toContain('opened in another browser');
    await page.fill('#other-email', 'john@example.com');
    await page.fill('#code', code);
    await page.click('#enter button[type="submit"]');
    await page.waitForURL(`${gw.sandboxUrl}/account.php`);
    expect(await page.locator('main p').innerText()).toContain('Signed in as John Smith');
    await asking.close();
    await other.close();
  });

  it('the code typed on the page where it was asked for signs in', async () => {
    const context = await browser.newContext();
    const { page, code } = await ask(context, 'jane@example.com');
    await page.fill('#code', code);
    await page.click('#enter button[type="submit"]');
    await page.waitForURL(`${gw.sandboxUrl}/account.php`);
    expect(await page.locator('main p').innerText()).toContain('Signed in as Jane Doe');
    await context.close();
  });
});
