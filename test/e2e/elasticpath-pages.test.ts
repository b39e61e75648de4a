/**
 * The pages on Elastic Path in a real browser, checked with axe: the reset page from the gateway's mail (a token of
 * ours, EP's code never in a URL) to a password EP accepts, and the sign-in page, which on EP says where sign-in
 * finishes rather than handing EP's account tokens to a page script.
 * (axe is injected past the pages' strict CSP, as in pages.test.ts.)
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { ElasticPathEmulator } from '../support/elasticpath.js';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { browserAvailable } from '../support/requirements.js';

const run = browserAvailable();

describe.runIf(run)('Elastic Path pages (Chromium)', () => {
  let gw: TestGateway;
  let ep: ElasticPathEmulator;
  let browser: Browser;

  beforeAll(async () => {
    gw = await startTestGateway({ backend: 'elasticpath' });
    ep = ElasticPathEmulator.connect(gw.sandboxUrl);
    await ep.reset();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  it('reset: from the mailed link to a new password EP accepts, the old one refused', async () => {
    await gw.graphql('mutation { requestPasswordReset(input: { email: "john@example.com" }) { accepted } }');
    const mail = await eventually(async () => gw.mail().find((m) => m.to === 'john@example.com' && /^Reset/.test(m.subject)), 10_000);
    const link = mail.links.find((l) => l.includes('/password-reset?token=')) ?? '';
    const codes = await ep.codes();
    // EP's code is sealed in our record: neither the link nor the mail carries it.
    expect(codes).toHaveLength(1);
    expect(link).not.toContain(codes[0]!.code);
    expect(mail.text).not.toContain(codes[0]!.code);

    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(link);
    expect(page.url()).toBe(`${gw.url}/reset-password`);
    await expect.poll(() => page.locator('#rules li').count()).toBeGreaterThan(0);
    expect(await page.locator('#account').innerText()).toContain('j•••@example.com');
    await checkPage(page, 'elasticpath-reset-form');
    await page.fill('#password', 'Browser-EP-Passw0rd');
    await page.fill('#confirmation', 'Browser-EP-Passw0rd');
    await page.click('button[type="submit"]');
    await expect.poll(() => page.locator('#done').isVisible()).toBe(true);
    await checkPage(page, 'elasticpath-reset-done');
    expect(requests.every((url) => url.startsWith(gw.url))).toBe(true);
    await page.close();
    expect(await ep.passwordWorks('john@example.com', 'Browser-EP-Passw0rd')).toBe(true);
    expect(await ep.passwordWorks('john@example.com', 'Password123')).toBe(false);
  });

  for (const path of ['/sign-in', '/sign-in-link?token=x.y.z']) {
    it(`sign-in (${path}): says sign-in finishes in the storefront, runs no script and asks nothing`, async () => {
      const page = await (await browser.newContext({ bypassCSP: true })).newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(`${gw.url}${path}`);
      await expect.poll(() => page.locator('h1').innerText()).toBe('Sign in');
      expect(await page.locator('[role="status"]').innerText()).toContain('finishes in the storefront');
      expect(await page.locator('form, input, button').count()).toBe(0);
      await checkPage(page, `elasticpath-sign-in${path.includes('link') ? '-link' : ''}`);
      expect(requests.filter((url) => url.includes('/graphql'))).toEqual([]);
      await page.close();
    });
  }
});
