import type { Hono } from 'hono';
import { z } from 'zod';
import type { SandboxContext } from '../context.js';
import type { AttributeRecord, AttributeValueRecord } from '../state.js';
import { toAttributeValueJson } from './customer-json.js';
import { paginate, readPageRequest } from './pagination.js';
import { intListQuery, readJsonBody } from './request.js';
import { errorResponse, issuesToErrors, tooManyItemsResponse } from './responses.js';

/** "Limit of 10 customers per call." (customers.v3.yml, upsert attribute values) */
const MAX_ITEMS_PER_CALL = 10;

/** `attributeValue_Base`: writes carry `value`, "always a string, regardless of the attributeʼs type", 0–255. */
const upsertSchema = z.array(
  z.object({
    id: z.number().int().positive().optional(),
    attribute_id: z.number().int().positive(),
    customer_id: z.number().int().positive(),
    value: z.string().max(255),
  }),
);

/** UNVERIFIED: BigCommerce's checks of a value against a number/date attribute; a plausible parse check. */
function valueFitsType(attribute: AttributeRecord, value: string): boolean {
  if (attribute.type === 'number') return value.trim() !== '' && Number.isFinite(Number(value));
  if (attribute.type === 'date') return !Number.isNaN(Date.parse(value));
  return true;
}

export function registerAttributeValueRoutes(api: Hono, ctx: SandboxContext): void {
  api.get('/v3/customers/attribute-values', (c) => {
    const customerIds = intListQuery(c, 'customer_id:in');
    if (!customerIds.ok) return customerIds.response;
    const attributeIds = intListQuery(c, 'attribute_id:in');
    if (!attributeIds.ok) return attributeIds.response;
    const pageRequest = readPageRequest(c);
    if (!pageRequest.ok) return pageRequest.response;
    const name = c.req.query('name');
    const matches = [...ctx.state.attributeValues.values()]
      .filter((value) => customerIds.value === undefined || customerIds.value.includes(value.customerId))
      .filter((value) => attributeIds.value === undefined || attributeIds.value.includes(value.attributeId))
      .filter((value) => name === undefined || ctx.state.attributes.get(value.attributeId)?.name === name)
      .sort((a, b) => a.id - b.id);
    const page = paginate(matches, pageRequest.value);
    return c.json({ data: page.data.map(toAttributeValueJson), meta: page.meta });
  });

  // "Upsert checks for an existing record. If there is none, it creates the record, if there is a matching
  // record, it updates that record." A record matches on (attribute_id, customer_id), or on `id` when given.
  api.put('/v3/customers/attribute-values', async (c) => {
    const title = 'Upsert customer attribute values failed.';
    const body = await readJsonBody(c);
    if (!body.ok) return body.response;
    if (Array.isArray(body.value) && body.value.length > MAX_ITEMS_PER_CALL) return tooManyItemsResponse(c, MAX_ITEMS_PER_CALL);
    const parsed = upsertSchema.min(1).safeParse(body.value);
    if (!parsed.success) return errorResponse(c, 422, title, issuesToErrors(parsed.error.issues));
    const errors: Record<string, string> = {};
    parsed.data.forEach((item, index) => {
      const attribute = ctx.state.attributes.get(item.attribute_id);
      if (attribute === undefined) errors[`${index}.attribute_id`] = `Attribute with id ${item.attribute_id} does not exist.`;
      else if (!valueFitsType(attribute, item.value)) errors[`${index}.value`] = `The value is not a valid ${attribute.type}.`;
      if (!ctx.state.customers.has(item.customer_id)) errors[`${index}.customer_id`] = `Customer with id ${item.customer_id} does not exist.`;
      if (item.id !== undefined) {
        const existing = ctx.state.attributeValues.get(item.id);
        if (existing === undefined || existing.attributeId !== item.attribute_id || existing.customerId !== item.customer_id) {
          errors[`${index}.id`] = `Attribute value with id ${item.id} does not exist for this customer and attribute.`;
        }
      }
    });
    if (Object.keys(errors).length > 0) return errorResponse(c, 422, title, errors);
    const now = ctx.clock.isoNow();
    const saved = parsed.data.map((item) => {
      const existing = [...ctx.state.attributeValues.values()].find(
        (value) => value.attributeId === item.attribute_id && value.customerId === item.customer_id,
      );
      if (existing !== undefined) {
        existing.value = item.value;
        existing.dateModified = now;
        return existing;
      }
      const created: AttributeValueRecord = {
        id: ctx.state.nextAttributeValueId(),
        attributeId: item.attribute_id,
        customerId: item.customer_id,
        value: item.value,
        dateCreated: now,
        dateModified: now,
      };
      ctx.state.attributeValues.set(created.id, created);
      return created;
    });
    return c.json({ data: saved.map(toAttributeValueJson), meta: {} });
  });

  api.delete('/v3/customers/attribute-values', (c) => {
    const ids = intListQuery(c, 'id:in');
    if (!ids.ok) return ids.response;
    if (ids.value === undefined) {
      return errorResponse(c, 422, 'Input is invalid', { 'id:in': 'The id:in query parameter is required.' });
    }
    for (const id of ids.value) ctx.state.attributeValues.delete(id);
    return c.body(null, 204);
  });
}
