/**
 * Nothing a client sends reaches a log line, however it is sent: documents with inline literals (as GraphiQL users
 * write them) while BigCommerce fails, so every error path logs. The suite-wide log audit (test/support/log-audit.ts)
 * checks this file's lines for every literal below; the checks here make sure the failures really were logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { customerLoginJwt, SandboxHarness } from '../support/sandbox.js';

let gw: TestGateway;
let sandbox: SandboxHarness;
beforeAll(async () => {
  gw = await startTestGateway();
  sandbox = SandboxHarness.connect(gw.sandboxUrl);
  await sandbox.setFaults([{ route: '*', status: 500 }]);
});
afterAll(async () => {
  await sandbox.setFaults([]);
  await gw.close();
});

describe('documents with inline secrets while BigCommerce fails', () => {
  it('logs the failures by type and request id, never the document or its values', async () => {
    const jwt = customerLoginJwt({ iat: Math.floor(Date.now() / 1000) });
    const documents = [
      'mutation { resetPassword(input: { newPassword: "Inline-Secret-Passw0rd-1", customerId: 1, token: "inline-native-t-token-0123456789" }) { __typename } }',
      'mutation { requestPasswordReset(input: { email: "inline.person@example.com" }) { accepted } }',
      `mutation { loginWithJwt(input: { jwt: "${jwt}" }) { __typename } }`,
      'mutation { resetPassword(input: { newPassword: "Inline-Secret-Passw0rd-2", token: "inline-ott-token-9876543210" }) { __typename } }',
    ];
    for (const query of documents) await gw.graphql(query);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the background job for the reset request fails too
    const errors = gw.logs.filter((line) => line.includes('"level":"error"') || line.includes('background job'));
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors.some((line) => line.includes('UpstreamError'))).toBe(true);
  });
});
