import { describe, expect, it } from 'vitest';
import { sharedUpstreamBudget } from '../../../src/bigcommerce/budget.js';
import { UpstreamError } from '../../../src/bigcommerce/errors.js';
import { MemoryStore } from '../../../src/store/memory.js';

describe('shared upstream budget', () => {
  it('lets calls through up to the budget, then makes the next wait for the window', async () => {
    const store = new MemoryStore();
    const budget = sharedUpstreamBudget(store.rateLimiter('budget-wait', { points: 2, durationSeconds: 1 }), 2000);
    await budget.acquire('management', 'GET /customers');
    await budget.acquire('management', 'GET /customers');
    const started = Date.now();
    await budget.acquire('storefront', 'resetPassword');
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    await store.close();
  });

  it('fails as a retryable rate limit when the wait would be too long', async () => {
    const store = new MemoryStore();
    const budget = sharedUpstreamBudget(store.rateLimiter('budget-fail', { points: 1, durationSeconds: 30 }), 100);
    await budget.acquire('management', 'GET /customers');
    const error = await budget.acquire('management', 'PUT /customers').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ failure: 'rate_limited', retryable: true });
    expect((error as UpstreamError).details.retryAfterMs).toBeGreaterThan(25_000);
    await store.close();
  });
});
