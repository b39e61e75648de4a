/**
 * One server of the benchmark, in its own process so none shares an event loop with another or with the load
 * generator: `tsx bench/serve.ts <bare|yoga|postmark|sandbox>`. Prints one JSON line (`{"url": ...}`) once listening;
 * exits on SIGTERM. The gateway itself is not started here: it runs as production runs it (`node dist/server.js`).
 *
 * - bare: node:http reading and parsing the JSON body, answering a fixed JSON document (the floor of any POST API).
 * - bare429: node:http answering every request with the gateway's per-IP 429 (same status, headers and body), after
 *   draining the body unread as the gateway does: the floor of refusing a flood.
 * - yoga: Yoga with its defaults, serving the gateway's own schema.graphql with resolvers that return the same
 *   answers at once: the same documents and variables cost the same parsing, validation and execution, without
 *   anything the gateway adds (limits, guards, masking, logging, metrics).
 * - postmark: the tests' Postmark-compatible server, plus `GET <mailUrl>` listing what it accepted.
 * - sandbox: the compiled BigCommerce sandbox as "the store" (SANDBOX_SITE_URL: the gateway's URL for its links).
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';
import { InvalidJwtError, InvalidResetTokenError, RateLimitedError } from '../src/errors.js';
import { REQUEST_ACCEPTED } from '../src/reset/service.js';
import type { startSandbox as StartSandbox } from '../src/sandbox/index.js';
import { startPostmarkServer } from '../test/support/postmark-server.js';
import { BENCH_POSTMARK_TOKEN, LIMITED_TOKEN } from './operations.js';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return raw;
}

async function bare(): Promise<Record<string, string>> {
  const answer = JSON.stringify({ data: { ok: true } });
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      JSON.parse(raw);
      res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
    });
  });
  return { url: await listen(server) };
}

async function yoga(): Promise<Record<string, string>> {
  // The gateway's own error classes, so both servers give the same answer byte for byte.
  const typed = (error: Error & { code: string }) => ({ __typename: error.constructor.name, code: error.code, message: error.message });
  const schema = createSchema({
    typeDefs: readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'),
    resolvers: {
      Query: {
        passwordPolicy: () => ({
          minLength: 8,
          maxLength: 128,
          minimumNumbers: 1,
          minimumSpecialCharacters: 0,
          rejectCommon: true,
          rejectEmail: true,
        }),
      },
      Mutation: {
        requestPasswordReset: () => REQUEST_ACCEPTED,
        resetPassword: (_root: unknown, { input }: { input: { token?: string } }) =>
          input.token === LIMITED_TOKEN ? { ...typed(new RateLimitedError(3600)), retryAfterSeconds: 3600 } : typed(new InvalidResetTokenError()),
        loginWithJwt: () => typed(new InvalidJwtError()),
      },
      Error: { __resolveType: (value: { __typename: string }) => value.__typename },
      ResetPasswordResult: { __resolveType: (value: { __typename: string }) => value.__typename },
      LoginWithJwtResult: { __resolveType: (value: { __typename: string }) => value.__typename },
    },
  });
  const server = createYoga({ schema, logging: false });
  return { url: `${await listen(createServer(server))}/graphql` };
}

async function postmark(): Promise<Record<string, string>> {
  const server = await startPostmarkServer(BENCH_POSTMARK_TOKEN);
  const mail = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(server.delivered)));
  return { url: server.url, mailUrl: await listen(mail) };
}

async function sandbox(): Promise<Record<string, string>> {
  // The compiled sandbox, like the compiled gateway (`npm run bench` builds first).
  const modulePath = new URL('../dist/sandbox/index.js', import.meta.url).href;
  const { startSandbox } = (await import(modulePath)) as { startSandbox: typeof StartSandbox };
  const started = await startSandbox({
    siteUrl: process.env.SANDBOX_SITE_URL ?? 'http://127.0.0.1:4000',
    // BigCommerce's quota would stop a load test in seconds; the bench measures the gateway, not the quota.
    quota: { requestsPerWindow: 100_000_000, windowMs: 30_000 },
  });
  return { url: started.url };
}

/** What the gateway's request guard answers past RATE_LIMIT_HTTP_PER_IP (request-guard.ts), for a limit of 1/3600. */
const FLOOD_REFUSAL = { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '3600' } };

async function bare429(): Promise<Record<string, string>> {
  const server = createServer((req, res) => {
    req.once('end', () => {
      // The wait counts down at the gateway; the answer's size stays the same.
      const body = JSON.stringify({ errors: [{ message: 'Too many requests. Try again in 3600 seconds.' }] });
      res.writeHead(FLOOD_REFUSAL.status, FLOOD_REFUSAL.headers).end(body);
    });
    req.resume();
  });
  return { url: await listen(server) };
}

const servers = { bare, bare429, yoga, postmark, sandbox };
const kind = process.argv[2] as keyof typeof servers;
if (!(kind in servers)) throw new Error(`usage: bench/serve.ts <${Object.keys(servers).join('|')}>`);
console.log(JSON.stringify(await servers[kind]()));
process.on('SIGTERM', () => process.exit(0));
