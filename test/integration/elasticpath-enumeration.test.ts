/**
 * On Elastic Path, requestPasswordReset and requestSignInCode must not tell whether a member exists, whatever EP
 * answers an unknown username (a 202 like any other, or an error: UNVERIFIED, so both): the same status, headers
 * (less date and request id) and body, in the same time. The emulator runs in a process of its own, as EP would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ElasticPathEmulator, spawnElasticPathEmulator } from '../support/elasticpath.js';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';

let emulator: Awaited<ReturnType<typeof spawnElasticPathEmulator>>;
let ep: ElasticPathEmulator;
let gw: TestGateway;

beforeAll(async () => {
  emulator = await spawnElasticPathEmulator();
  ep = ElasticPathEmulator.connect(emulator.url);
  gw = await startTestGateway({ backend: 'elasticpath', upstreamUrl: emulator.url, env: { SIGN_IN_RESEND_COOLDOWN: '0' } });
}, 30_000);
afterAll(async () => {
  await gw?.close();
  await emulator?.close();
});

const VARYING = new Set(['date', 'x-request-id']);
const MUTATIONS = {
  requestPasswordReset: 'mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { accepted message } }',
  requestSignInCode: 'mutation ($email: String!) { requestSignInCode(input: { email: $email }) { accepted message } }',
};

async function answer(mutation: keyof typeof MUTATIONS, email: string) {
  const response = await gw.graphql(MUTATIONS[mutation], { email });
  const headers = [...response.headers.entries()].filter(([name]) => !VARYING.has(name) && name !== 'set-cookie');
  // The flow cookie is set for every address alike; its value is random, its attributes are not.
  const cookie = response.headers.get('set-cookie')?.replace(/=[^;]*/, '=…') ?? '';
  return `${response.status} ${JSON.stringify(headers)} ${cookie} ${response.raw}`;
}
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

for (const unknownUsername of ['202', '404'] as const) {
  describe(`with EP answering ${unknownUsername} for an unknown username`, () => {
    beforeAll(async () => {
      await ep.reset();
      await ep.webhookTarget(`${gw.url}/webhooks/elasticpath`);
      await ep.modes({ unknownUsername });
    });

    for (const mutation of Object.keys(MUTATIONS) as Array<keyof typeof MUTATIONS>) {
      it(`${mutation}: one answer, in one time, for members and strangers (300 each, interleaved)`, async () => {
        const timings: Record<'known' | 'unknown', number[]> = { known: [], unknown: [] };
        const answers = new Set<string>();
        for (let i = 0; i < 20; i++) await answer(mutation, `warm-up-${i}@example.com`);
        for (let i = 0; i < 300; i++) {
          for (const kind of i % 2 === 0 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const)) {
            const started = performance.now();
            answers.add(await answer(mutation, kind === 'known' ? 'jane@example.com' : `nobody-${unknownUsername}-${i}@example.com`));
            timings[kind].push(performance.now() - started);
          }
        }
        const difference = Math.abs(median(timings.known) - median(timings.unknown));
        console.info(
          `elasticpath ${mutation} (unknown username: ${unknownUsername}) median latency: known ${median(timings.known).toFixed(3)} ms, unknown ${median(timings.unknown).toFixed(3)} ms, difference ${difference.toFixed(3)} ms`,
        );
        expect(answers.size).toBe(1);
        expect(difference).toBeLessThan(2);
        // ...and the work behind them differed: EP was asked for the member's codes only.
        const codes = await eventually(async () => {
          const issued = await ep.codes();
          return issued.length > 0 ? issued : undefined;
        });
        expect(new Set(codes.map((code) => code.username))).toEqual(new Set(['jane@example.com']));
      }, 90_000);
    }
  });
}
