/**
 * `npm run bench`: the gateway as production runs it (the bundled build, `node dist/server.js`), each server in its own
 * process, measured against bare node:http and bare Yoga answering the same documents with the same variables.
 *
 * - Throughput: every operation, on each server, in interleaved rounds (the order rotates each round), so a noisy
 *   neighbour hits all servers alike; the ratio to bare Yoga is taken per round and reported as the median [min–max].
 * - requestPasswordReset's background work (one customer lookup per unknown email) is drained after its load, and
 *   the drain time is reported beside it, so no later row is measured while a backlog drains.
 * - Start-up of the production build to `/ready`, the RSS after two consecutive mixed loads, and the upstream calls
 *   of every flow against the minimum it needs (bench/operations.ts says why each minimum).
 *
 * Options (environment): BENCH_SECONDS (per target per round, default 5), BENCH_ROUNDS (default 3),
 * BENCH_RSS_SECONDS (each of the two memory loads, default 30), BENCH_CONNECTIONS (default 20),
 * BENCH_OUT (default bench/results/latest.json). Rate limits are raised on the measured gateway (one IP sends
 * everything) except on the one that measures the rate-limited answer.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem, type } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import jwt from 'jsonwebtoken';
import { sandboxStoreEnv } from '../test/support/gateway.js';
import { freePort } from '../test/support/instances.js';
import {
  BENCH_METRICS_TOKEN,
  BENCH_POSTMARK_TOKEN,
  BENCH_SSO,
  FLOW_MINIMUMS,
  LOAD_OPERATIONS,
  type LoadOperation,
  PRODUCTION_ENTRY,
  PRODUCTION_NODE_OPTIONS,
} from './operations.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const rssSeconds = Number(process.env.BENCH_RSS_SECONDS ?? 30);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const root = fileURLToPath(new URL('..', import.meta.url));
const out = resolve(root, process.env.BENCH_OUT ?? 'bench/results/latest.json');
const logDir = join(tmpdir(), `hag-bench-${process.pid}`);
mkdirSync(logDir, { recursive: true });

if (!existsSync(join(root, PRODUCTION_ENTRY))) {
  console.error(`bench: ${PRODUCTION_ENTRY} is missing; run \`npm run build\` first (\`npm run bench\` does).`);
  process.exit(1);
}

const children: ChildProcess[] = [];
const stopAll = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('exit', stopAll);

// ---------------------------------------------------------------- processes

async function startServer(kind: 'bare' | 'bare429' | 'yoga' | 'postmark' | 'sandbox', env: Record<string, string> = {}): Promise<Record<string, string>> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve.ts', kind], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  return JSON.parse(line.toString()) as Record<string, string>;
}

interface RunningGateway {
  url: string;
  process: ChildProcess;
  /** Milliseconds from spawn to the first 200 from `/ready`. */
  startupMs: number;
  stop(): Promise<void>;
}

/** `node dist/server.js` with the image's NODE_OPTIONS, as production runs it; its output goes to a file under /tmp. */
async function startGateway(name: string, port: number, env: Record<string, string>): Promise<RunningGateway> {
  const url = `http://127.0.0.1:${port}`;
  const log = openSync(join(logDir, `${name}.log`), 'a');
  const started = performance.now();
  const child = spawn(process.execPath, [PRODUCTION_ENTRY], {
    cwd: root,
    env: { PATH: process.env.PATH, NODE_OPTIONS: PRODUCTION_NODE_OPTIONS, ...env },
    stdio: ['ignore', log, log],
  });
  children.push(child);
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`the gateway exited during start-up; see ${join(logDir, `${name}.log`)}`);
    const ready = await fetch(`${url}/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    await sleep(5);
  }
  const startupMs = performance.now() - started;
  return {
    url,
    process: child,
    startupMs,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- measuring

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Non-2xx answers and socket errors: any makes the row invalid. */
  failures: number;
}

async function load(url: string, operations: LoadOperation[], durationSeconds: number): Promise<LoadResult> {
  let n = 0;
  const result = await autocannon({
    url,
    connections,
    duration: durationSeconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: operations.map((operation) => ({
      setupRequest: (request) => ({ ...request, body: JSON.stringify({ query: operation.query, variables: operation.variables(n++) }) }),
    })),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.errors + result.non2xx + result.timeouts,
  };
}

async function graphql(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { headers: response.headers, body: (await response.json()) as { data?: Record<string, Record<string, unknown>>; errors?: unknown[] } };
}

/** The Prometheus series of the gateway, by their full name with labels. */
async function scrape(gatewayUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${gatewayUrl}/metrics`, { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } })).text();
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    series.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return series;
}

const total = (series: Map<string, number>, prefix: string) =>
  [...series].filter(([name]) => name.startsWith(prefix)).reduce((sum, [, value]) => sum + value, 0);

async function queueDepth(gatewayUrl: string): Promise<number> {
  return total(await scrape(gatewayUrl), 'hag_queue_jobs{');
}

/** Waits for the background queue to empty; returns how long it took. */
async function drain(gatewayUrl: string): Promise<number> {
  const started = performance.now();
  while ((await queueDepth(gatewayUrl)) > 0) await sleep(50);
  return performance.now() - started;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const round2 = (value: number) => Math.round(value * 100) / 100;

// ---------------------------------------------------------------- the run

console.log(`bench: ${rounds} round(s) × ${seconds} s per target, ${connections} connections; logs in ${logDir}`);
const [bare, bare429, yoga, postmark] = await Promise.all([startServer('bare'), startServer('bare429'), startServer('yoga'), startServer('postmark')]);
const mainPort = await freePort();
const sandbox = await startServer('sandbox', { SANDBOX_SITE_URL: `http://127.0.0.1:${mainPort}` });
const sandboxUrl = sandbox.url as string;

/** Production's settings (no GraphiQL, no introspection, Postmark, metrics behind a token) against the sandbox. */
const gatewayEnv = (port: number, overrides: Record<string, string> = {}): Record<string, string> => ({
  ...sandboxStoreEnv(sandboxUrl),
  // NODE_ENV=production refuses the sandbox's public credentials; every setting production implies is set instead.
  GRAPHIQL: 'false',
  // Our one-time-token flow: its mail goes through Postmark, so every upstream call of it is counted.
  RESET_STRATEGY: 'ott',
  RESET_TOKEN_SECRET: 'bench-reset-token-secret-0123456789abcdef0123456789',
  INTROSPECTION: 'false',
  PORT: String(port),
  HOST: '127.0.0.1',
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  LOG_LEVEL: 'info',
  METRICS_TOKEN: BENCH_METRICS_TOKEN,
  POSTMARK_SERVER_TOKEN: BENCH_POSTMARK_TOKEN,
  POSTMARK_API_URL: postmark.url as string,
  MAIL_FROM: 'shop@example.com',
  SSO_ISSUER: BENCH_SSO.issuer,
  SSO_AUDIENCE: BENCH_SSO.audience,
  SSO_HS256_SECRET: BENCH_SSO.secret,
  SIGN_IN_RESEND_COOLDOWN: '0',
  // A burst of unknown emails queues one lookup each; the bench drains them instead of refusing them.
  QUEUE_MAX_QUEUED: '10000000',
  ...overrides,
});

// Start-up of the production build to /ready, three times; the third instance stays up and is measured.
const startups: number[] = [];
let gateway: RunningGateway | null = null;
for (let i = 0; i < 3; i++) {
  await gateway?.stop();
  gateway = await startGateway('gateway', mainPort, gatewayEnv(mainPort));
  startups.push(gateway.startupMs);
}
const main = gateway as RunningGateway;
const limitedPort = await freePort();
const limited = await startGateway('gateway-limited', limitedPort, gatewayEnv(limitedPort, { RATE_LIMIT_RESET_PASSWORD_PER_IP: '1/3600' }));
// The flood shield: one request per hour per IP, so the bench's every request but the first meets the per-IP 429.
const floodPort = await freePort();
const flood = await startGateway('gateway-flood', floodPort, gatewayEnv(floodPort, { RATE_LIMIT_HTTP_PER_IP: '1/3600' }));
console.log(`start-up to /ready (production build): ${startups.map((ms) => Math.round(ms)).join(', ')} ms`);

// ---- upstream calls per flow (second pass; the first warms the caches and mints the Storefront token)

async function latestMail(to: string, count: number): Promise<{ textBody?: string }> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`bench: no mail to ${to} within 15 s; see ${logDir}`);
    const mails = ((await (await fetch(postmark.mailUrl as string)).json()) as Array<{ to: string; textBody?: string }>).filter((mail) => mail.to === to);
    if (mails.length >= count) return mails[mails.length - 1] as { textBody?: string };
    await sleep(20);
  }
}
const mailsTo = async (to: string) =>
  ((await (await fetch(postmark.mailUrl as string)).json()) as Array<{ to: string }>).filter((mail) => mail.to === to).length;

const gql = `${main.url}/graphql`;
const operation = (name: string) => LOAD_OPERATIONS.find((candidate) => candidate.name === name) as LoadOperation;
const [policy, invalidReset, invalidLogin, requestReset] = [
  operation('passwordPolicy'),
  operation('resetPassword (invalid token)'),
  operation('loginWithJwt (invalid JWT)'),
  operation('requestPasswordReset (unknown email)'),
];
let passwordSerial = 0;
const flows: Record<string, () => Promise<void>> = {
  passwordPolicy: async () => void (await graphql(gql, policy.query, {})),
  invalidResetToken: async () => void (await graphql(gql, invalidReset.query, invalidReset.variables(0))),
  invalidJwt: async () => void (await graphql(gql, invalidLogin.query, invalidLogin.variables(0))),
  unknownEmail: async () => void (await graphql(gql, requestReset.query, requestReset.variables(Date.now()))),
  knownEmail: async () => {
    const before = await mailsTo('jane@example.com');
    await graphql(gql, requestReset.query, { input: { email: 'jane@example.com' } });
    await latestMail('jane@example.com', before + 1);
  },
  resetPassword: async () => {
    const before = await mailsTo('jane@example.com');
    await graphql(gql, requestReset.query, { input: { email: 'jane@example.com' } });
    const mail = await latestMail('jane@example.com', before + 1);
    const token = /token=([\w.-]+)/.exec(mail.textBody ?? '')?.[1] ?? '';
    const scrapeBefore = await scrape(main.url);
    const answer = await graphql(gql, 'mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename } }', {
      input: { token, newPassword: `Bench-Passw0rd-${++passwordSerial}-${Date.now()}` },
    });
    if (answer.body.data?.resetPassword?.__typename !== 'ResetPasswordSuccess') throw new Error(`bench: reset flow failed: ${JSON.stringify(answer.body)}`);
    await latestMail('jane@example.com', before + 2);
    flowBaseline.set('resetPassword', scrapeBefore);
  },
  requestSignInCode: async () => {
    const before = await mailsTo('john@example.com');
    await graphql(gql, 'mutation ($input: RequestSignInCodeInput!) { requestSignInCode(input: $input) { accepted } }', { input: { email: 'john@example.com' } });
    await latestMail('john@example.com', before + 1);
  },
  signInWithCode: async () => {
    const before = await mailsTo('john@example.com');
    await graphql(gql, 'mutation ($input: RequestSignInCodeInput!) { requestSignInCode(input: $input) { accepted } }', { input: { email: 'john@example.com' } });
    const code = /is: (\d{6})/.exec((await latestMail('john@example.com', before + 1)).textBody ?? '')?.[1] ?? '';
    await drain(main.url);
    const scrapeBefore = await scrape(main.url);
    const answer = await graphql(gql, 'mutation ($input: SignInWithCodeInput!) { signInWithCode(input: $input) { __typename } }', {
      input: { email: 'john@example.com', code, mode: 'SESSION' },
    });
    if (answer.body.data?.signInWithCode?.__typename !== 'LoginSuccess') throw new Error(`bench: sign-in flow failed: ${JSON.stringify(answer.body)}`);
    flowBaseline.set('signInWithCode', scrapeBefore);
  },
  loginWithJwt: async () => {
    const assertion = jwt.sign({ email: 'jane@example.com' }, BENCH_SSO.secret, {
      algorithm: 'HS256',
      issuer: BENCH_SSO.issuer,
      audience: BENCH_SSO.audience,
      expiresIn: 60,
      jwtid: `${Date.now()}-${Math.random()}`,
    });
    const answer = await graphql(gql, 'mutation ($input: LoginWithJwtInput!) { loginWithJwt(input: $input) { __typename } }', {
      input: { jwt: assertion, mode: 'SESSION' },
    });
    if (answer.body.data?.loginWithJwt?.__typename !== 'LoginSuccess') throw new Error(`bench: SSO flow failed: ${JSON.stringify(answer.body)}`);
  },
};
/** Flows whose measured part starts after their set-up (a reset needs a mailed token first). */
const flowBaseline = new Map<string, Map<string, number>>();

const upstreamCalls = (series: Map<string, number>) => {
  const calls = new Map<string, number>();
  for (const [name, value] of series) {
    const upstream = /^hag_upstream_request_duration_seconds_count\{service="(\w+)",endpoint="([^"]+)"/.exec(name);
    const mail = /^hag_mails_total\{kind="([^"]+)",result="sent"/.exec(name);
    const key = upstream ? `${upstream[1]} ${upstream[2]}` : mail ? `postmark ${mail[1]}` : null;
    if (key) calls.set(key, (calls.get(key) ?? 0) + value);
  }
  return calls;
};

const flowResults: Array<{ flow: string; minimum: number; measured: number; calls: Record<string, number>; why: string }> = [];
for (const pass of ['warm-up', 'measured']) {
  for (const [name, run] of Object.entries(flows)) {
    await drain(main.url);
    const before = await scrape(main.url);
    await run();
    await drain(main.url);
    await sleep(100);
    if (pass === 'warm-up') continue;
    const after = upstreamCalls(await scrape(main.url));
    const start = upstreamCalls(flowBaseline.get(name) ?? before);
    const calls = Object.fromEntries([...after].map(([key, value]) => [key, value - (start.get(key) ?? 0)]).filter(([, delta]) => (delta as number) > 0));
    const minimum = FLOW_MINIMUMS[name];
    if (!minimum) throw new Error(`bench: no stated minimum for flow ${name}`);
    const measured = Object.values(calls).reduce((sum: number, value) => sum + (value as number), 0);
    flowResults.push({ flow: minimum.flow, minimum: minimum.minimum, measured, calls: calls as Record<string, number>, why: minimum.why });
  }
}

// ---- throughput: interleaved rounds

type Server = 'gateway' | 'yoga' | 'bare';
const serverUrl = (server: Server, operation: LoadOperation) =>
  server === 'bare' ? (bare.url as string) : server === 'yoga' ? (yoga.url as string) : `${operation.gateway === 'limited' ? limited.url : main.url}/graphql`;

// The same answer from both: a row compares like with like only if the gateway and bare Yoga agree.
for (const operation of LOAD_OPERATIONS) {
  const ask = (server: Server) =>
    graphql(serverUrl(server, operation), operation.query, operation.variables(0))
      // A refusal's wait counts down; everything else must be identical.
      .then((answer) => JSON.stringify(answer.body.data).replace(/\d+ seconds/g, 'N seconds'));
  await ask('gateway');
  const [fromGateway, fromYoga] = [await ask('gateway'), await ask('yoga')];
  if (fromGateway !== fromYoga) throw new Error(`bench: ${operation.name}: the gateway answered ${fromGateway}, bare Yoga ${fromYoga}`);
}
await drain(main.url);

const servers: Server[] = ['gateway', 'yoga', 'bare'];
const samples = new Map<string, Array<Record<Server, LoadResult> & { drainMs?: number; jobs?: number }>>();
for (let round = 0; round < rounds; round++) {
  for (const [index, operation] of LOAD_OPERATIONS.entries()) {
    const order = servers.map((_, i) => servers[(i + round + index) % servers.length] as Server);
    const sample = {} as Record<Server, LoadResult> & { drainMs?: number; jobs?: number };
    for (const server of order) {
      const jobsBefore = server === 'gateway' ? total(await scrape(main.url), 'hag_jobs_total{') : 0;
      sample[server] = await load(serverUrl(server, operation), [operation], seconds);
      if (server === 'gateway' && operation.gateway === 'main') {
        sample.drainMs = await drain(main.url);
        const jobs = total(await scrape(main.url), 'hag_jobs_total{') - jobsBefore;
        if (jobs > 0) sample.jobs = jobs;
      }
    }
    samples.set(operation.name, [...(samples.get(operation.name) ?? []), sample]);
    const ratio = sample.gateway.rps / sample.yoga.rps;
    console.log(`  round ${round + 1} ${operation.name}: gateway ${Math.round(sample.gateway.rps)} req/s, bare Yoga ${Math.round(sample.yoga.rps)} (${ratio.toFixed(2)}×)`);
  }
}

// ---- the flood shield: the per-IP HTTP 429, answered before any body is read, against bare node:http's same 429

async function flood429(url: string): Promise<LoadResult> {
  const result = await autocannon({ url, connections, duration: seconds, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: LOAD_OPERATIONS[0]?.query }) });
  const refused = (result as unknown as Record<string, number>)['4xx'] ?? 0;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total, failures: result.errors + result.timeouts + (result.requests.total - refused) };
}
await fetch(`${flood.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
const floodRuns: Array<{ gateway: LoadResult; bare: LoadResult }> = [];
for (let round = 0; round < rounds; round++) {
  const run = {} as { gateway: LoadResult; bare: LoadResult };
  for (const server of round % 2 === 0 ? (['gateway', 'bare'] as const) : (['bare', 'gateway'] as const)) {
    run[server] = await flood429(server === 'gateway' ? `${flood.url}/graphql` : (bare429.url as string));
  }
  floodRuns.push(run);
  console.log(`  round ${round + 1} flood shield (per-IP 429): gateway ${Math.round(run.gateway.rps)} req/s, bare node:http ${Math.round(run.bare.rps)} (${(run.gateway.rps / run.bare.rps).toFixed(2)}×)`);
}
await flood.stop();
const floodRatios = floodRuns.map((run) => run.gateway.rps / run.bare.rps);
const floodShield = {
  gatewayRps: Math.round(median(floodRuns.map((run) => run.gateway.rps))),
  bare429Rps: Math.round(median(floodRuns.map((run) => run.bare.rps))),
  ratioToBare429: { median: round2(median(floodRatios)), min: round2(Math.min(...floodRatios)), max: round2(Math.max(...floodRatios)) },
  gatewayP99Ms: median(floodRuns.map((run) => run.gateway.p99)),
  // The first request of the run passed the limit (it was spent above); anything else not a 4xx is a failure.
  failures: floodRuns.reduce((sum, run) => sum + run.gateway.failures + run.bare.failures, 0),
};

// ---- memory: a fresh gateway, then two consecutive mixed loads of its operations, each drained and settled

await main.stop();
const fresh = await startGateway('gateway-memory', mainPort, gatewayEnv(mainPort));
const rss: number[] = [rssMb(fresh.process.pid as number)];
const mixed = LOAD_OPERATIONS.filter((operation) => operation.gateway === 'main');
for (let i = 0; i < 2; i++) {
  await load(`${fresh.url}/graphql`, mixed, rssSeconds);
  await drain(fresh.url);
  await sleep(5000);
  rss.push(rssMb(fresh.process.pid as number));
}

// ---------------------------------------------------------------- report

const rows = LOAD_OPERATIONS.map((operation) => {
  const runs = samples.get(operation.name) ?? [];
  const ratios = runs.map((run) => run.gateway.rps / run.yoga.rps);
  const background = runs.filter((run) => run.jobs !== undefined);
  return {
    operation: operation.name,
    gatewayRps: Math.round(median(runs.map((run) => run.gateway.rps))),
    yogaRps: Math.round(median(runs.map((run) => run.yoga.rps))),
    bareRps: Math.round(median(runs.map((run) => run.bare.rps))),
    ratioToYoga: { median: round2(median(ratios)), min: round2(Math.min(...ratios)), max: round2(Math.max(...ratios)) },
    ratioToBare: round2(median(runs.map((run) => run.gateway.rps / run.bare.rps))),
    gatewayP99Ms: median(runs.map((run) => run.gateway.p99)),
    failures: runs.reduce((sum, run) => sum + run.gateway.failures + run.yoga.failures + run.bare.failures, 0),
    ...(background.length
      ? {
          background: {
            jobsPerRound: Math.round(median(background.map((run) => run.jobs ?? 0))),
            drainSeconds: round2(median(background.map((run) => (run.drainMs ?? 0) / 1000))),
            jobsPerSecond: Math.round(median(background.map((run) => (run.jobs ?? 0) / Math.max(0.001, (run.drainMs ?? 0) / 1000 + seconds)))),
          },
        }
      : {}),
  };
});

const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), os: type(), node: process.version };
const report = {
  date: new Date().toISOString(),
  machine,
  settings: { seconds, rounds, connections, rssSeconds, queue: 'memory (one instance)', nodeOptions: PRODUCTION_NODE_OPTIONS },
  startupMs: { median: Math.round(median(startups)), runs: startups.map(Math.round) },
  throughput: rows,
  floodShield,
  rssMb: { started: rss[0], afterFirstLoad: rss[1], afterSecondLoad: rss[2], secondLoadAdded: round2((rss[2] ?? 0) - (rss[1] ?? 0)) },
  upstreamCallsPerFlow: flowResults,
};

const pad = (text: string | number, width: number) => String(text).padEnd(width);
console.log(`\n${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}`);
console.log(`${connections} connections, ${rounds} interleaved round(s) × ${seconds} s per server per operation, each server its own process\n`);
console.log(`${pad('operation', 40)}${pad('gateway req/s', 15)}${pad('bare Yoga', 11)}${pad('÷ Yoga median [min–max]', 25)}${pad('÷ node:http', 13)}p99 ms`);
for (const row of rows) {
  const { median: m, min, max } = row.ratioToYoga;
  console.log(`${pad(row.operation, 40)}${pad(row.gatewayRps, 15)}${pad(row.yogaRps, 11)}${pad(`${m.toFixed(2)} [${min.toFixed(2)}–${max.toFixed(2)}]`, 25)}${pad(row.ratioToBare.toFixed(2), 13)}${row.gatewayP99Ms}`);
  if (row.background) {
    console.log(`${pad('', 40)}background: ${row.background.jobsPerRound} lookups per round, drained ${row.background.drainSeconds} s after the load (${row.background.jobsPerSecond} jobs/s overall)`);
  }
  if (row.failures) console.log(`${pad('', 40)}!! ${row.failures} failed requests`);
}
console.log(
  `${pad('per-IP 429 (flood shield)', 40)}${pad(floodShield.gatewayRps, 15)}${pad(`node:http 429 ${floodShield.bare429Rps}`, 36)}${pad(`${floodShield.ratioToBare429.median.toFixed(2)} [${floodShield.ratioToBare429.min.toFixed(2)}–${floodShield.ratioToBare429.max.toFixed(2)}]`, 13)}${floodShield.gatewayP99Ms}`,
);
if (floodShield.failures) console.log(`${pad('', 40)}!! ${floodShield.failures} answers were not the 429`);
console.log(`\nstart-up to /ready: ${report.startupMs.median} ms median (${report.startupMs.runs.join(', ')})`);
console.log(
  `RSS (NODE_OPTIONS="${PRODUCTION_NODE_OPTIONS}"): ${report.rssMb.started} MB started, ${report.rssMb.afterFirstLoad} MB after a ${rssSeconds} s mixed load, ${report.rssMb.afterSecondLoad} MB after a second (${report.rssMb.secondLoadAdded >= 0 ? '+' : ''}${report.rssMb.secondLoadAdded} MB)`,
);
console.log('\nupstream calls per flow (BigCommerce and Postmark), measured vs minimum');
for (const flow of flowResults) {
  const detail = Object.entries(flow.calls).map(([call, count]) => `${call} ×${count}`).join(', ') || 'none';
  console.log(`${pad(flow.flow, 52)}${pad(`${flow.measured} / ${flow.minimum}`, 9)}${detail}`);
}

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwritten to ${out}`);
await Promise.all([fresh.stop(), limited.stop()]);
stopAll();
// A failed request makes the numbers meaningless; a flow above its minimum is a finding, printed above.
process.exit(rows.some((row) => row.failures > 0) || floodShield.failures > 0 ? 1 : 0);
