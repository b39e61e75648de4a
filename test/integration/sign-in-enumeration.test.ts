/**
 * requestSignInCode must not tell whether an account exists, whether a code was just sent (the resend cooldown),
 * or whether the customer may use the channel: one answer (status, headers, body; the flow cookie's value aside)
 * and no timing difference. Timed as an outsider would time it: the gateway and the sandbox each in their own
 * process (in one process the sandbox's work for a job would sit in the measured event loop). Known addresses are
 * fresh customers, so none is in its cooldown; the cooldown case is one address asked for again and again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomers } from '../support/customers.js';
import { eventually, HARNESS_POSTMARK_TOKEN, sandboxStoreEnv } from '../support/gateway.js';
import { type Instance, startInstance, stop } from '../support/instances.js';
import { type PostmarkServer, startPostmarkServer } from '../support/postmark-server.js';
import { SandboxHarness } from '../support/sandbox.js';

const REQUEST = 'mutation ($input: RequestSignInCodeInput!) { requestSignInCode(input: $input) { accepted message } }';
const ROUNDS = 300;
const known = Array.from({ length: ROUNDS }, (_, i) => `timing-${i}@example.com`);
let sandbox: SandboxHarness;
let gateway: Instance;
let postmark: PostmarkServer;

beforeAll(async () => {
  sandbox = await SandboxHarness.start({ quota: { requestsPerWindow: 1_000_000, windowMs: 30_000 } });
  await createCustomers(sandbox, known);
  postmark = await startPostmarkServer(HARNESS_POSTMARK_TOKEN);
  gateway = await startInstance({ ...sandboxStoreEnv(sandbox.url, 'generous', postmark.url), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', PUBLIC_URL: 'http://gateway.test' });
}, 60_000);
afterAll(async () => {
  await stop(gateway);
  await sandbox?.close();
  await postmark?.close();
});

/** The answer as a client sees it, less what differs per response by design (date, request id, the cookie's value). */
async function answer(email: string, channelId = 1): Promise<string> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: REQUEST, variables: { input: { email, channelId } } }),
  });
  const headers = [...response.headers.entries()]
    .filter(([name]) => name !== 'date' && name !== 'x-request-id')
    .map(([name, value]) => [name, name === 'set-cookie' ? value.replace(/^__Host-signin_flow=[\w-]{43}/, '__Host-signin_flow=…') : value]);
  return `${response.status} ${JSON.stringify(headers)} ${await response.text()}`;
}

describe('requestSignInCode answers', () => {
  it('are one answer, in one time, for known, unknown and cooldown-hit emails (300 each, interleaved)', async () => {
    const kinds = ['known', 'unknown', 'cooldown'] as const;
    const timings: Record<(typeof kinds)[number], number[]> = { known: [], unknown: [], cooldown: [] };
    const answers = new Set<string>();
    for (let i = 0; i < 50; i++) await answer('warm-up@example.com');
    await answer('jane@example.com'); // from now on every request for Jane hits the cooldown
    let seed = 7; // each round in its own (repeatable) random order
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < ROUNDS; i++) {
      for (const kind of [...kinds].sort(() => random() - 0.5)) {
        const email = kind === 'known' ? (known[i] ?? '') : kind === 'unknown' ? `nobody-${i}@example.com` : 'jane@example.com';
        const started = performance.now();
        answers.add(await answer(email));
        timings[kind].push(performance.now() - started);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const medians = Object.fromEntries(kinds.map((kind) => [kind, median(timings[kind])])) as Record<(typeof kinds)[number], number>;
    const spread = Math.max(...Object.values(medians)) - Math.min(...Object.values(medians));
    console.info(
      `requestSignInCode median latency: known ${medians.known.toFixed(3)} ms, unknown ${medians.unknown.toFixed(3)} ms, cooldown ${medians.cooldown.toFixed(3)} ms, spread ${spread.toFixed(3)} ms`,
    );
    expect(answers.size).toBe(1);
    expect(spread).toBeLessThan(2);
    // ...while the work behind them differed: known addresses got their mail, unknown ones none.
    await eventually(async () => (postmark.delivered.some((m) => m.to === known[ROUNDS - 1]) ? true : undefined), 30_000);
    const mailed = postmark.delivered.map((m) => m.to);
    expect(mailed).toContain(known[ROUNDS - 1]);
    expect(mailed.filter((to) => to.startsWith('nobody-'))).toEqual([]);
  }, 120_000);

  it('are the same for a customer who may not use the channel asked for', async () => {
    expect(await answer('olive@example.com', 1)).toBe(await answer('john@example.com', 1));
    expect(await answer('jane@example.com', 2)).toBe(await answer('olive@example.com', 2));
  });
});
