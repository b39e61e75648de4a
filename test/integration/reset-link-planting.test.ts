/**
 * Login CSRF through a reset link (issue 15, row 11): someone plants their own genuine link in a victim's browser.
 * The victim must be able to see whose account the link changes before anything changes; the cookies must be
 * `__Host-` (no sibling subdomain can toss one in); and a credential too long for a cookie must clear the old one
 * rather than leave it standing (browsers drop a Set-Cookie over about 4 KB).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { auditSecret } from '../support/log-audit.js';

const STATUS = 'query { passwordResetTokenStatus { status account { maskedEmail } } }';
let ott: TestGateway;
let native: TestGateway;

beforeAll(async () => {
  ott = await startTestGateway({ env: { RESET_STRATEGY: 'ott', RESET_TOKEN_SECRET: 'planting-secret-planting-secret-0123456' } });
  native = await startTestGateway();
});
afterAll(async () => {
  await ott.close();
  await native.close();
});

async function openLink(gw: TestGateway, link: string): Promise<string> {
  const response = await fetch(link, { redirect: 'manual' });
  expect(response.status).toBe(303);
  return response.headers.get('set-cookie') ?? '';
}

describe('a planted reset link', () => {
  it('ott: names the account it changes, masked, before anything changes; the cookie is __Host-, Path=/', async () => {
    await ott.graphql('mutation { requestPasswordReset(input: { email: "john@example.com" }) { accepted } }');
    const mail = await eventually(async () => ott.mail().find((m) => m.to === 'john@example.com'));
    const link = mail.links.find((l) => l.includes('/password-reset?token=')) as string;
    auditSecret(new URL(link).searchParams.get('token') ?? '');
    const setCookie = await openLink(ott, link);
    expect(setCookie).toMatch(/^__Host-reset_handoff=[\w-]+; Path=\/; Max-Age=\d+; HttpOnly; Secure; SameSite=Strict$/);
    const cookie = setCookie.split(';')[0] as string;
    auditSecret(cookie.split('=')[1] ?? '');
    const status = await ott.graphql(STATUS, {}, { headers: { cookie } });
    expect(status.body.data).toEqual({ passwordResetTokenStatus: { status: 'VALID', account: { maskedEmail: 'j•••@example.com' } } });
    expect(status.raw).not.toContain('john@example.com');
  });

  it('native: names no account (BigCommerce cannot check `t`, so any `c` would reveal any customer)', async () => {
    const setCookie = await openLink(native, `${native.url}/password-reset?c=1&t=made-up-token`);
    const status = await native.graphql(STATUS, {}, { headers: { cookie: setCookie.split(';')[0] as string } });
    expect(status.body.data).toEqual({ passwordResetTokenStatus: { status: 'UNKNOWN', account: null } });
  });

  it('a credential too long for a cookie clears the one already set instead of leaving it', async () => {
    const setCookie = await openLink(native, `${native.url}/password-reset?c=1&t=${'x'.repeat(5000)}`);
    expect(setCookie).toMatch(/^__Host-reset_handoff=; Path=\/; Max-Age=0;/);
  });
});
