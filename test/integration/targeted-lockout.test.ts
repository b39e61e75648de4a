/**
 * Strangers must not be able to silence or lock out an address's owner (issue 15, row 12), and requests the resend
 * cooldown swallows must not spend the per-email budget (issue 16; and the mutation audit's gap: nothing counted
 * the mails sent within a cooldown). Answers stay identical throughout (the enumeration suites check that).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { auditSecret } from '../support/log-audit.js';
import { SandboxHarness } from '../support/sandbox.js';

const REQUEST_RESET = 'mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { accepted } }';
const REQUEST_CODE = 'mutation ($email: String!) { requestSignInCode(input: { email: $email }) { accepted } }';
const WITH_CODE = 'mutation ($email: String!, $code: String!) { signInWithCode(input: { email: $email, code: $code }) { __typename } }';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

const codeMails = (target: TestGateway, to: string) => target.mail().filter((m) => m.to === to && m.subject.includes('sign-in code'));

async function askForCode(target: TestGateway, email: string, headers: Record<string, string> = {}) {
  const before = codeMails(target, email).length;
  const answer = await target.graphql(REQUEST_CODE, { email }, { headers });
  return { cookie: answer.headers.get('set-cookie')?.split(';')[0] ?? '', before };
}

async function latestCode(target: TestGateway, email: string, before: number): Promise<string> {
  const mail = await eventually(async () => (codeMails(target, email).length > before ? codeMails(target, email)[0] : undefined));
  const code = /is: (\d{6})/.exec(mail.text)?.[1] ?? '';
  auditSecret(code);
  return code;
}

describe('the per-email reset limit', () => {
  it("spent by strangers, still lets the owner's request through once every mail sent earlier has expired", async () => {
    gw = await startTestGateway({
      limits: 'default',
      // Links assumed to live 3 s, so the test need not wait an hour; the per-email limit as shipped (3 an hour).
      env: { NATIVE_RESET_TOKEN_TTL: '3', QUEUE_MAX_JOB_AGE: '600', RATE_LIMIT_REQUEST_RESET_PER_IP: '100/60', RATE_LIMIT_HTTP_PER_IP: '1000/60' },
    });
    const sandbox = SandboxHarness.connect(gw.sandboxUrl);
    const mails = async () => (await sandbox.mail('jane@example.com')).length;
    const start = await mails();
    // (One at a time: requests for an address while its job is pending collapse into that job.)
    for (let i = 1; i <= 3; i++) {
      await gw.graphql(REQUEST_RESET, { email: 'jane@example.com' });
      await eventually(async () => ((await mails()) === start + i ? true : undefined));
      // The job that mailed is done a moment after the mail (until then a new request collapses into it).
      await sleep(200);
    }
    // While a link they caused can still be used, more requests send nothing (the owner has that link).
    await gw.graphql(REQUEST_RESET, { email: 'jane@example.com' });
    await sleep(500);
    expect(await mails()).toBe(start + 3);
    // Once none can, the owner's own request sends one.
    await sleep(3100);
    await gw.graphql(REQUEST_RESET, { email: 'jane@example.com' });
    await eventually(async () => ((await mails()) === start + 4 ? true : undefined));
  });
});

describe('the resend cooldown', () => {
  it('sends nothing within it, and what it swallows does not spend the per-email budget', async () => {
    gw = await startTestGateway({
      limits: 'default',
      env: { SIGN_IN_RESEND_COOLDOWN: '1', RATE_LIMIT_SIGN_IN_REQUEST_PER_EMAIL: '2/3600', RATE_LIMIT_HTTP_PER_IP: '1000/60' },
    });
    const first = await askForCode(gw, 'john@example.com');
    await latestCode(gw, 'john@example.com', first.before);
    // A second request within the cooldown: no mail.
    await gw.graphql(REQUEST_CODE, { email: 'john@example.com' });
    await sleep(500);
    expect(codeMails(gw, 'john@example.com')).toHaveLength(1);
    // After it, a new request is within the budget of 2: the swallowed one did not count.
    await sleep(700);
    const third = await askForCode(gw, 'john@example.com');
    await latestCode(gw, 'john@example.com', third.before);
    expect(codeMails(gw, 'john@example.com')).toHaveLength(2);
  });
});

describe('the per-email sign-in attempt limit', () => {
  it("spent by strangers' wrong guesses from 10 IPs, does not lock out the owner in the browser that asked", async () => {
    gw = await startTestGateway({
      limits: 'default',
      env: {
        SIGN_IN_RESEND_COOLDOWN: '0',
        TRUSTED_PROXIES: '127.0.0.1',
        RATE_LIMIT_SIGN_IN_REQUEST_PER_EMAIL: '20/3600',
        RATE_LIMIT_HTTP_PER_IP: '1000/60',
      },
    });
    // Strangers ask for codes (mailed to Jane) and guess: 12 wrong tries from 12 addresses, past the limit of 10.
    let guesses = 0;
    for (let round = 0; round < 4; round++) {
      const { before } = await askForCode(gw, 'jane@example.com', { 'x-forwarded-for': `203.0.113.${round}` });
      const real = await latestCode(gw, 'jane@example.com', before);
      for (let i = 0; i < 3; i++) {
        const wrong = String((Number(real) + 1 + i) % 1_000_000).padStart(6, '0');
        await gw.graphql(WITH_CODE, { email: 'jane@example.com', code: wrong }, { headers: { 'x-forwarded-for': `198.51.100.${guesses++}` } });
      }
    }
    const stranger = await gw.graphql<{ signInWithCode: { __typename: string } }>(WITH_CODE, { email: 'jane@example.com', code: '000000' }, {
      headers: { 'x-forwarded-for': '198.51.100.200' },
    });
    expect(stranger.body.data?.signInWithCode.__typename).toBe('RateLimitedError');
    // Jane asks in her own browser and enters the code she was mailed.
    const own = await askForCode(gw, 'jane@example.com', { 'x-forwarded-for': '192.0.2.7' });
    const code = await latestCode(gw, 'jane@example.com', own.before);
    const answer = await gw.graphql<{ signInWithCode: { __typename: string } }>(WITH_CODE, { email: 'jane@example.com', code }, {
      headers: { 'x-forwarded-for': '192.0.2.7', cookie: own.cookie },
    });
    expect(answer.body.data?.signInWithCode.__typename).toBe('LoginSuccess');
  });
});
