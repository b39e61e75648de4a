/**
 * The resend cooldown as a person meets it on the gateway's /sign-in page (issue 16): asking twice within it, the page
 * shows the countdown, the second request sends nothing and spends nothing; after it, "Send a new code" works, within
 * a per-email budget of 2 (so the swallowed request would have used up the budget had it counted).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { browserAvailable } from '../support/requirements.js';

describe.runIf(browserAvailable())('sign-in page: the resend cooldown (Chromium)', () => {
  let gw: TestGateway;
  let browser: Browser;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: { SIGN_IN_RESEND_COOLDOWN: '4', RATE_LIMIT_SIGN_IN_REQUEST_PER_EMAIL: '2/3600' },
    });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  const codeMails = () => gw.mail().filter((m) => m.to === 'john@example.com' && m.subject.includes('sign-in code')).length;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

  it('counts down, swallows a second request without spending the budget, then sends a new code', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${gw.url}/sign-in`);
    await page.fill('#email', 'john@example.com');
    await page.click('#ask button[type="submit"]');
    await expect.poll(codeMails).toBe(1);
    await expect.poll(() => page.locator('#resend-wait').innerText()).toMatch(/You can ask for a new code in \d s\./);
    expect(await page.locator('#resend').isDisabled()).toBe(true);

    // "Use another address", then the same one again, within the cooldown: the countdown goes on, no mail comes.
    await page.click('#other-address');
    await page.fill('#email', 'john@example.com');
    await page.click('#ask button[type="submit"]');
    await expect.poll(() => page.locator('#enter').isVisible()).toBe(true);
    expect(await page.locator('#resend-wait').innerText()).toMatch(/in [1-4] s\./);
    await settle();
    expect(codeMails()).toBe(1);

    // After the cooldown: "Send a new code" is on and works (the budget of 2 was not spent by the swallowed one).
    await expect.poll(() => page.locator('#resend').isEnabled(), { timeout: 6000 }).toBe(true);
    await page.click('#resend');
    await expect.poll(codeMails).toBe(2);

    // Back on the page later, it knows it asked: straight to the code, with the countdown.
    await page.goto(`${gw.url}/sign-in`);
    expect(await page.locator('#enter').isVisible()).toBe(true);
    expect(await page.locator('#sent-to').innerText()).toBe('john@example.com');
  });
});
