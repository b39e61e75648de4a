/**
 * requestPasswordReset must not tell whether an account exists: same status, headers and body bytes for known
 * and unknown emails, while the known one really gets its mail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { SandboxHarness } from '../support/sandbox.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => gw.close());

const REQUEST = 'mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { accepted message } }';
/** Headers that legitimately differ per response. */
const VARYING = new Set(['date', 'x-request-id']);

const setFaults = async (faults: unknown[]) => expect((await SandboxHarness.connect(gw.sandboxUrl).setFaults(faults)).ok).toBe(true);

async function answer(email: string) {
  const response = await gw.graphql(REQUEST, { email });
  const headers = [...response.headers.entries()].filter(([name]) => !VARYING.has(name));
  return { status: response.status, headers, raw: response.raw };
}

describe('requestPasswordReset answers when the per-email limit is reached', () => {
  it('are identical to the others (the limit only stops the mail)', async () => {
    const limited = await startTestGateway({ env: { RATE_LIMIT_REQUEST_RESET_PER_EMAIL: '1/3600' } });
    try {
      const send = async (email: string) => {
        const response = await limited.graphql(REQUEST, { email });
        return { status: response.status, headers: [...response.headers.entries()].filter(([n]) => !VARYING.has(n)), raw: response.raw };
      };
      const known = await send('john@example.com');
      const overLimit = await send('john@example.com');
      const unknown = await send('nobody-else@example.com');
      expect(overLimit).toEqual(known);
      expect(unknown).toEqual(known);
    } finally {
      await limited.close();
    }
  });
});

describe('requestPasswordReset answers', () => {
  it('are byte-identical for known and unknown emails', async () => {
    const known = await answer('jane@example.com');
    const unknown = await answer('nobody-here@example.com');
    expect(unknown).toEqual(known);
    expect(known.status).toBe(200);
    expect(JSON.parse(known.raw)).toEqual({
      data: { requestPasswordReset: { accepted: true, message: expect.any(String) } },
    });
    // ...and the work behind them differed: only the known address got BigCommerce's mail.
    const sandbox = SandboxHarness.connect(gw.sandboxUrl);
    await eventually(async () => ((await sandbox.mail('jane@example.com')).length > 0 ? true : undefined));
    expect(await sandbox.mail('nobody-here@example.com')).toEqual([]);
  });

  it('do not wait for BigCommerce: the answer comes before the upstream has done its work', async () => {
    const sandbox = SandboxHarness.connect(gw.sandboxUrl);
    await setFaults([{ route: 'graphql:requestResetPassword', latencyMs: 800 }]);
    try {
      const before = (await sandbox.mail('john@example.com')).length;
      expect((await answer('john@example.com')).status).toBe(200);
      // BigCommerce is still sitting on the request, so no mail yet; it arrives later, from the background.
      expect(await sandbox.mail('john@example.com')).toHaveLength(before);
      await eventually(async () => ((await sandbox.mail('john@example.com')).length > before ? true : undefined));
    } finally {
      await setFaults([]);
    }
  });

  it('take the same time for known and unknown emails (300 each, interleaved)', async () => {
    const timings: Record<'known' | 'unknown', number[]> = { known: [], unknown: [] };
    const answers = new Set<string>();
    for (let i = 0; i < 20; i++) await answer('warm-up@example.com');
    for (let i = 0; i < 300; i++) {
      for (const kind of i % 2 === 0 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const)) {
        const started = performance.now();
        const result = await answer(kind === 'known' ? 'jane@example.com' : `nobody-${i}@example.com`);
        timings[kind].push(performance.now() - started);
        answers.add(`${result.status} ${JSON.stringify(result.headers)} ${result.raw}`);
      }
    }
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return ((sorted[149] ?? 0) + (sorted[150] ?? 0)) / 2;
    };
    const difference = Math.abs(median(timings.known) - median(timings.unknown));
    console.info(
      `requestPasswordReset median latency: known ${median(timings.known).toFixed(3)} ms, unknown ${median(timings.unknown).toFixed(3)} ms, difference ${difference.toFixed(3)} ms`,
    );
    expect(answers.size).toBe(1); // status, headers (less date and request id) and body: one answer for all 600
    expect(difference).toBeLessThan(2);
  }, 60_000);

  it('reject a malformed email with a clear client error, before any upstream work', async () => {
    const response = await gw.graphql(REQUEST, { email: 'not-an-email' });
    expect(response.body.errors?.[0]?.message).toContain('Enter a valid email address.');
    expect(response.body.data).toBeNull();
  });
});
