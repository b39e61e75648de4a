/**
 * Bad input never crashes or leaks: each case gets a clear client error, no stack trace, and no upstream call
 * (BigCommerce answers every call with 500 during this file, and the logs would show any call that happened).
 * The table is printed in the test output and summarised in README.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { SandboxHarness } from '../support/sandbox.js';

let gw: TestGateway;
const rows: string[] = [];

beforeAll(async () => {
  gw = await startTestGateway();
  // Warm what the gateway caches (storefront token, store password rules) before BigCommerce starts failing.
  await gw.graphql('{ passwordPolicy { minLength } }');
  await SandboxHarness.connect(gw.sandboxUrl).setFaults([{ route: '*', status: 500 }]);
});
afterAll(async () => {
  console.info(`\nBad input, and what the gateway answers:\n| case | status | answer |\n|---|---|---|\n${rows.join('\n')}\n`);
  await new Promise((resolve) => setTimeout(resolve, 300));
  // No case reached BigCommerce, in the request or in the background.
  expect(gw.logs.filter((line) => line.includes('failed: server_error'))).toEqual([]);
  await gw.close();
});

const REQUEST = 'mutation ($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { accepted } }';
const RESET = 'mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename ... on Error { code } ... on PasswordPolicyError { failures { rule } } } }';
const LOGIN = 'mutation ($input: LoginWithJwtInput!) { loginWithJwt(input: $input) { __typename } }';

interface Case {
  name: string;
  send: () => Promise<Response>;
  status: number;
  /** Something the answer must contain: an error message or a typed result. */
  answer: string | RegExp;
}

const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${gw.url}/graphql`, { method: 'POST', headers, body });
const op = (query: string, variables: unknown) => post(JSON.stringify({ query, variables }));

const cases: Case[] = [
  { name: 'malformed JSON body', send: () => post('{"query": "mutation {'), status: 400, answer: 'POST body sent invalid JSON.' },
  { name: 'batched array body', send: () => post('[{"query":"{ passwordPolicy { minLength } }"}]'), status: 400, answer: /invalid|batch/i },
  { name: 'no query', send: () => post('{}'), status: 200, answer: 'Must provide query string.' },
  { name: 'unknown field', send: () => post(JSON.stringify({ query: '{ nope }' })), status: 200, answer: 'Cannot query field "nope"' },
  { name: 'email of the wrong type (number)', send: () => op(REQUEST, { input: { email: 12345 } }), status: 400, answer: 'String cannot represent a non string value' },
  { name: 'email missing', send: () => op(REQUEST, { input: {} }), status: 400, answer: /email.*required type "String!" was not provided/ },
  { name: 'invalid email', send: () => op(REQUEST, { input: { email: 'not-an-email' } }), status: 200, answer: 'Enter a valid email address.' },
  { name: 'email of 300 characters', send: () => op(REQUEST, { input: { email: `${'a'.repeat(288)}@example.com` } }), status: 200, answer: 'Email is too long.' },
  { name: 'email with a NUL byte', send: () => op(REQUEST, { input: { email: 'jane\u0000@example.com' } }), status: 200, answer: 'Enter a valid email address.' },
  { name: 'email with a right-to-left override', send: () => op(REQUEST, { input: { email: 'jane\u202e@example.com' } }), status: 200, answer: 'Enter a valid email address.' },
  { name: 'email in Cyrillic look-alikes', send: () => op(REQUEST, { input: { email: 'jаne@example.com' } }), status: 200, answer: 'Enter a valid email address.' },
  { name: 'password of 5,000 characters', send: () => op(RESET, { input: { newPassword: 'x'.repeat(5000), token: 't', customerId: 1 } }), status: 200, answer: 'Password is too long.' },
  { name: 'password with a NUL byte', send: () => op(RESET, { input: { newPassword: 'Valid-Passw0rd\u0000x', token: 't', customerId: 1 } }), status: 200, answer: 'CONTROL_CHARACTERS' },
  { name: 'password of the wrong type (object)', send: () => op(RESET, { input: { newPassword: { a: 1 }, token: 't' } }), status: 400, answer: 'String cannot represent a non string value' },
  { name: 'token of 10,000 characters', send: () => op(RESET, { input: { newPassword: 'Valid-Passw0rd-1', token: 't'.repeat(10_000) } }), status: 200, answer: /too_big|Too big|at most/i },
  { name: 'customerId beyond 32 bits', send: () => op(RESET, { input: { newPassword: 'Valid-Passw0rd-1', token: 't', customerId: 2 ** 40 } }), status: 400, answer: 'Int cannot represent non 32-bit signed integer value' },
  { name: 'negative customerId', send: () => op(RESET, { input: { newPassword: 'Valid-Passw0rd-1', token: 't', customerId: -1 } }), status: 200, answer: 'INVALID_RESET_TOKEN' },
  { name: 'JWT of 10,000 characters', send: () => op(LOGIN, { input: { jwt: 'a'.repeat(10_000) } }), status: 200, answer: /too_big|Too big|at most/i },
  { name: 'JWT that is not one', send: () => op(LOGIN, { input: { jwt: 'a.b.c' } }), status: 200, answer: 'InvalidJwtError' },
  { name: 'body of 100 KB', send: () => post(JSON.stringify({ query: `{ passwordPolicy { minLength } } #${'x'.repeat(100_000)}` })), status: 413, answer: 'larger than' },
  { name: 'mutation over GET', send: () => fetch(`${gw.url}/graphql?query=${encodeURIComponent('mutation { requestPasswordReset(input: {email: "a@b.co"}) { accepted } }')}`, { headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' } }), status: 405, answer: /mutation|GET/i },
  { name: 'form-encoded body (CSRF)', send: () => post('query=x', { 'content-type': 'application/x-www-form-urlencoded' }), status: 403, answer: 'Required CSRF header(s) not present' },
  { name: 'reset link with a garbage token', send: () => fetch(`${gw.url}/password-reset?c=1&t=`, { redirect: 'manual' }), status: 303, answer: '' },
  { name: 'reset link with a 5,000-character c', send: () => fetch(`${gw.url}/password-reset?c=${'9'.repeat(5000)}&t=x`, { redirect: 'manual' }), status: 303, answer: '' },
];

describe('bad input', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    const response = await testCase.send();
    const body = await response.text();
    const answer = readAnswer(body);
    rows.push(`| ${testCase.name} | ${response.status} | ${answer.replace(/\|/g, '\\|').slice(0, 90) || '(redirect, no cookie)'} |`);
    expect(response.status).toBe(testCase.status);
    if (typeof testCase.answer === 'string') expect(answer).toContain(testCase.answer);
    else expect(answer).toMatch(testCase.answer);
    expect(body).not.toMatch(/\bat .+\.(ts|js):\d+|"stack"|Unexpected error/);
    if (response.status === 303) expect(response.headers.get('set-cookie')).toMatch(/Max-Age=0/);
  });
});

/** The first error message, else the data, else the raw body. */
function readAnswer(body: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ message: string }>; data?: unknown };
    return parsed.errors?.[0]?.message ?? JSON.stringify(parsed.data);
  } catch {
    return body;
  }
}
