/**
 * "A link is on its way" is a promise: under an ordinary burst, with BigCommerce slow and failing, and under a flood
 * of unknown addresses, every accepted request for a known customer ends in a mail. The shipped limits and upstream
 * budget apply (requests come from distinct shoppers behind a trusted proxy), so the budget delays work and never
 * drops it. Each scenario has its own sandbox, gateway and Redis prefix; they run side by side.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { createCustomers, mailedCount } from '../support/customers.js';
import { REDIS_URL, redisAvailable, uniqueRedisPrefix } from '../support/requirements.js';
import { SandboxHarness } from '../support/sandbox.js';

const REQUEST = 'mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { accepted } }';
const withRedis = await redisAvailable();
const started: TestGateway[] = [];
afterAll(async () => Promise.all(started.map((gw) => gw.close())));

async function gateway(): Promise<{ gw: TestGateway; sandbox: SandboxHarness }> {
  const gw = await startTestGateway({
    limits: 'default',
    env: { REDIS_URL, REDIS_KEY_PREFIX: uniqueRedisPrefix(), TRUSTED_PROXIES: '127.0.0.1', LOG_LEVEL: 'warn' },
  });
  started.push(gw);
  return { gw, sandbox: SandboxHarness.connect(gw.sandboxUrl) };
}

/** Every email asks once, all at once, each from its own client IP; all must be accepted. */
async function burst(gw: TestGateway, emails: string[]): Promise<void> {
  const answers = await Promise.all(
    emails.map((email, i) =>
      gw.graphql(REQUEST, { email }, { headers: { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` } }),
    ),
  );
  expect(answers.filter((a) => a.body.data?.requestPasswordReset).length).toBe(emails.length);
}

async function waitForMail(sandbox: SandboxHarness, emails: string[], timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let count = 0;
  while (Date.now() < deadline) {
    count = await mailedCount(sandbox, emails);
    if (count === emails.length) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return count;
}

const emailsFor = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `${tag}-${i}@example.com`);

describe.runIf(withRedis).concurrent('nothing accepted is lost', () => {
  it('200 distinct known customers at once, shipped limits: 200 of 200 mails', async () => {
    const { gw, sandbox } = await gateway();
    const emails = emailsFor('burst', 200);
    await createCustomers(sandbox, emails);
    await burst(gw, emails);
    expect(await waitForMail(sandbox, emails, 300_000)).toBe(200);
  }, 330_000);

  it('the same 200 while BigCommerce answers 429 bursts, 50 % 5xx and 3 s latency: 200 of 200 once the faults clear', async () => {
    const { gw, sandbox } = await gateway();
    const emails = emailsFor('faulty', 200);
    await createCustomers(sandbox, emails);
    await sandbox.setFaults([
      { route: 'graphql', burst429: 30 },
      { route: 'graphql', latencyMs: 3000, errorRate: 0.5, status: 503 },
    ]);
    await burst(gw, emails);
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    await sandbox.setFaults([]);
    expect(await waitForMail(sandbox, emails, 300_000)).toBe(200);
  }, 360_000);

  it('300 unknown addresses with 20 real ones mixed in: 20 of 20 real customers get their mail', async () => {
    const { gw, sandbox } = await gateway();
    const real = emailsFor('real', 20);
    await createCustomers(sandbox, real);
    const flood = emailsFor('nobody', 300);
    const mixed = [...flood];
    real.forEach((email, i) => mixed.splice(i * 15 + 7, 0, email));
    await burst(gw, mixed);
    expect(await waitForMail(sandbox, real, 400_000)).toBe(20);
  }, 420_000);
});
