/**
 * Elastic Path with two gateway processes on one real Redis: one valid code redeemed by 50 concurrent sign-ins split
 * across both, 100 times over, has exactly one winner each time (EP's own codes may not be single use: UNVERIFIED);
 * and an instance SIGKILLed right after accepting 50 webhook deliveries loses none of their mails once restarted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startElasticPathSandbox, type RunningElasticPathSandbox } from '../../src/sandbox/elasticpath/index.js';
import { ElasticPathEmulator } from '../support/elasticpath.js';
import { elasticPathStoreEnv, eventually } from '../support/gateway.js';
import { freePort, type Instance, startInstance, stop } from '../support/instances.js';
import { auditSecret } from '../support/log-audit.js';
import { startPostmarkServer, type PostmarkServer } from '../support/postmark-server.js';
import { REDIS_URL, redisAvailable, uniqueRedisPrefix } from '../support/requirements.js';

const run = await redisAvailable();
const TOKEN = 'ep-instances-postmark-token';

const graphql = async (instance: Instance, query: string, variables: Record<string, unknown>) => {
  const response = await fetch(`${instance.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return response.text();
};
const REQUEST_CODE = 'mutation ($email: String!) { requestSignInCode(input: { email: $email }) { accepted } }';
const SIGN_IN = 'mutation ($code: String!) { signInWithCode(input: { email: "jane@example.com", code: $code }) { __typename } }';

describe.runIf(run)('Elastic Path, two gateway instances on one Redis', () => {
  let emulator: RunningElasticPathSandbox;
  let ep: ElasticPathEmulator;
  let postmark: PostmarkServer;
  let env: Record<string, string>;
  let publicPort: number;
  const running: Instance[] = [];

  beforeAll(async () => {
    emulator = await startElasticPathSandbox();
    ep = ElasticPathEmulator.connect(emulator.url);
    await ep.reset();
    postmark = await startPostmarkServer(TOKEN);
    // The instances must know their address up front: EP's integration names the public URL.
    publicPort = await freePort();
    // The integration the gateway checks for at start-up (PUBLIC_URL is instance A's address, as a balancer's would be).
    await ep.webhookTarget(`http://127.0.0.1:${publicPort}/webhooks/elasticpath`);
    env = {
      ...elasticPathStoreEnv(emulator.url, 'generous', postmark.url),
      POSTMARK_SERVER_TOKEN: TOKEN,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      PUBLIC_URL: `http://127.0.0.1:${publicPort}`,
      REDIS_URL,
      REDIS_KEY_PREFIX: uniqueRedisPrefix(),
      SIGN_IN_RESEND_COOLDOWN: '0',
      QUEUE_LOCK_SECONDS: '3',
    };
  }, 30_000);
  afterAll(async () => {
    await Promise.all(running.map((instance) => stop(instance)));
    await postmark?.close();
    await emulator?.close();
  });
  const launch = async (port: number, overrides: Record<string, string> = {}) => {
    const instance = await startInstance({ ...env, PORT: String(port), ...overrides });
    running.push(instance);
    await eventually(async () => ((await fetch(`${instance.url}/ready`)).ok ? true : undefined), 10_000);
    return instance;
  };

  it('lets exactly one of 50 concurrent sign-ins with one code win, split across both instances, 100 times over', async () => {
    const [a, b] = [await launch(publicPort), await launch(await freePort())];
    await ep.modes({ singleUseCodes: false });
    const signInMails = () => postmark.delivered.filter((mail) => mail.to === 'jane@example.com' && /sign-in code/.test(mail.subject ?? ''));
    for (let trial = 0; trial < 100; trial++) {
      const before = signInMails().length;
      await graphql(trial % 2 === 0 ? a : b, REQUEST_CODE, { email: 'jane@example.com' });
      const mail = await eventually(async () => signInMails()[before], 10_000);
      const code = /is: ([a-z0-9]{6})\b/.exec(mail.textBody ?? '')?.[1] ?? '';
      auditSecret(code);
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => graphql(i % 2 === 0 ? a : b, SIGN_IN, { code })));
      expect(results.filter((raw) => raw.includes('LoginSuccess')).length, `trial ${trial}`).toBe(1);
      expect(results.filter((raw) => raw.includes('InvalidSignInCodeError'))).toHaveLength(49);
    }
    console.info('elasticpath: 100 trials × 50 concurrent signInWithCode over two instances, exactly one success in each');
    await Promise.all([stop(a), stop(b)]);
  }, 180_000);

  it('mails all 50 codes whose webhook deliveries were accepted before a SIGKILL, once restarted', async () => {
    await ep.reset();
    await ep.webhookTarget(`http://127.0.0.1:${publicPort}/webhooks/elasticpath`);
    const emails = Array.from({ length: 50 }, (_, i) => `crash-${i}@example.com`);
    for (const email of emails) await ep.addMember(email);
    // Postmark unreachable: every mail waits in the queue (accepted, not sent) when the instance dies.
    const down = { POSTMARK_API_URL: 'http://127.0.0.1:9' };
    const first = await launch(publicPort, down);
    await ep.webhooks({ hold: true });
    await Promise.all(emails.map((email) => graphql(first, REQUEST_CODE, { email })));
    await eventually(async () => ((await ep.codes()).length === 50 ? true : undefined), 20_000);
    await ep.flushWebhooks();
    await eventually(async () => ((await ep.deliveries()).filter((delivery) => delivery.result === 200).length === 50 ? true : undefined), 20_000);
    await stop(first, 'SIGKILL');
    const mailedAtKill = postmark.delivered.filter((mail) => emails.includes(mail.to)).length;

    await launch(publicPort);
    const counts = await eventually(async () => {
      const perAddress = new Map<string, number>();
      for (const mail of postmark.delivered) if (emails.includes(mail.to)) perAddress.set(mail.to, (perAddress.get(mail.to) ?? 0) + 1);
      return perAddress.size === 50 ? perAddress : undefined;
    }, 60_000);
    const twice = [...counts.values()].filter((n) => n > 1).length;
    console.info(`elasticpath restart: ${mailedAtKill} of 50 mailed at the kill, ${counts.size} of 50 in the end, ${twice} sent twice`);
    expect(mailedAtKill).toBe(0);
    expect(twice).toBe(0);
    // Each mail carries the code EP made for that member.
    const codes = new Map((await ep.codes()).map((code) => [code.username, code.code]));
    for (const mail of postmark.delivered.filter((m) => emails.includes(m.to))) expect(mail.textBody).toContain(codes.get(mail.to));
  }, 120_000);
});
