/**
 * The Elastic Path emulator over real HTTP, as a client and a webhook receiver see it: tokens, settings, the
 * one-time password token request and its webhook (secret header, payload, duplicates, holding and reordering, a
 * dropped first attempt, retries), the exchange (one token per account), the account route that needs the token,
 * the password update, expiry by the clock, every UNVERIFIED behaviour both ways, the rate limit, and production.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ELASTICPATH_DEMO_PASSWORD, ELASTICPATH_DEV_CREDENTIALS as DEV, startElasticPathSandbox, type RunningElasticPathSandbox } from '../../../src/sandbox/elasticpath/index.js';
import { eventually } from '../../support/gateway.js';
import { auditSecret } from '../../support/log-audit.js';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: { id: string; attempt: number; triggered_by: string; payload: Record<string, unknown> & { one_time_password_token: string; purpose: string; created_at: string } };
}

let ep: RunningElasticPathSandbox;
let receiver: Server;
const received: Received[] = [];
let answerWith = 200;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(text) as Received['body'] });
      res.writeHead(answerWith).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  ep = await startElasticPathSandbox({ webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/elasticpath` });
  await lift();
});
/** The store rate limit (25/s, a development store) is under test once; elsewhere the tests' own calls would hit it. */
const lift = () => post('/__sandbox/modes', { requestsPerSecond: 10_000 });
afterAll(async () => {
  await ep.close();
  receiver.close();
});
afterEach(async () => {
  await post('/__sandbox/reset', {});
  await lift();
  received.length = 0;
  answerWith = 200;
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${ep.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, text, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & { data?: unknown } };
}
async function token(grant: 'implicit' | 'client_credentials' = 'implicit'): Promise<string> {
  const form = new URLSearchParams({ grant_type: grant, client_id: DEV.clientId, ...(grant === 'client_credentials' ? { client_secret: DEV.clientSecret } : {}) });
  const response = await fetch(`${ep.url}/oauth/access_token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  const body = (await response.json()) as { access_token: string; identifier: string; expires_in: number; data?: unknown };
  expect(body).toMatchObject({ identifier: grant, expires_in: 3600, token_type: 'Bearer' });
  expect(body.data).toBeUndefined();
  return body.access_token;
}
const realm = `/v2/authentication-realms/${DEV.realmId}`;
const otp = async (username: string, purpose = 'passwordless_authentication', auth?: string) =>
  post(`${realm}/password-profiles/${DEV.passwordProfileId}/one-time-password-token-request`, { data: { type: 'one_time_password_token_request', username, purpose } }, { authorization: `Bearer ${auth ?? (await token())}` });
const exchange = async (username: string, credential: { one_time_password_token: string } | { password: string }) =>
  post(
    '/v2/account-members/tokens',
    {
      data: {
        type: 'account_management_authentication_token',
        authentication_mechanism: 'one_time_password_token' in credential ? 'passwordless' : 'password',
        password_profile_id: DEV.passwordProfileId,
        username,
        ...credential,
      },
    },
    { authorization: `Bearer ${await token()}` },
  );
const nextEvent = async (count = 1) => {
  await eventually(async () => (received.length >= count ? true : undefined));
  const event = received[count - 1] as Received;
  auditSecret(event.body.payload.one_time_password_token);
  return event;
};

describe('the Elastic Path emulator', () => {
  it('issues implicit and client_credentials tokens, form-encoded, unwrapped; refuses a wrong secret', async () => {
    await token('implicit');
    await token('client_credentials');
    const refused = await fetch(`${ep.url}/oauth/access_token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEV.clientId, client_secret: 'nope' }) });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ errors: [{ status: '401', title: 'Unauthorized' }] });
  });

  it('serves the account-authentication settings with the realm relationship', async () => {
    const response = await fetch(`${ep.url}/v2/settings/account-authentication`, { headers: { authorization: `Bearer ${await token('client_credentials')}` } });
    const body = (await response.json()) as { data: { account_member_self_management: string; relationships: { authentication_realm: { data: { id: string; type: string } } } } };
    expect(body.data.account_member_self_management).toBe('update_only');
    expect(body.data.relationships.authentication_realm.data).toMatchObject({ id: DEV.realmId, type: 'authentication_realm' });
  });

  it('answers a token request 202 with an empty body, and fires the event with the secret header and the payload', async () => {
    const answer = await otp('jane@example.com');
    expect(answer.status).toBe(202);
    expect(answer.text).toBe('');
    const event = await nextEvent();
    expect(event.headers['x-moltin-secret-key']).toBe(DEV.webhookSecret);
    expect(event.body).toMatchObject({ triggered_by: 'one-time-password-token-request.created', attempt: 1 });
    expect(event.body.payload).toMatchObject({
      authentication_realm_id: DEV.realmId,
      purpose: 'passwordless_authentication',
      password_profile_id: DEV.passwordProfileId,
      user_authentication_info: { email: 'jane@example.com' },
      user_authentication_password_profile_info: { username: 'jane@example.com' },
    });
    expect(event.body.payload.one_time_password_token).toMatch(/^(?=.*[a-z])(?=.*\d)[a-z0-9]{6}$/);
    expect(event.body.payload.created_at).toMatch(/\.\d{3}\+00:00$/);
  });

  it('refuses a body whose type is the path segment, and an unknown purpose', async () => {
    const auth = await token();
    const path = `${realm}/password-profiles/${DEV.passwordProfileId}/one-time-password-token-request`;
    expect((await post(path, { data: { type: 'one-time-password-token-request', username: 'jane@example.com', purpose: 'reset_password' } }, { authorization: `Bearer ${auth}` })).status).toBe(422);
    expect((await otp('jane@example.com', 'password_reset')).status).toBe(422);
  });

  it('exchanges a code for one token per account (a member with two accounts gets two), once', async () => {
    await otp('sam@example.com');
    const { body } = await nextEvent();
    const first = await exchange('sam@example.com', { one_time_password_token: body.payload.one_time_password_token });
    expect(first.status).toBe(201);
    const tokens = first.body.data as Array<{ account_id: string; account_name: string; token: string; expires: string }>;
    expect(tokens.map((t) => t.account_name)).toEqual(['Sam Both', 'Sam Both Trading']);
    tokens.forEach((t) => auditSecret(t.token));
    expect((await exchange('sam@example.com', { one_time_password_token: body.payload.one_time_password_token })).status).toBe(401);
    // Each token works at its own account, and at no other.
    const [own, other] = [tokens[0]!, tokens[1]!];
    const account = (id: string, accountToken: string) =>
      fetch(`${ep.url}/v2/accounts/${id}`, { headers: { authorization: 'Bearer x', 'ep-account-management-authentication-token': accountToken } }).then(async (r) => r.status);
    const implicit = await token();
    const withAuth = (id: string, accountToken: string) =>
      fetch(`${ep.url}/v2/accounts/${id}`, { headers: { authorization: `Bearer ${implicit}`, 'ep-account-management-authentication-token': accountToken } }).then((r) => r.status);
    expect(await account(own.account_id, own.token)).toBe(401);
    expect(await withAuth(own.account_id, own.token)).toBe(200);
    expect(await withAuth(other.account_id, own.token)).toBe(403);
  });

  it('sets a password with the member token (self-management update_only); the new one works, the old does not', async () => {
    const members = (await (await fetch(`${ep.url}/__sandbox/members`)).json()) as Array<{ id: string; username: string; credentialId: string }>;
    const jane = members.find((m) => m.username === 'jane@example.com') as { id: string; credentialId: string };
    const tokens = (await exchange('jane@example.com', { password: ELASTICPATH_DEMO_PASSWORD })).body.data as Array<{ token: string }>;
    const put = (password: string) =>
      fetch(`${ep.url}${realm}/user-authentication-info/${jane.id}/user-authentication-password-profile-info/${jane.credentialId}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: 'Bearer x', 'ep-account-management-authentication-token': tokens[0]?.token ?? '' },
        body: JSON.stringify({ data: { id: jane.credentialId, type: 'user_authentication_password_profile_info', password } }),
      });
    expect((await put('New-Emulator-Passw0rd')).status).toBe(401); // no bearer token
    const implicit = await token();
    const authed = (password: string) =>
      fetch(`${ep.url}${realm}/user-authentication-info/${jane.id}/user-authentication-password-profile-info/${jane.credentialId}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${implicit}`, 'ep-account-management-authentication-token': tokens[0]?.token ?? '' },
        body: JSON.stringify({ data: { id: jane.credentialId, type: 'user_authentication_password_profile_info', password } }),
      });
    expect((await authed('short')).status).toBe(422);
    auditSecret('New-Emulator-Passw0rd');
    expect((await authed('New-Emulator-Passw0rd')).status).toBe(200);
    expect((await exchange('jane@example.com', { password: 'New-Emulator-Passw0rd' })).status).toBe(201);
    expect((await exchange('jane@example.com', { password: ELASTICPATH_DEMO_PASSWORD })).status).toBe(401);
    await post('/__sandbox/settings', { account_member_self_management: 'disabled' });
    expect((await authed('Another-Emulator-Passw0rd')).status).toBe(403);
  });

  it('expires codes after 10 minutes (the clock moves, nothing sleeps)', async () => {
    await otp('john@example.com');
    const { body } = await nextEvent();
    await post('/__sandbox/clock', { advanceSeconds: 601 });
    expect((await exchange('john@example.com', { one_time_password_token: body.payload.one_time_password_token })).status).toBe(401);
  });

  it('switches every UNVERIFIED behaviour: unknown usernames, reusable codes, newer requests killing older ones', async () => {
    expect((await otp('nobody@example.com')).status).toBe(202);
    await post('/__sandbox/modes', { unknownUsername: '404', singleUseCodes: false, newRequestKillsOlder: true, badCodeStatus: 422 });
    expect((await otp('nobody@example.com')).status).toBe(404);
    await otp('john@example.com');
    const older = (await nextEvent(1)).body.payload.one_time_password_token;
    await otp('john@example.com');
    const newer = (await nextEvent(2)).body.payload.one_time_password_token;
    expect((await exchange('john@example.com', { one_time_password_token: older })).status).toBe(422);
    expect((await exchange('john@example.com', { one_time_password_token: newer })).status).toBe(201);
    expect((await exchange('john@example.com', { one_time_password_token: newer })).status).toBe(201);
  });

  it('delivers duplicates, holds events to deliver them newest first, retries a dropped or failed attempt', async () => {
    await post('/__sandbox/webhooks/behaviour', { duplicate: true });
    await otp('jane@example.com');
    await eventually(async () => (received.length === 2 ? true : undefined));
    expect(received[0]?.body.id).toBe(received[1]?.body.id);

    received.length = 0;
    await post('/__sandbox/webhooks/behaviour', { hold: true });
    await otp('jane@example.com');
    await otp('jane@example.com');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toHaveLength(0);
    await post('/__sandbox/webhooks/flush', {});
    await eventually(async () => (received.length === 2 ? true : undefined));
    expect(Date.parse(received[0]?.body.payload.created_at ?? '')).toBeGreaterThanOrEqual(Date.parse(received[1]?.body.payload.created_at ?? ''));

    received.length = 0;
    await post('/__sandbox/webhooks/behaviour', { dropFirstAttempt: true, retryDelayMs: 50 });
    await otp('jane@example.com');
    const retried = await nextEvent();
    expect(retried.body.attempt).toBe(2);

    received.length = 0;
    answerWith = 500;
    await post('/__sandbox/webhooks/behaviour', { retryDelayMs: 50 });
    await otp('jane@example.com');
    await eventually(async () => (received.length >= 2 ? true : undefined));
    answerWith = 200;
    await eventually(async () => (received.length >= 3 ? true : undefined));
    expect(received.map((r) => r.body.attempt).slice(0, 3)).toEqual([1, 2, 3]);
  });

  it('answers 429 over the store rate limit, with EP error body and no rate-limit headers', async () => {
    const auth = await token('client_credentials');
    await post('/__sandbox/modes', { requestsPerSecond: 3 });
    const statuses = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const response = await fetch(`${ep.url}/v2/settings/account-authentication`, { headers: { authorization: `Bearer ${auth}` } });
        if (response.status === 429) {
          expect(await response.json()).toEqual({ errors: [{ status: 429, title: 'Too Many Requests' }] });
          expect(response.headers.get('x-rate-limit-requests-left')).toBeNull();
        } else await response.arrayBuffer();
        return response.status;
      }),
    );
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
  });

  it('refuses to start with NODE_ENV=production or off loopback', async () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(startElasticPathSandbox()).rejects.toThrow(/refuses to start with NODE_ENV=production/);
    } finally {
      process.env.NODE_ENV = previous;
    }
    await expect(startElasticPathSandbox({ host: '0.0.0.0' })).rejects.toThrow(/only binds to loopback/);
  });
});
