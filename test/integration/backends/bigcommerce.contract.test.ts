/** The backend contract (test/support/backend-contract.ts) for BigCommerce: the sandbox as the store, the ott flow. */
import { afterAll, beforeAll } from 'vitest';
import { backendContract } from '../../support/backend-contract.js';
import { eventually, startTestGateway, type TestGateway } from '../../support/gateway.js';
import { SandboxHarness } from '../../support/sandbox.js';

let gw: TestGateway;
let sandbox: SandboxHarness;

beforeAll(async () => {
  gw = await startTestGateway({
    env: { RESET_STRATEGY: 'ott', RESET_TOKEN_SECRET: 'contract-secret-contract-secret-0123456', SIGN_IN_RESEND_COOLDOWN: '0' },
  });
  sandbox = SandboxHarness.connect(gw.sandboxUrl);
});
afterAll(async () => gw.close());

const mails = (to: string, subject: RegExp) => gw.mail().filter((m) => m.to === to && subject.test(m.subject));

backendContract({
  name: 'bigcommerce',
  gateway: () => gw,
  shopper: { email: 'john@example.com', password: 'Password123' },
  resetMailCount: async (email) => mails(email, /reset/i).length,
  resetCredential: async (email, since) => {
    const mail = await eventually(async () => (mails(email, /reset/i).length > since ? mails(email, /reset/i)[0] : undefined));
    return { token: new URL(mail.links.find((l) => l.includes('/password-reset?token=')) ?? '').searchParams.get('token') ?? '' };
  },
  signInMailCount: async (email) => mails(email, /sign-in code/).length,
  signInMail: async (email, since) => {
    const mail = await eventually(async () => (mails(email, /sign-in code/).length > since ? mails(email, /sign-in code/)[0] : undefined));
    return {
      code: /is: (\d{6})/.exec(mail.text)?.[1] ?? '',
      linkToken: new URL(mail.links.find((l) => l.includes('sign-in-link')) ?? '').searchParams.get('token') ?? '',
    };
  },
  passwordWorks: (email, password) => sandbox.canLogin(email, password),
  // The harness times upstream calls out after 2 s; BigCommerce applies the update and answers after 4 s.
  loseNextPasswordUpdateAnswer: async () => void (await sandbox.setFaults([{ route: 'PUT /v3/customers', answerDelayMs: 4000, times: 1 }])),
  clearFaults: async () => void (await sandbox.setFaults([])),
  wrongCode: (code) => String((Number(code) + 1) % 1_000_000).padStart(6, '0'),
});
