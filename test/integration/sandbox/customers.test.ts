import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SandboxHarness } from '../../support/sandbox.js';

interface Customer {
  id: number;
  email: string;
  first_name: string;
  authentication: { force_password_reset: boolean };
  attribute_count: number;
  channel_ids: number[] | null;
  attributes?: unknown[];
}
type Collection = {
  data: Customer[];
  meta: {
    pagination?: { total: number; count: number; per_page: number; current_page: number; total_pages: number };
    cursor_pagination?: { count: number; per_page: number; start_cursor: string | null; end_cursor: string | null };
  };
};
type ErrorBody = { status: number; title: string; errors: Record<string, string> };

const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { result customer { entityId } customerAccessToken { value } }
}`;

describe('sandbox /v3/customers', () => {
  let sb: SandboxHarness;
  beforeAll(async () => {
    sb = await SandboxHarness.start({ siteUrl: 'https://shop.example.test' });
  });
  afterAll(() => sb.close());
  beforeEach(() => sb.reset());

  it('finds customers by email:in case-insensitively, in the customer_Full envelope', async () => {
    const response = await sb.rest<Collection>('GET', `/v3/customers?email:in=${encodeURIComponent('JANE@Example.com,john@example.com')}`);
    expect(response.status).toBe(200);
    expect(response.body.data.map((c) => c.id)).toEqual([1, 2]);
    expect(response.body.data[0]).toMatchObject({
      id: 1,
      email: 'jane@example.com',
      first_name: 'Jane',
      last_name: 'Doe',
      authentication: { force_password_reset: false },
      origin_channel_id: 1,
      // Jane is a global customer; John belongs to channel 1 only.
      channel_ids: null,
      attribute_count: 0,
    });
    expect(response.body.data[1]).toMatchObject({ id: 2, channel_ids: [1] });
    expect(response.body.data[0]).not.toHaveProperty('attributes');
    expect(response.body.meta.pagination).toMatchObject({ total: 2, count: 2, per_page: 50, current_page: 1, total_pages: 1 });
    // "Both pagination and cursor_pagination would be returned in the first page."
    expect(response.body.meta.cursor_pagination).toMatchObject({ count: 2, per_page: 50, start_cursor: expect.any(String), end_cursor: expect.any(String) });
  });

  it('matches a + in an email when it is percent-encoded, and not when it arrives as a raw + (form decoding)', async () => {
    const created = await sb.rest<Collection>('POST', '/v3/customers', [
      { email: 'jane+shop@example.com', first_name: 'Jane', last_name: 'Plus', authentication: { new_password: 'Password123' } },
    ]);
    expect(created.status).toBe(200);
    const encoded = await sb.rest<Collection>('GET', `/v3/customers?email:in=${encodeURIComponent('jane+shop@example.com')}`);
    expect(encoded.body.data.map((c) => c.email)).toEqual(['jane+shop@example.com']);
    const raw = await sb.rest<Collection>('GET', '/v3/customers?email:in=jane+shop@example.com');
    expect(raw.body.data).toEqual([]);
  });

  it('filters by id:in, pages, and rejects a non-integer id list', async () => {
    const byId = await sb.rest<Collection>('GET', '/v3/customers?id:in=2,3');
    expect(byId.body.data.map((c) => c.id)).toEqual([2, 3]);
    const paged = await sb.rest<Collection>('GET', '/v3/customers?limit=3&page=2');
    expect(paged.body.data.map((c) => c.id)).toEqual([4]);
    expect(paged.body.meta.pagination).toMatchObject({ total: 4, count: 1, per_page: 3, current_page: 2, total_pages: 2 });
    // "Only pagination would be returned when page is greater than 1."
    expect(paged.body.meta).not.toHaveProperty('cursor_pagination');
    expect((await sb.rest('GET', '/v3/customers?id:in=abc')).status).toBe(422);
  });

  it('PUT answers 413 for 11 items and changes nothing', async () => {
    const items = Array.from({ length: 11 }, () => ({ id: 1, first_name: 'Changed' }));
    const response = await sb.rest<ErrorBody>('PUT', '/v3/customers', items);
    expect(response.status).toBe(413);
    const jane = await sb.rest<Collection>('GET', '/v3/customers?id:in=1');
    expect(jane.body.data[0]?.first_name).toBe('Jane');
  });

  it('PUT requires id and reports unknown customers with 422', async () => {
    const noId = await sb.rest<ErrorBody>('PUT', '/v3/customers', [{ first_name: 'X' }]);
    expect(noId.status).toBe(422);
    expect(noId.body.errors).toHaveProperty('0.id');
    const unknown = await sb.rest<ErrorBody>('PUT', '/v3/customers', [{ id: 999, first_name: 'X' }]);
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors['0.id']).toContain('999');
  });

  it('PUT with new_password and force_password_reset: false sets the password and sends no mail', async () => {
    const response = await sb.rest<Collection>('PUT', '/v3/customers', [
      { id: 1, authentication: { new_password: 'Brandnew456', force_password_reset: false } },
    ]);
    expect(response.status).toBe(200);
    expect(response.body.data[0]?.authentication.force_password_reset).toBe(false);
    expect(await sb.mail()).toEqual([]);
    const check = await sb.rest('POST', '/v3/customers/validate-credentials', { email: 'jane@example.com', password: 'Brandnew456' });
    expect(check.body).toEqual({ is_valid: true, customer_id: 1 });
  });

  it('QUIRK: PUT with new_password but without force_password_reset: false mails BigCommerce’s own reset link', async () => {
    const response = await sb.rest('PUT', '/v3/customers', [{ id: 1, authentication: { new_password: 'Brandnew456' } }]);
    expect(response.status).toBe(200);
    const mail = await sb.mail();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to: 'jane@example.com', subject: 'Password change request for Sandbox Store' });
    expect(mail[0]?.links[0]).toMatch(/^https:\/\/shop\.example\.test\/login\.php\?action=change_password&c=1&t=[0-9a-f]+$/);
    // The password was still changed.
    const check = await sb.rest('POST', '/v3/customers/validate-credentials', { email: 'jane@example.com', password: 'Brandnew456' });
    expect(check.body).toEqual({ is_valid: true, customer_id: 1 });
  });

  it('PUT with a weak new_password answers 422 and keeps the old password', async () => {
    const response = await sb.rest<ErrorBody>('PUT', '/v3/customers', [
      { id: 1, authentication: { new_password: 'abcdefgh', force_password_reset: false } },
    ]);
    expect(response.status).toBe(422);
    expect(response.body.errors['0.authentication.new_password']).toMatch(/at least 7 characters/);
    const check = await sb.rest('POST', '/v3/customers/validate-credentials', { email: 'jane@example.com', password: 'Password123' });
    expect(check.body).toEqual({ is_valid: true, customer_id: 1 });
  });

  it('force_password_reset: true makes login fail with "... Reset password" and mails a reset link', async () => {
    const put = await sb.rest<Collection>('PUT', '/v3/customers', [{ id: 2, authentication: { force_password_reset: true } }]);
    expect(put.body.data[0]?.authentication.force_password_reset).toBe(true);
    expect(await sb.mail()).toEqual([]); // the flag alone sends nothing (storefront-data-hooks #14)

    const token = await sb.mintToken();
    const login = await sb.graphql(LOGIN, { email: 'john@example.com', password: 'Password123' }, { Authorization: `Bearer ${token}` });
    expect(login.body.data ?? null).toBeNull();
    expect(login.body.errors?.[0]?.message).toMatch(/Reset password$/);
    const mail = await sb.mail('john@example.com');
    expect(mail).toHaveLength(1);
    expect(mail[0]?.links[0]).toContain('c=2');
  });

  it('POST creates customers (≤ 10), refuses duplicates and weak passwords', async () => {
    const created = await sb.rest<Collection>('POST', '/v3/customers', [
      { email: 'new@example.com', first_name: 'New', last_name: 'Person', authentication: { new_password: 'Password123' } },
    ]);
    expect(created.status).toBe(200);
    expect(created.body.data[0]).toMatchObject({ id: 5, email: 'new@example.com' });
    const duplicate = await sb.rest<ErrorBody>('POST', '/v3/customers', [{ email: 'NEW@example.com', first_name: 'A', last_name: 'B' }]);
    expect(duplicate.status).toBe(422);
    expect(duplicate.body).toMatchObject({ title: 'Create customers failed.' });
    const weak = await sb.rest<ErrorBody>('POST', '/v3/customers', [
      { email: 'weak@example.com', first_name: 'A', last_name: 'B', authentication: { new_password: 'abcdefgh' } },
    ]);
    expect(weak.status).toBe(422);
    const tooMany = Array.from({ length: 11 }, (_, i) => ({ email: `p${i}@example.com`, first_name: 'A', last_name: 'B' }));
    expect((await sb.rest('POST', '/v3/customers', tooMany)).status).toBe(413);
  });
});
