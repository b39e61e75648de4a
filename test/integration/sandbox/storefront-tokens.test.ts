import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import jwt from 'jsonwebtoken';
import { SandboxHarness } from '../../support/sandbox.js';

const SITE = '{ site { settings { storeName storeHash } } }';

describe('sandbox storefront tokens and /graphql bearer auth', () => {
  let sb: SandboxHarness;
  beforeAll(async () => {
    sb = await SandboxHarness.start();
  });
  afterAll(() => sb.close());
  beforeEach(() => sb.reset());

  it('issues all three token kinds as JWTs in {data:{token}, meta:{}} and accepts each at /graphql', async () => {
    const expiresAt = (await sb.storeTime()) + 600;
    const bodies: [string, Record<string, unknown>][] = [
      ['api-token', { channel_id: 1, expires_at: expiresAt, allowed_cors_origins: ['https://shop.example.test'] }],
      ['api-token-private', { channel_ids: [1], expires_at: expiresAt, scopes: ['Unauthenticated'] }],
      ['api-token-customer-impersonation', { channel_id: 1, expires_at: expiresAt }],
    ];
    for (const [kind, body] of bodies) {
      const created = await sb.rest<{ data: { token: string }; meta: object }>('POST', `/v3/storefront/${kind}`, body);
      expect(created.status, kind).toBe(200);
      expect(created.body.meta).toEqual({});
      expect(created.body.data.token.split('.')).toHaveLength(3);
      // A storefront token is a browser token: the browser sends Origin (server-to-server use is refused, below).
      const origin: Record<string, string> = kind === 'api-token' ? { Origin: 'https://shop.example.test' } : {};
      const answer = await sb.graphql(SITE, {}, { Authorization: `Bearer ${created.body.data.token}`, ...origin });
      expect(answer.status, kind).toBe(200);
      expect(answer.body.data).toEqual({ site: { settings: { storeName: 'Sandbox Store', storeHash: 'sandbox' } } });
    }
  });

  it('refuses token bodies with neither or both channel fields, no expires_at, past or millisecond expiry, private without scopes', async () => {
    const now = await sb.storeTime();
    const cases: [string, Record<string, unknown>][] = [
      ['api-token', { expires_at: now + 60 }],
      ['api-token', { channel_id: 1, channel_ids: [1], expires_at: now + 60 }],
      ['api-token', { channel_id: 1 }],
      ['api-token', { channel_id: 1, expires_at: now - 60 }],
      ['api-token', { channel_id: 1, expires_at: (now + 60) * 1000 }],
      ['api-token', { channel_id: 99, expires_at: now + 60 }],
      ['api-token-private', { channel_id: 1, expires_at: now + 60 }],
      ['api-token-private', { channel_id: 1, expires_at: now + 60, scopes: [] }],
    ];
    for (const [kind, body] of cases) {
      const response = await sb.rest<{ status: number }>('POST', `/v3/storefront/${kind}`, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.status).toBe(422);
    }
  });

  it('answers HTTP 401 with the documented messages for missing, non-JWT, badly signed and unknown-format tokens', async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, 'GraphQL credentials were missing. No token was sent.'],
      [{ Authorization: 'Bearer not-a-jwt' }, 'GraphQL invalid credentials. String is not a JWT'],
      [{ Authorization: `Bearer ${jwt.sign({ cid: [1] }, 'someone-elses-key')}` }, 'GraphQL invalid credentials. JWT signature is invalid'],
      [{ Authorization: 'Bearer e30.bm90IGpzb24.c2ln' }, 'GraphQL invalid credentials. JWT has no valid Json'],
    ];
    for (const [headers, message] of cases) {
      const response = await sb.graphql(SITE, {}, headers);
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ errors: [{ message }] });
    }
  });

  it('refuses a storefront token created after 2026-06-30 server-to-server (no Origin), as storefront_tokens.v3.yml says', async () => {
    const expiresAt = (await sb.storeTime()) + 600;
    const created = await sb.rest<{ data: { token: string } }>('POST', '/v3/storefront/api-token', { channel_id: 1, expires_at: expiresAt });
    const response = await sb.graphql(SITE, {}, { Authorization: `Bearer ${created.body.data.token}` });
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.message).toMatch(/Storefront tokens created after 2026-06-30 cannot be used server-to-server/);
  });

  it("enforces a private token's scopes: one without Customer cannot log a customer in", async () => {
    const expiresAt = (await sb.storeTime()) + 600;
    const mint = async (scopes: string[]) =>
      (await sb.rest<{ data: { token: string } }>('POST', '/v3/storefront/api-token-private', { channel_id: 1, expires_at: expiresAt, scopes })).body.data.token;
    const login = 'mutation { login(email: "jane@example.com", password: "Password123") { customer { entityId } } }';
    const b2bOnly = await sb.graphql(login, {}, { Authorization: `Bearer ${await mint(['B2B'])}` });
    expect(b2bOnly.body.data).toBeNull();
    expect(b2bOnly.body.errors?.[0]?.extensions).toEqual({ code: 'INSUFFICIENT_ACCESS_SCOPE', requiredScopes: ['Customer'] });
    const customer = await sb.graphql(login, {}, { Authorization: `Bearer ${await mint(['Customer'])}` });
    expect(customer.body.data).toEqual({ login: { customer: { entityId: 1 } } });
    const site = await sb.graphql(SITE, {}, { Authorization: `Bearer ${await mint(['Customer'])}` });
    expect(site.body.errors?.[0]?.extensions).toMatchObject({ requiredScopes: ['Unauthenticated'] });
  });

  it('serves each channel at /channels/{id}/graphql; a token for channel 1 is refused on channel 2', async () => {
    const expiresAt = (await sb.storeTime()) + 600;
    const mint = async (channelIds: number[]) =>
      (await sb.rest<{ data: { token: string } }>('POST', '/v3/storefront/api-token-private', {
        channel_ids: channelIds,
        expires_at: expiresAt,
        scopes: ['Unauthenticated', 'Customer'],
      })).body.data.token;
    const onTwo = await sb.raw('POST', '/channels/2/graphql', {
      body: JSON.stringify({ query: SITE }),
      headers: { Authorization: `Bearer ${await mint([2])}` },
    });
    expect(onTwo.status).toBe(200);
    const wrongChannel = await sb.raw('POST', '/channels/2/graphql', {
      body: JSON.stringify({ query: SITE }),
      headers: { Authorization: `Bearer ${await mint([1])}` },
    });
    expect(wrongChannel.status).toBe(401);
    expect(((await wrongChannel.json()) as { errors: Array<{ message: string }> }).errors[0]?.message).toBe(
      "GraphQL invalid credentials. JWT channel id doesn't match channel id of the URL",
    );
    expect((await sb.raw('POST', '/channels/99/graphql', { body: JSON.stringify({ query: SITE }) })).status).toBe(404);
  });

  it('refuses an unsigned (alg none) copy of a real token', async () => {
    const token = await sb.mintToken();
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as object;
    const forged = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
    const response = await sb.graphql(SITE, {}, { Authorization: `Bearer ${forged}` });
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.message).toBe('GraphQL invalid credentials. JWT signature is invalid');
  });

  it('a revoked token answers 401 "Unknown JWT token"; revoking needs a valid Sf-Api-Token', async () => {
    const token = await sb.mintToken();
    const other = await sb.mintToken();
    const revoked = await sb.rest('DELETE', '/v3/storefront/api-token', undefined, {
      'X-Auth-Token': 'sandbox-access-token',
      'Sf-Api-Token': token,
    });
    expect(revoked.status).toBe(200);
    const response = await sb.graphql(SITE, {}, { Authorization: `Bearer ${token}` });
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.message).toBe('Unknown JWT token');
    expect((await sb.graphql(SITE, {}, { Authorization: `Bearer ${other}` })).status).toBe(200);

    const missing = await sb.rest('DELETE', '/v3/storefront/api-token');
    expect(missing.status).toBe(422);
  });

  it('an expired token answers 401 "JWT is expired"', async () => {
    const token = await sb.mintToken('api-token-private', 60);
    expect((await sb.graphql(SITE, {}, { Authorization: `Bearer ${token}` })).status).toBe(200);
    await sb.advanceClock(61);
    const response = await sb.graphql(SITE, {}, { Authorization: `Bearer ${token}` });
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.message).toBe('GraphQL invalid credentials. JWT is expired');
  });

  it('serves the SDL subset exactly: a field that is not in it fails validation', async () => {
    const token = await sb.mintToken();
    const response = await sb.graphql('{ site { settings { storeName currency } } }', {}, { Authorization: `Bearer ${token}` });
    expect(response.body.errors?.[0]?.message).toContain('Cannot query field "currency"');
  });

  it('answers malformed JSON, a missing query and an oversized body at /graphql with client errors, never a stack trace', async () => {
    const auth = { Authorization: `Bearer ${await sb.mintToken()}` };
    const malformed = await sb.raw('POST', '/graphql', { headers: auth, body: '{"query": "{ site' });
    expect(malformed.status).toBe(400);
    const malformedText = await malformed.text();
    expect(malformedText).toContain('errors');
    expect(malformedText).not.toMatch(/\bat .*\.(ts|js):\d+/);

    // GraphQL over HTTP: with `application/json` responses a request error is a 200 carrying `errors`.
    const noQuery = await sb.raw('POST', '/graphql', { headers: auth, body: '{"variables": {}}' });
    expect(noQuery.status).toBeLessThan(500);
    expect(((await noQuery.json()) as { errors: { message: string }[] }).errors[0]?.message).toBe('Must provide query string.');

    const huge = await sb.raw('POST', '/graphql', { headers: auth, body: JSON.stringify({ query: SITE, variables: { x: 'y'.repeat(300_000) } }) });
    expect(huge.status).toBe(413);

    expect((await sb.graphql(SITE, {}, auth)).status).toBe(200);
  });
});
