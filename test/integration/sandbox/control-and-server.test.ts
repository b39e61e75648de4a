import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS, startSandbox } from '../../../src/sandbox/index.js';
import { SandboxHarness } from '../../support/sandbox.js';

describe('sandbox control routes', () => {
  let sb: SandboxHarness;
  beforeAll(async () => {
    sb = await SandboxHarness.start();
  });
  afterAll(() => sb.close());

  it('POST /__sandbox/reset restores customers, attributes, sessions and the outbox', async () => {
    const auth = { Authorization: `Bearer ${await sb.mintToken()}` };
    await sb.rest('PUT', '/v3/customers', [{ id: 1, first_name: 'Changed', authentication: { new_password: 'Changed123' } }]);
    await sb.rest('POST', '/v3/customers', [{ email: 'extra@example.com', first_name: 'E', last_name: 'X' }]);
    await sb.rest('POST', '/v3/customers/attributes', [{ name: 'ott', type: 'string' }]);
    const login = await sb.graphql<{ login: { customerAccessToken: { value: string } } }>(
      'mutation { login(email: "john@example.com", password: "Password123") { customerAccessToken { value } } }',
      {},
      auth,
    );
    const cat = login.body.data?.login.customerAccessToken.value ?? '';
    expect((await sb.mail()).length).toBe(1);

    const reset = await sb.raw('POST', '/__sandbox/reset');
    expect(reset.status).toBe(200);

    const customers = await sb.rest<{ data: { id: number; first_name: string }[] }>('GET', '/v3/customers');
    expect(customers.body.data.map((c) => [c.id, c.first_name])).toEqual([[1, 'Jane'], [2, 'John'], [3, 'Riley'], [4, 'Olive']]);
    expect((await sb.rest('POST', '/v3/customers/validate-credentials', { email: 'jane@example.com', password: 'Password123' })).body).toEqual({
      is_valid: true,
      customer_id: 1,
    });
    expect((await sb.rest<{ data: unknown[] }>('GET', '/v3/customers/attributes')).body.data).toEqual([]);
    expect(await sb.mail()).toEqual([]);
    // Issued API tokens keep working across a reset (the embedding gateway keeps its token); sessions do not.
    const me = await sb.graphql('{ customer { entityId } }', {}, { ...auth, 'X-Bc-Customer-Access-Token': cat });
    expect(me.body.data).toEqual({ customer: null });
    // New customers get ids after the seed again.
    const created = await sb.rest<{ data: { id: number }[] }>('POST', '/v3/customers', [{ email: 'again@example.com', first_name: 'A', last_name: 'B' }]);
    expect(created.body.data[0]?.id).toBe(5);
  });

  it('GET /__sandbox/mail lists newest first and filters by ?to= (case-insensitive)', async () => {
    await sb.reset();
    await sb.rest('PUT', '/v3/customers', [{ id: 1, authentication: { new_password: 'Newpass123' } }]);
    await sb.rest('PUT', '/v3/customers', [{ id: 2, authentication: { new_password: 'Newpass123' } }]);
    const all = await sb.mail();
    expect(all.map((m) => m.to)).toEqual(['john@example.com', 'jane@example.com']);
    expect(all[0]).toEqual({
      id: expect.any(String),
      to: 'john@example.com',
      subject: 'Password change request for Sandbox Store',
      text: expect.any(String),
      html: expect.any(String),
      links: [expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/login\.php\?action=change_password&c=2&t=/)],
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect((await sb.mail('JANE@example.com')).map((m) => m.to)).toEqual(['jane@example.com']);
  });

  it('logs without secrets: no passwords, tokens or full emails', async () => {
    const lines: string[] = [];
    const logged = await SandboxHarness.start({ onLog: (line) => lines.push(line) });
    try {
      const auth = { Authorization: `Bearer ${await logged.mintToken()}` };
      await logged.graphql('mutation { login(email: "jane@example.com", password: "Password123") { result } }', {}, auth);
      await logged.graphql('mutation { login(email: "jane@example.com", password: "Wrong999") { result } }', {}, auth);
      await logged.graphql('mutation { customer { requestResetPassword(input: {email: "john@example.com"}) { errors { __typename } } } }', {}, auth);
      const [mail] = await logged.mail();
      const token = new URL(mail?.links[0] ?? 'http://x').searchParams.get('t') ?? 'missing';
      const all = lines.join('\n');
      expect(lines.length).toBeGreaterThan(2);
      expect(all).not.toContain('Password123');
      expect(all).not.toContain('Wrong999');
      expect(all).not.toContain('jane@example.com');
      expect(all).not.toContain('john@example.com');
      expect(all).not.toContain(token);
      expect(all).not.toContain(auth.Authorization.slice(7));
    } finally {
      await logged.close();
    }
  });
});

describe('startSandbox safety', () => {
  it('refuses a non-loopback host', async () => {
    await expect(startSandbox({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  it('refuses NODE_ENV=production', async () => {
    const previous = process.env['NODE_ENV'];
    process.env['NODE_ENV'] = 'production';
    try {
      await expect(startSandbox()).rejects.toThrow(/production/);
    } finally {
      process.env['NODE_ENV'] = previous;
    }
  });

  it('exposes the fixed dev credentials', () => {
    expect(SANDBOX_CREDENTIALS).toEqual({
      storeHash: 'sandbox',
      accessToken: 'sandbox-access-token',
      clientId: 'sandbox-client-id',
      clientSecret: 'sandbox-client-secret',
      channelId: 1,
    });
  });
});
