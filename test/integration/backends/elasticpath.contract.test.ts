/**
 * The backend contract (test/support/backend-contract.ts) for Elastic Path: the emulator as the store, posting its
 * webhooks to the gateway over HTTP, and the gateway's one reset flow (`elasticpath`).
 */
import { afterAll, beforeAll } from 'vitest';
import { backendContract } from '../../support/backend-contract.js';
import { ElasticPathEmulator } from '../../support/elasticpath.js';
import { eventually, startTestGateway, type TestGateway } from '../../support/gateway.js';

let gw: TestGateway;
let ep: ElasticPathEmulator;

beforeAll(async () => {
  gw = await startTestGateway({ backend: 'elasticpath', env: { SIGN_IN_RESEND_COOLDOWN: '0' } });
  ep = ElasticPathEmulator.connect(gw.sandboxUrl);
  await ep.reset();
});
afterAll(async () => gw.close());

const mails = (to: string, subject: RegExp) => gw.mail().filter((m) => m.to === to && subject.test(m.subject));
// EP's codes: 6 characters of a-z0-9.
const CODE = /is: ([a-z0-9]{6})\b/;

backendContract({
  name: 'elasticpath',
  gateway: () => gw,
  shopper: { email: 'john@example.com', password: 'Password123' },
  resetMailCount: async (email) => mails(email, /^Reset/).length,
  resetCredential: async (email, since) => {
    const mail = await eventually(async () => (mails(email, /^Reset/).length > since ? mails(email, /^Reset/)[0] : undefined));
    return { token: new URL(mail.links.find((l) => l.includes('/password-reset?token=')) ?? '').searchParams.get('token') ?? '' };
  },
  signInMailCount: async (email) => mails(email, /sign-in code/).length,
  signInMail: async (email, since) => {
    const mail = await eventually(async () => (mails(email, /sign-in code/).length > since ? mails(email, /sign-in code/)[0] : undefined));
    return {
      code: CODE.exec(mail.text)?.[1] ?? '',
      linkToken: new URL(mail.links.find((l) => l.includes('sign-in-link')) ?? '').searchParams.get('token') ?? '',
    };
  },
  passwordWorks: (email, password) => ep.passwordWorks(email, password),
  // The harness times upstream calls out after 2 s; EP applies the update and answers after 4 s.
  loseNextPasswordUpdateAnswer: async () => void (await ep.setFaults([{ route: '* password-update', answerDelayMs: 4000, times: 1 }])),
  clearFaults: async () => void (await ep.setFaults([])),
  // Another code of EP's shape: the last character moved on by one in a-z0-9.
  wrongCode: (code) => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    return code.slice(0, 5) + alphabet[(alphabet.indexOf(code.at(-1) ?? 'a') + 1) % alphabet.length];
  },
});
