/**
 * The reset page in a real browser: open the link from BigCommerce's mail, get handed off to the page (the
 * token leaves the URL), see the policy checked live, set the new password, and sign in with it upstream.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { launchChromium } from '../support/browser.js';
import { browserAvailable } from '../support/requirements.js';
import { SandboxHarness } from '../support/sandbox.js';

const run = browserAvailable();

describe.runIf(run)('reset page (Chromium)', () => {
  let gw: TestGateway;
  let browser: Browser;
  let sandbox: SandboxHarness;

  beforeAll(async () => {
    // The browser must see the same host as PUBLIC_URL: the cookie belongs to it.
    gw = await startTestGateway();
    sandbox = SandboxHarness.connect(gw.sandboxUrl);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  /** The customer's side: open the link, get handed off, fail the policy once, then set the password. */
  async function completeResetInBrowser(target: TestGateway, link: string, password: string, account?: string): Promise<void> {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(link);

    // Handed off: the page URL no longer carries the token, and no third-party request was made.
    expect(page.url()).toBe(`${target.url}/reset-password`);
    expect(requests.every((url) => url.startsWith(target.url))).toBe(true);

    await expect.poll(() => page.locator('#rules li').count()).toBeGreaterThan(2);
    // The account the link changes is named before anything changes (a planted link would name its planter's).
    if (account) expect(await page.locator('#account').innerText()).toContain(account);
    else expect(await page.locator('#account').isHidden()).toBe(true);
    await page.fill('#password', 'short');
    await page.fill('#confirmation', 'short');
    expect(await page.locator('#rules li[data-ok="false"]').count()).toBeGreaterThan(0);

    // Server-side policy errors come back as a list.
    await page.click('button[type="submit"]');
    await expect.poll(() => page.locator('#error').isVisible()).toBe(true);
    expect(await page.locator('#error').innerText()).toContain('at least 8 characters');

    await page.fill('#password', password);
    await page.fill('#confirmation', password);
    expect(await page.locator('#rules li[data-ok="false"]').count()).toBe(0);
    await page.click('button[type="submit"]');
    await expect.poll(() => page.locator('#done').isVisible()).toBe(true);

    // The handoff cookie was cleared with the success.
    expect((await page.context().cookies()).find((c) => c.name === '__Host-reset_handoff')).toBeUndefined();
    await page.close();
  }

  it('native: takes a customer from BigCommerce\'s mailed link to a working new password', async () => {
    await gw.graphql('mutation { requestPasswordReset(input: { email: "john@example.com" }) { accepted } }');
    const mail = await eventually(async () => (await sandbox.mail('john@example.com'))[0]);
    const link = mail.links.find((l) => l.includes('/password-reset?')) as string;
    await completeResetInBrowser(gw, link, 'Browser-Passw0rd-7');
    expect(await sandbox.canLogin('john@example.com', 'Browser-Passw0rd-7')).toBe(true);
  });

  it('ott: takes a customer from the gateway\'s mail (dev outbox) to a working new password', async () => {
    const ott = await startTestGateway({ env: { RESET_STRATEGY: 'ott', RESET_TOKEN_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e!' } });
    try {
      await ott.graphql('mutation { requestPasswordReset(input: { email: "jane@example.com" }) { accepted } }');
      const mail = await eventually(async () => {
        const list = ott.mail() as Array<{ source: string; to: string; links: string[] }>;
        return list.find((m) => m.source === 'gateway' && m.to === 'jane@example.com');
      });
      await completeResetInBrowser(ott, mail.links[0] as string, 'Browser-Ott-Passw0rd', 'j•••@example.com');
      expect(await SandboxHarness.connect(ott.sandboxUrl).canLogin('jane@example.com', 'Browser-Ott-Passw0rd')).toBe(true);
    } finally {
      await ott.close();
    }
  });
});
