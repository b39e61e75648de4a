/**
 * The gateway's own pages, every state, in Chromium: each state is reached as a customer would reach it, saved as
 * a screenshot (test-results/screenshots/), and checked with axe-core in light and dark mode (no serious or critical
 * violation, contrast included). The reset page never shows a form that cannot work, reports each failure once and
 * leads on to signing in; the sign-in page covers asking, the code, the link in the asking browser and elsewhere;
 * dev mail wraps long links.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { checkPage as check } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { auditSecret } from '../support/log-audit.js';
import { browserAvailable } from '../support/requirements.js';

const run = browserAvailable();
describe.runIf(run)('the gateway pages (Chromium, axe-core)', () => {
  let gw: TestGateway;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  // axe is injected as a script, which the pages' strict CSP would (rightly) refuse.
  const context = async () => {
    const created = await browser.newContext({ bypassCSP: true });
    contexts.push(created);
    return created;
  };

  beforeAll(async () => {
    gw = await startTestGateway({
      env: { RESET_STRATEGY: 'ott', RESET_TOKEN_SECRET: 'pages-test-secret-pages-test-secret-0123', SIGN_IN_RESEND_COOLDOWN: '0' },
    });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await gw?.close();
  });

  async function gatewayMail(to: string, subject: string, after: number) {
    return eventually(async () => {
      const mails = gw.mail() as Array<{ to: string; subject: string; text: string; links: string[]; source: string }>;
      const mine = mails.filter((m) => m.source === 'gateway' && m.to === to && m.subject.includes(subject));
      return mine.length > after ? mine[0] : undefined;
    });
  }
  async function mailCount(to: string, subject: string) {
    const mails = gw.mail() as Array<{ to: string; subject: string; source: string }>;
    return mails.filter((m) => m.source === 'gateway' && m.to === to && m.subject.includes(subject)).length;
  }
  async function resetLink(email: string): Promise<string> {
    const before = await mailCount(email, 'Reset your');
    await gw.graphql('mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { accepted } }', { email });
    const link = (await gatewayMail(email, 'Reset your', before)).links.find((l) => l.includes('/password-reset?token=')) ?? '';
    auditSecret(link.split('token=')[1] ?? '');
    return link;
  }

  it('reset page: opened without a link, it offers a new link instead of a form', async () => {
    const page = await (await context()).newPage();
    await page.goto(`${gw.url}/reset-password`);
    await page.locator('#request').waitFor();
    expect(await page.locator('#reset').isVisible()).toBe(false);
    expect(await page.locator('#request-why').innerText()).toContain('invalid or has expired');
    await check(page, 'reset-no-link');
    await page.fill('#request-email', 'jane@example.com');
    await page.click('#request button');
    await expect.poll(() => page.locator('#requested').innerText()).toContain('a password reset link is on its way');
    await check(page, 'reset-new-link-requested');
  });

  it('reset page: every rule shown before submit, each failure once, then success leads on to signing in', async () => {
    const page = await (await context()).newPage();
    const link = await resetLink('john@example.com');
    await page.goto(link);
    await page.locator('#reset').waitFor();
    const rules = await page.locator('#rules li').allInnerTexts();
    expect(rules.join('\n')).toContain('Not containing your email address');
    expect(rules.join('\n')).toContain('Not one of the commonly used passwords');
    // State is not colour alone: a hidden text says it to screen readers, and the marker differs.
    await page.fill('#username', 'john@example.com');
    await page.fill('#password', 'john-Secret-99');
    await page.fill('#confirmation', 'john-Secret-99');
    expect(await page.locator('#rules li[data-ok="false"]').allInnerTexts()).toEqual([expect.stringContaining('Not containing your email address')]);
    expect(await page.locator('#rules li[data-ok="false"] .visually-hidden').innerText()).toBe('(not met yet)');
    await check(page, 'reset-form');

    // A common password passes every live check; the server refuses it, and the page says so once.
    await page.fill('#password', 'Password123');
    await page.fill('#confirmation', 'Password123');
    await page.click('#reset button[type="submit"]');
    await page.locator('#error').waitFor();
    const error = await page.locator('#error').innerText();
    expect(error.match(/too common/g)).toHaveLength(1);
    await check(page, 'reset-policy-error');

    await page.fill('#password', 'Pages-Passw0rd-1');
    await page.fill('#confirmation', 'Pages-Passw0rd-1');
    auditSecret('Pages-Passw0rd-1');
    await page.click('#reset button[type="submit"]');
    await page.locator('#done').waitFor();
    expect(await page.locator('#sign-in').getAttribute('href')).toBe(gw.config.http.signInUrl);
    await check(page, 'reset-done');

    // The same link from the mail again: used, so a new one is offered in place.
    await page.goto(link);
    await page.locator('#request').waitFor();
    expect(await page.locator('#request-why').innerText()).toBe('This password reset link has already been used.');
    await check(page, 'reset-used');
  });

  it('sign-in page: ask, enter the code (a wrong one first), and the link in the asking browser or another', async () => {
    const asking = await context();
    const page = await asking.newPage();
    await page.goto(`${gw.url}/sign-in`);
    await page.locator('#ask').waitFor();
    await check(page, 'sign-in-ask');
    const before = await mailCount('jane@example.com', 'sign-in code');
    await page.fill('#email', 'jane@example.com');
    await page.click('#ask button[type="submit"]');
    await page.locator('#enter').waitFor();
    await check(page, 'sign-in-code');
    const mail = await gatewayMail('jane@example.com', 'sign-in code', before);
    const code = /is: (\d{6})/.exec(mail.text)?.[1] ?? '';
    const link = mail.links.find((l) => l.includes('/sign-in-link?token=')) ?? '';
    auditSecret(code);
    auditSecret(link.split('token=')[1] ?? '');
    await page.fill('#code', code === '000000' ? '111111' : '000000');
    await page.click('#enter button[type="submit"]');
    await page.locator('#error').waitFor();
    expect(await page.locator('#error').innerText()).toContain('invalid or has expired');
    await check(page, 'sign-in-wrong-code');

    const elsewhere = await (await context()).newPage();
    await elsewhere.goto(link);
    await elsewhere.locator('#enter').waitFor();
    expect(await elsewhere.locator('#enter-intro').innerText()).toContain('opened in another browser');
    await check(elsewhere, 'sign-in-link-other-browser');

    const same = await asking.newPage();
    await same.goto(link);
    await same.locator('#continue').waitFor();
    await check(same, 'sign-in-link-continue');

    const invalid = await (await context()).newPage();
    await invalid.goto(`${gw.url}/sign-in-link?token=forged`);
    await invalid.locator('#enter').waitFor();
    expect(await invalid.locator('#enter-intro').innerText()).toContain('invalid or has expired');
    await check(invalid, 'sign-in-link-invalid');
  });

  it('dev mail: long links wrap instead of pushing the page sideways', async () => {
    // Dev mail exists only in sandbox mode: a gateway as `npm start` runs it.
    const sandboxGateway = await startTestGateway({ mode: 'sandbox', env: { RESET_STRATEGY: 'ott' } });
    onTestFinished(() => sandboxGateway.close());
    await sandboxGateway.graphql('mutation { requestPasswordReset(input: { email: "jane@example.com" }) { accepted } }');
    await eventually(async () => (sandboxGateway.mail().length > 0 ? true : undefined));
    const page = await (await context()).newPage();
    await page.setViewportSize({ width: 400, height: 800 });
    await page.goto(`${sandboxGateway.url}/dev/mail`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await check(page, 'dev-mail');
  });
});
