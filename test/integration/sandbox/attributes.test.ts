import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SandboxHarness } from '../../support/sandbox.js';

type Attribute = { id: number; name: string; type: string; date_created: string; date_modified: string };
type AttributeValue = { id: number; attribute_id: number; customer_id: number; attribute_value: string; date_created: string; date_modified: string };
type ErrorBody = { status: number; title: string; errors: Record<string, string> };

describe('sandbox customer attributes and attribute values', () => {
  let sb: SandboxHarness;
  beforeAll(async () => {
    sb = await SandboxHarness.start();
  });
  afterAll(() => sb.close());
  beforeEach(() => sb.reset());

  async function createAttribute(name = 'reset_password_token'): Promise<Attribute> {
    const response = await sb.rest<{ data: Attribute[] }>('POST', '/v3/customers/attributes', [{ name, type: 'string' }]);
    expect(response.status).toBe(200);
    const attribute = response.body.data[0];
    if (attribute === undefined) throw new Error('no attribute created');
    return attribute;
  }

  it('starts with no attributes, creates one, finds it by name and name:like', async () => {
    expect((await sb.rest<{ data: Attribute[] }>('GET', '/v3/customers/attributes')).body.data).toEqual([]);
    const attribute = await createAttribute();
    expect(attribute).toMatchObject({ name: 'reset_password_token', type: 'string' });
    const byName = await sb.rest<{ data: Attribute[] }>('GET', '/v3/customers/attributes?name=reset_password_token');
    expect(byName.body.data.map((a) => a.id)).toEqual([attribute.id]);
    const byLike = await sb.rest<{ data: Attribute[] }>('GET', '/v3/customers/attributes?name:like=password');
    expect(byLike.body.data.map((a) => a.id)).toEqual([attribute.id]);
    const none = await sb.rest<{ data: Attribute[] }>('GET', '/v3/customers/attributes?name=other');
    expect(none.body.data).toEqual([]);
  });

  it('refuses a duplicate attribute name with 422, and a bad type', async () => {
    await createAttribute();
    const duplicate = await sb.rest<ErrorBody>('POST', '/v3/customers/attributes', [{ name: 'reset_password_token', type: 'string' }]);
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.errors['0.name']).toContain('already exists');
    const badType = await sb.rest<ErrorBody>('POST', '/v3/customers/attributes', [{ name: 'x', type: 'boolean' }]);
    expect(badType.status).toBe(422);
  });

  it('refuses the 51st attribute', async () => {
    for (let batch = 0; batch < 5; batch += 1) {
      const items = Array.from({ length: 10 }, (_, i) => ({ name: `attr_${batch}_${i}`, type: 'string' }));
      expect((await sb.rest('POST', '/v3/customers/attributes', items)).status).toBe(200);
    }
    const overflow = await sb.rest<ErrorBody>('POST', '/v3/customers/attributes', [{ name: 'one_too_many', type: 'string' }]);
    expect(overflow.status).toBe(422);
    expect(overflow.body.errors['body']).toContain('50');
  });

  it('upserts with `value`, reads back `attribute_value`, shows it on the customer, deletes with id:in', async () => {
    const attribute = await createAttribute();
    const first = await sb.rest<{ data: AttributeValue[] }>('PUT', '/v3/customers/attribute-values', [
      { attribute_id: attribute.id, customer_id: 1, value: 'hash-one' },
    ]);
    expect(first.status).toBe(200);
    const created = first.body.data[0];
    expect(created).toMatchObject({ attribute_id: attribute.id, customer_id: 1, attribute_value: 'hash-one' });
    expect(created).not.toHaveProperty('value');

    // Same (attribute, customer): updated in place, same id.
    const second = await sb.rest<{ data: AttributeValue[] }>('PUT', '/v3/customers/attribute-values', [
      { attribute_id: attribute.id, customer_id: 1, value: 'hash-two' },
    ]);
    expect(second.body.data[0]).toMatchObject({ id: created?.id, attribute_value: 'hash-two' });

    const read = await sb.rest<{ data: AttributeValue[] }>('GET', `/v3/customers/attribute-values?customer_id:in=1&attribute_id:in=${attribute.id}`);
    expect(read.body.data.map((v) => v.attribute_value)).toEqual(['hash-two']);

    const customer = await sb.rest<{ data: { attribute_count: number; attributes: AttributeValue[] }[] }>(
      'GET',
      '/v3/customers?id:in=1&include=attributes',
    );
    expect(customer.body.data[0]?.attribute_count).toBe(1);
    expect(customer.body.data[0]?.attributes).toEqual([
      expect.objectContaining({ attribute_id: attribute.id, attribute_value: 'hash-two', customer_id: 1, id: created?.id }),
    ]);

    const deleted = await sb.rest('DELETE', `/v3/customers/attribute-values?id:in=${created?.id ?? 0}`);
    expect(deleted.status).toBe(204);
    const after = await sb.rest<{ data: AttributeValue[] }>('GET', '/v3/customers/attribute-values?customer_id:in=1');
    expect(after.body.data).toEqual([]);
  });

  it('refuses unknown attribute/customer, non-string and too-long values, 11 items, and DELETE without id:in', async () => {
    const attribute = await createAttribute();
    const unknown = await sb.rest<ErrorBody>('PUT', '/v3/customers/attribute-values', [
      { attribute_id: 999, customer_id: 1, value: 'x' },
      { attribute_id: attribute.id, customer_id: 999, value: 'x' },
    ]);
    expect(unknown.status).toBe(422);
    expect(Object.keys(unknown.body.errors)).toEqual(expect.arrayContaining(['0.attribute_id', '1.customer_id']));

    const notString = await sb.rest<ErrorBody>('PUT', '/v3/customers/attribute-values', [{ attribute_id: attribute.id, customer_id: 1, value: 5 }]);
    expect(notString.status).toBe(422);
    const tooLong = await sb.rest<ErrorBody>('PUT', '/v3/customers/attribute-values', [
      { attribute_id: attribute.id, customer_id: 1, value: 'x'.repeat(256) },
    ]);
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors).toHaveProperty('0.value');

    const eleven = Array.from({ length: 11 }, () => ({ attribute_id: attribute.id, customer_id: 1, value: 'x' }));
    expect((await sb.rest('PUT', '/v3/customers/attribute-values', eleven)).status).toBe(413);

    expect((await sb.rest('DELETE', '/v3/customers/attribute-values')).status).toBe(422);
    const values = await sb.rest<{ data: AttributeValue[] }>('GET', '/v3/customers/attribute-values');
    expect(values.body.data).toEqual([]);
  });

  it('deleting an attribute removes it and its values', async () => {
    const attribute = await createAttribute();
    await sb.rest('PUT', '/v3/customers/attribute-values', [{ attribute_id: attribute.id, customer_id: 2, value: 'v' }]);
    expect((await sb.rest('DELETE', `/v3/customers/attributes?id:in=${attribute.id}`)).status).toBe(204);
    expect((await sb.rest<{ data: Attribute[] }>('GET', '/v3/customers/attributes')).body.data).toEqual([]);
    expect((await sb.rest<{ data: AttributeValue[] }>('GET', '/v3/customers/attribute-values')).body.data).toEqual([]);
  });
});
