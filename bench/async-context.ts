/**
 * `npm run bench:async-context`: what the request scope (AsyncLocalStorage, src/log.ts) costs per request on the
 * running Node. Node 24 implements it on AsyncContextFrame (a pointer copied with each promise) instead of async
 * hooks (Node 20: a hook on every promise), so the figure should drop; this measures it instead of assuming.
 *
 * A "request" here is a chain of 20 awaited promises (about what a refused GraphQL request awaits), run 200,000
 * times with and without the scope, interleaved in 5 rounds; the difference per request is reported.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<{ requestId: string }>();
const REQUESTS = 200_000;
const AWAITS = 20;

async function request(): Promise<number> {
  let sum = 0;
  for (let i = 0; i < AWAITS; i++) sum += await Promise.resolve(i);
  return sum + (scope.getStore() ? 1 : 0);
}

async function batch(scoped: boolean): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    if (scoped) await scope.run({ requestId: String(i) }, request);
    else await request();
  }
  return ((performance.now() - started) * 1000) / REQUESTS;
}

const rounds: Array<{ bare: number; scoped: number }> = [];
await batch(false);
await batch(true);
for (let round = 0; round < 5; round++) {
  const first = round % 2 === 0;
  const a = await batch(!first);
  const b = await batch(first);
  rounds.push(first ? { bare: a, scoped: b } : { bare: b, scoped: a });
}
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 0;
const bare = median(rounds.map((r) => r.bare));
const scoped = median(rounds.map((r) => r.scoped));
console.log(
  `Node ${process.version}: a request of ${AWAITS} awaits takes ${bare.toFixed(2)} µs bare, ${scoped.toFixed(2)} µs in an AsyncLocalStorage scope: +${(scoped - bare).toFixed(2)} µs (${((scoped / bare - 1) * 100).toFixed(0)} %)`,
);
