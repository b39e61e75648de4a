/**
 * A gateway instance killed (SIGKILL, no shutdown) right after accepting 50 reset requests, with BigCommerce slow so
 * most of the work is still queued or mid-flight: every request still ends in a mail, done by the restarted
 * instance or by the one still running. Delivery is at-least-once: a job that was mid-flight at the kill runs again,
 * so its customer may get a second mail; never more than the jobs that were running.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { sandboxStoreEnv } from '../support/gateway.js';
import { createCustomers } from '../support/customers.js';
import { type Instance, startInstance, stop } from '../support/instances.js';
import { REDIS_URL, redisAvailable, uniqueRedisPrefix } from '../support/requirements.js';
import { SandboxHarness } from '../support/sandbox.js';

const REQUEST = 'mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { accepted } }';
const CONCURRENCY = 4;
const withRedis = await redisAvailable();
const running: Instance[] = [];
const sandboxes: SandboxHarness[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((instance) => stop(instance)));
});
afterAll(async () => Promise.all(sandboxes.map((s) => s.close())));

async function setUp(tag: string) {
  const sandbox = await SandboxHarness.start({ quota: { requestsPerWindow: 1_000_000, windowMs: 30_000 } });
  sandboxes.push(sandbox);
  const emails = Array.from({ length: 50 }, (_, i) => `${tag}-${i}@example.com`);
  await createCustomers(sandbox, emails);
  // Slow enough that the kill lands with most jobs queued and a few mid-flight.
  await sandbox.setFaults([{ route: 'graphql:requestResetPassword', latencyMs: 400 }]);
  const env = {
    ...sandboxStoreEnv(sandbox.url),
    PORT: '0',
    LOG_LEVEL: 'info',
    REDIS_URL,
    REDIS_KEY_PREFIX: uniqueRedisPrefix(),
    QUEUE_CONCURRENCY: String(CONCURRENCY),
    // A dead instance's running jobs are picked up after this long.
    QUEUE_LOCK_SECONDS: '3',
  };
  const launch = async () => {
    const instance = await startInstance(env);
    running.push(instance);
    return instance;
  };
  return { sandbox, emails, launch };
}

async function acceptAll(instance: Instance, emails: string[]): Promise<void> {
  const answers = await Promise.all(
    emails.map(async (email) => {
      const response = await fetch(`${instance.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: REQUEST, variables: { email } }),
      });
      return ((await response.json()) as { data?: { requestPasswordReset?: { accepted: boolean } } }).data?.requestPasswordReset?.accepted;
    }),
  );
  expect(answers.filter(Boolean)).toHaveLength(emails.length);
}

/** Mails per address once every address has one (or the deadline passes). */
async function mailsPerAddress(sandbox: SandboxHarness, emails: string[], timeoutMs: number): Promise<Map<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = new Map<string, number>();
    for (const mail of await sandbox.mail()) if (emails.includes(mail.to)) counts.set(mail.to, (counts.get(mail.to) ?? 0) + 1);
    if (counts.size === emails.length || Date.now() > deadline) return counts;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.runIf(withRedis)('a gateway instance killed after accepting work', () => {
  it('the restarted instance sends all 50 mails; a second mail only where a job was mid-flight', async () => {
    const { sandbox, emails, launch } = await setUp('restart');
    const first = await launch();
    await acceptAll(first, emails);
    await stop(first, 'SIGKILL');
    const mailedBeforeRestart = (await mailsPerAddress(sandbox, emails, 0)).size;
    expect(mailedBeforeRestart).toBeLessThan(50);

    await launch();
    const counts = await mailsPerAddress(sandbox, emails, 60_000);
    expect(counts.size).toBe(50);
    const duplicates = [...counts.values()].filter((n) => n > 1).length;
    console.info(`restart: ${mailedBeforeRestart} of 50 mailed at the kill, ${counts.size} of 50 in the end, ${duplicates} sent twice`);
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);
  }, 90_000);

  it('the other instance, left running alone, sends all 50', async () => {
    const { sandbox, emails, launch } = await setUp('survivor');
    const [accepting] = await Promise.all([launch(), launch()]);
    await acceptAll(accepting as Instance, emails);
    await stop(accepting, 'SIGKILL');
    const mailedAtKill = (await mailsPerAddress(sandbox, emails, 0)).size;
    const counts = await mailsPerAddress(sandbox, emails, 60_000);
    const duplicates = [...counts.values()].filter((n) => n > 1).length;
    console.info(`survivor: ${mailedAtKill} of 50 mailed at the kill, ${counts.size} of 50 in the end, ${duplicates} sent twice`);
    expect(counts.size).toBe(50);
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);
  }, 90_000);
});
