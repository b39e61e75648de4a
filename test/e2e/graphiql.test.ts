/**
 * GraphiQL works with no network beyond the gateway: every request that is not to loopback is blocked, and a
 * mutation still runs from the editor (the default GraphiQL would load its code from a CDN and stay blank).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { browserAvailable } from '../support/requirements.js';

const run = browserAvailable();

describe.runIf(run)('GraphiQL offline (Chromium)', () => {
  let gw: TestGateway;
  let browser: Browser;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { GRAPHIQL: 'true' } });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  it('loads from the gateway alone and runs a mutation', async () => {
    const page = await browser.newPage();
    const blocked: string[] = [];
    await page.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      if (hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
      blocked.push(route.request().url());
      return route.abort();
    });
    const query = 'mutation Request { requestPasswordReset(input: { email: "jane@example.com" }) { accepted } }';
    await page.goto(`${gw.url}/graphql?query=${encodeURIComponent(query)}`);
    await page.locator('.graphiql-execute-button').click({ timeout: 15_000 });
    await expect.poll(() => page.locator('.result-window').innerText(), { timeout: 15_000 }).toMatch(/"accepted":\s*true/);
    expect(blocked).toEqual([]);
    await page.close();
  }, 40_000);
});
