/**
 * `npm run bench`: load each public operation of the gateway over loopback and print throughput and latency
 * beside a bare node:http server and a bare Yoga server run in the same process tree, as ratios.
 * Options: BENCH_SECONDS (default 5 per target), BENCH_CONNECTIONS (default 20), REDIS_URL (bench the Redis store).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const root = fileURLToPath(new URL('..', import.meta.url));

const servers = spawn(process.execPath, ['--import', 'tsx', 'bench/servers.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
const [line] = (await once(servers.stdout, 'data')) as [Buffer];
const { gatewayUrl, bareUrl, yogaUrl } = JSON.parse(line.toString()) as Record<string, string>;

const graphql = (query: string, variables: Record<string, unknown> = {}) => ({
  method: 'POST' as const,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query, variables }),
});

const targets: Array<{ name: string; url: string; request: ReturnType<typeof graphql> | { method: 'GET' } }> = [
  { name: 'baseline: bare node:http', url: bareUrl as string, request: { method: 'GET' } },
  { name: 'baseline: bare Yoga { ok }', url: `${yogaUrl}/graphql`, request: graphql('{ ok }') },
  { name: 'passwordPolicy', url: `${gatewayUrl}/graphql`, request: graphql('{ passwordPolicy { minLength maxLength } }') },
  {
    name: 'requestPasswordReset (unknown email)',
    url: `${gatewayUrl}/graphql`,
    request: graphql('mutation ($e: String!) { requestPasswordReset(input: { email: $e }) { accepted } }', { e: 'nobody@example.com' }),
  },
  {
    name: 'resetPassword (invalid token)',
    url: `${gatewayUrl}/graphql`,
    request: graphql('mutation ($i: ResetPasswordInput!) { resetPassword(input: $i) { __typename } }', {
      i: { newPassword: 'Bench-Passw0rd-1', token: 'not-a-token' },
    }),
  },
  {
    name: 'loginWithJwt (invalid JWT)',
    url: `${gatewayUrl}/graphql`,
    request: graphql('mutation ($j: String!) { loginWithJwt(input: { jwt: $j }) { __typename } }', { j: 'a.b.c' }),
  },
];

const rows: Array<{ name: string; rps: number; p50: number; p99: number; errors: number }> = [];
for (const target of targets) {
  const result = await autocannon({ url: target.url, connections, duration: seconds, ...target.request });
  rows.push({
    name: target.name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  });
}
servers.kill('SIGTERM');

const bare = rows[0]?.rps ?? 1;
const yoga = rows[1]?.rps ?? 1;
const pad = (text: string | number, width: number) => String(text).padEnd(width);
console.log(`\n${connections} connections, ${seconds} s per target, loopback, one gateway process\n`);
console.log(`${pad('operation', 40)}${pad('req/s', 10)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('vs node:http', 14)}${pad('vs Yoga', 10)}errors`);
for (const row of rows) {
  console.log(
    `${pad(row.name, 40)}${pad(Math.round(row.rps), 10)}${pad(row.p50, 9)}${pad(row.p99, 9)}${pad((row.rps / bare).toFixed(2), 14)}${pad((row.rps / yoga).toFixed(2), 10)}${row.errors}`,
  );
}
