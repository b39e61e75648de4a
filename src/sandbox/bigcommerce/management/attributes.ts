import type { Hono } from 'hono';
import { z } from 'zod';
import type { SandboxContext } from '../context.js';
import type { AttributeRecord } from '../state.js';
import { paginate, readPageRequest } from './pagination.js';
import { intListQuery, readJsonBody } from './request.js';
import { errorResponse, issuesToErrors, tooManyItemsResponse } from './responses.js';

/** "A store cannot have more than 50 customer attributes." (customers.v3.yml) */
export const MAX_ATTRIBUTES_PER_STORE = 50;
/** Same per-call cap as the other customer bulk endpoints. */
const MAX_ITEMS_PER_CALL = 10;

const attributePostSchema = z.array(
  z.object({
    name: z.string().min(1).max(255),
    type: z.enum(['string', 'number', 'date']),
  }),
);

export function toAttributeJson(attribute: AttributeRecord): object {
  return {
    id: attribute.id,
    name: attribute.name,
    type: attribute.type,
    date_created: attribute.dateCreated,
    date_modified: attribute.dateModified,
  };
}

export function registerAttributeRoutes(api: Hono, ctx: SandboxContext): void {
  api.get('/v3/customers/attributes', (c) => {
    const ids = intListQuery(c, 'id:in');
    if (!ids.ok) return ids.response;
    const pageRequest = readPageRequest(c);
    if (!pageRequest.ok) return pageRequest.response;
    const name = c.req.query('name');
    const nameLike = c.req.query('name:like')?.toLowerCase();
    const type = c.req.query('type');
    const matches = [...ctx.state.attributes.values()]
      .filter((attribute) => ids.value === undefined || ids.value.includes(attribute.id))
      .filter((attribute) => name === undefined || attribute.name === name)
      .filter((attribute) => nameLike === undefined || attribute.name.toLowerCase().includes(nameLike))
      .filter((attribute) => type === undefined || attribute.type === type)
      .sort((a, b) => a.id - b.id);
    const page = paginate(matches, pageRequest.value);
    return c.json({ data: page.data.map(toAttributeJson), meta: page.meta });
  });

  api.post('/v3/customers/attributes', async (c) => {
    const title = 'Create customer attributes failed.';
    const body = await readJsonBody(c);
    if (!body.ok) return body.response;
    if (Array.isArray(body.value) && body.value.length > MAX_ITEMS_PER_CALL) return tooManyItemsResponse(c, MAX_ITEMS_PER_CALL);
    const parsed = attributePostSchema.min(1).safeParse(body.value);
    if (!parsed.success) return errorResponse(c, 422, title, issuesToErrors(parsed.error.issues));
    const errors: Record<string, string> = {};
    const existing = new Set([...ctx.state.attributes.values()].map((attribute) => attribute.name.toLowerCase()));
    parsed.data.forEach((item, index) => {
      const key = item.name.toLowerCase();
      if (existing.has(key)) errors[`${index}.name`] = `A customer attribute named "${item.name}" already exists.`;
      existing.add(key);
    });
    if (ctx.state.attributes.size + parsed.data.length > MAX_ATTRIBUTES_PER_STORE) {
      errors['body'] = `A store cannot have more than ${MAX_ATTRIBUTES_PER_STORE} customer attributes.`;
    }
    if (Object.keys(errors).length > 0) return errorResponse(c, 422, title, errors);
    const now = ctx.clock.isoNow();
    const created = parsed.data.map((item) => {
      const attribute: AttributeRecord = {
        id: ctx.state.nextAttributeId(),
        name: item.name,
        type: item.type,
        dateCreated: now,
        dateModified: now,
      };
      ctx.state.attributes.set(attribute.id, attribute);
      return attribute;
    });
    ctx.options.log(`management: created ${created.length} customer attribute(s)`);
    return c.json({ data: created.map(toAttributeJson), meta: {} });
  });

  api.delete('/v3/customers/attributes', (c) => {
    const ids = intListQuery(c, 'id:in');
    if (!ids.ok) return ids.response;
    if (ids.value === undefined) {
      return errorResponse(c, 422, 'Input is invalid', { 'id:in': 'The id:in query parameter is required.' });
    }
    for (const id of ids.value) {
      ctx.state.attributes.delete(id);
      // Deleting an attribute deletes its values on every customer.
      for (const value of [...ctx.state.attributeValues.values()]) {
        if (value.attributeId === id) ctx.state.attributeValues.delete(value.id);
      }
    }
    return c.body(null, 204);
  });
}
