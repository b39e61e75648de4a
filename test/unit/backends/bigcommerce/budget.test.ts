import { describe, expect, it } from 'vitest';
import { sharedUpstreamBudget, type UpstreamBudgetOptions } from '../../../../src/upstream/budget.js';
import { UpstreamError } from '../../../../src/upstream/errors.js';
import { MemoryStore } from '../../../../src/store/memory.js';

function budget(points: { reserved: number; shared: number }, background: { value: boolean }, extra: Partial<UpstreamBudgetOptions> = {}) {
  const store = new MemoryStore();
  const name = Math.random().toString(36);
  return {
    store,
    budget: sharedUpstreamBudget({
      reserved: store.rateLimiter(`${name}-reserved`, { points: points.reserved, durationSeconds: 1 }),
      shared: store.rateLimiter(`${name}-shared`, { points: points.shared, durationSeconds: 1 }),
      reserveShare: 0.25,
      isBackground: () => background.value,
      ...extra,
    }),
  };
}

/** Response headers as the Management client reads them. */
const headers = (values: Record<string, string>) => (name: string) => values[name];
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

describe('shared upstream budget', () => {
  it('lets interactive calls through up to the whole budget, then makes the next wait for the window', async () => {
    const { store, budget: b } = budget({ reserved: 1, shared: 1 }, { value: false });
    await b.acquire('management', 'GET /customers');
    await b.acquire('management', 'GET /customers');
    const started = Date.now();
    await b.acquire('storefront', 'resetPassword');
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    await store.close();
  });

  it('never lets background work spend the interactive reserve, and refuses it at once with the wait as retryAfterMs', async () => {
    const background = { value: true };
    const { store, budget: b } = budget({ reserved: 2, shared: 2 }, background);
    await b.acquire('management', 'GET /customers');
    await b.acquire('management', 'GET /customers');
    const started = Date.now();
    const error = await refusal(b.acquire('management', 'GET /customers'));
    expect(Date.now() - started).toBeLessThan(100);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ failure: 'rate_limited', retryable: true });
    expect((error as UpstreamError).details.retryAfterMs).toBeGreaterThan(0);
    // The shopper finishing a reset still gets through: the reserve was kept.
    background.value = false;
    await b.acquire('management', 'PUT /customers');
    await b.acquire('management', 'PUT /customers');
    await store.close();
  });

  it("slows background work when BigCommerce's remaining quota reaches the reserve, before any 429", async () => {
    const background = { value: true };
    const { store, budget: b } = budget({ reserved: 100, shared: 100 }, background);
    b.observe(headers({ 'x-rate-limit-requests-left': '30', 'x-rate-limit-requests-quota': '150', 'x-rate-limit-time-reset-ms': '12000' }));
    const error = await refusal(b.acquire('management', 'GET /customers'));
    expect(error).toMatchObject({ failure: 'rate_limited' });
    expect((error as UpstreamError).details.retryAfterMs).toBeGreaterThan(11_000);
    background.value = false;
    await b.acquire('management', 'PUT /customers');
    // Above the reserve, background work goes ahead.
    background.value = true;
    b.observe(headers({ 'x-rate-limit-requests-left': '120', 'x-rate-limit-requests-quota': '150', 'x-rate-limit-time-reset-ms': '12000' }));
    await b.acquire('management', 'GET /customers');
    await store.close();
  });

  it('makes an interactive call wait no longer than its limit', async () => {
    const { store, budget: b } = budget({ reserved: 1, shared: 1 }, { value: false }, { maxInteractiveWaitMs: 100 });
    await b.acquire('management', 'GET /customers');
    await b.acquire('management', 'GET /customers');
    expect(await refusal(b.acquire('management', 'GET /customers'))).toMatchObject({ failure: 'rate_limited' });
    await store.close();
  });
});
