import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { changeCustomerPassword, mailPasswordResetLink } from '../accounts.js';
import type { SandboxContext } from '../context.js';
import { SANDBOX_CHANNEL_IDS } from '../credentials.js';
import { describePasswordComplexity, meetsPasswordComplexity } from '../password-policy.js';
import { maskEmail } from '../../kit/redact.js';
import type { CustomerRecord } from '../state.js';
import { toCustomerJson } from './customer-json.js';
import { paginate, readPageRequest } from './pagination.js';
import { intListQuery, listQuery, readJsonBody } from './request.js';
import { errorResponse, issuesToErrors, tooManyItemsResponse } from './responses.js';

/** "Limit of 10 customers per call" for POST and PUT /customers (customers.v3.yml). */
const MAX_ITEMS_PER_CALL = 10;

// Loose on purpose: BigCommerce accepts any address shape a storefront form would (e.g. `jane+tag@example.com`).
const emailSchema = z
  .string()
  .min(3)
  .max(255)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Invalid email address');

const authenticationSchema = z.object({
  force_password_reset: z.boolean().optional(),
  new_password: z.string().min(1).max(1024).optional(),
});

/** null: a global customer (channel-specific-customers guide). */
const channelIdsSchema = z.array(z.number().int().positive()).max(100).nullable();

const customerPutSchema = z.object({
  id: z.number().int().positive(),
  email: emailSchema.optional(),
  first_name: z.string().min(1).max(100).optional(),
  last_name: z.string().min(1).max(100).optional(),
  company: z.string().max(255).optional(),
  phone: z.string().max(50).optional(),
  notes: z.string().max(10_000).optional(),
  tax_exempt_category: z.string().max(255).optional(),
  customer_group_id: z.number().int().min(0).optional(),
  accepts_product_review_abandoned_cart_emails: z.boolean().optional(),
  channel_ids: channelIdsSchema.optional(),
  authentication: authenticationSchema.optional(),
});

const customerPostSchema = customerPutSchema.omit({ id: true }).extend({
  email: emailSchema,
  first_name: z.string().min(1).max(100),
  last_name: z.string().min(1).max(100),
  origin_channel_id: z.number().int().positive().optional(),
  trigger_account_created_notification: z.boolean().optional(),
});

type CustomerPut = z.infer<typeof customerPutSchema>;
type CustomerPost = z.infer<typeof customerPostSchema>;

/**
 * UNVERIFIED: the exact 422 body for a weak `new_password` is not published (fact sheet §6). The field is named
 * like the other validation errors and the message is the store's password rule.
 */
function weakPasswordErrors(ctx: SandboxContext, index: number, password: string | undefined): Record<string, string> {
  if (password === undefined || meetsPasswordComplexity(password, ctx.options.passwordComplexity)) return {};
  return { [`${index}.authentication.new_password`]: describePasswordComplexity(ctx.options.passwordComplexity) };
}

function unknownChannelErrors(index: number, channelIds: number[] | null | undefined): Record<string, string> {
  const unknown = (channelIds ?? []).filter((id) => !SANDBOX_CHANNEL_IDS.includes(id));
  return unknown.length === 0 ? {} : { [`${index}.channel_ids`]: `Channel ${unknown.join(', ')} does not exist` };
}

async function readArrayBody(c: Context, title: string): Promise<{ ok: true; items: unknown[] } | { ok: false; response: Response }> {
  const body = await readJsonBody(c);
  if (!body.ok) return body;
  if (!Array.isArray(body.value)) {
    return { ok: false, response: errorResponse(c, 422, title, { body: 'The request body must be an array.' }) };
  }
  if (body.value.length === 0) {
    return { ok: false, response: errorResponse(c, 422, title, { body: 'The request body must not be empty.' }) };
  }
  if (body.value.length > MAX_ITEMS_PER_CALL) return { ok: false, response: tooManyItemsResponse(c, MAX_ITEMS_PER_CALL) };
  return { ok: true, items: body.value };
}

export function registerCustomerRoutes(api: Hono, ctx: SandboxContext): void {
  api.get('/v3/customers', (c) => {
    const ids = intListQuery(c, 'id:in');
    if (!ids.ok) return ids.response;
    const pageRequest = readPageRequest(c);
    if (!pageRequest.ok) return pageRequest.response;
    // Emails compare case-insensitively. Query values are form-decoded: a `+` the caller did not percent-encode
    // arrives as a space and matches nothing, as with any form-decoding server (UNVERIFIED for BigCommerce).
    const emails = listQuery(c, 'email:in')?.map((email) => email.toLowerCase());
    const include = new Set(listQuery(c, 'include') ?? []);
    const matches = [...ctx.state.customers.values()]
      .filter((customer) => ids.value === undefined || ids.value.includes(customer.id))
      .filter((customer) => emails === undefined || emails.includes(customer.email.toLowerCase()))
      .sort((a, b) => a.id - b.id);
    // UNVERIFIED cursor format: BigCommerce's cursors are opaque strings; the sandbox's are base64 customer ids.
    const page = paginate(matches, pageRequest.value, (customer) => Buffer.from(String(customer.id)).toString('base64'));
    return c.json({ data: page.data.map((customer) => toCustomerJson(customer, ctx.state, include)), meta: page.meta });
  });

  api.post('/v3/customers', async (c) => {
    const title = 'Create customers failed.';
    const body = await readArrayBody(c, title);
    if (!body.ok) return body.response;
    const parsed = z.array(customerPostSchema).safeParse(body.items);
    if (!parsed.success) return errorResponse(c, 422, title, issuesToErrors(parsed.error.issues));
    const errors: Record<string, string> = {};
    const seenEmails = new Set<string>();
    parsed.data.forEach((item, index) => {
      const email = item.email.toLowerCase();
      if (ctx.state.findCustomerByEmail(email) !== undefined || seenEmails.has(email)) {
        errors[`${index}.email`] = `The email address ${item.email} is already in use.`;
      }
      seenEmails.add(email);
      Object.assign(errors, weakPasswordErrors(ctx, index, item.authentication?.new_password));
      Object.assign(errors, unknownChannelErrors(index, item.channel_ids));
    });
    if (Object.keys(errors).length > 0) return errorResponse(c, 422, title, errors);
    const created = parsed.data.map((item) => createCustomer(ctx, item));
    return c.json({ data: created.map((customer) => toCustomerJson(customer, ctx.state, new Set())), meta: {} });
  });

  api.put('/v3/customers', async (c) => {
    const title = 'Update customers failed.';
    const body = await readArrayBody(c, title);
    if (!body.ok) return body.response;
    const parsed = z.array(customerPutSchema).safeParse(body.items);
    if (!parsed.success) return errorResponse(c, 422, title, issuesToErrors(parsed.error.issues));
    const errors: Record<string, string> = {};
    parsed.data.forEach((item, index) => {
      if (!ctx.state.customers.has(item.id)) errors[`${index}.id`] = `Customer with id ${item.id} does not exist.`;
      if (item.email !== undefined) {
        const owner = ctx.state.findCustomerByEmail(item.email);
        if (owner !== undefined && owner.id !== item.id) errors[`${index}.email`] = `The email address ${item.email} is already in use.`;
      }
      Object.assign(errors, weakPasswordErrors(ctx, index, item.authentication?.new_password));
      Object.assign(errors, unknownChannelErrors(index, item.channel_ids));
    });
    if (Object.keys(errors).length > 0) return errorResponse(c, 422, title, errors);
    // Validate everything first, then apply: a rejected call changes nothing.
    const updated = parsed.data.map((item) => updateCustomer(ctx, item));
    return c.json({ data: updated.map((customer) => toCustomerJson(customer, ctx.state, new Set())), meta: {} });
  });

  // customers.v3.yml: `id:in` is required; "If not provided, a 204 is returned, with no changes to the data."
  api.delete('/v3/customers', (c) => {
    const ids = intListQuery(c, 'id:in');
    if (!ids.ok) return ids.response;
    for (const id of ids.value ?? []) ctx.state.deleteCustomer(id);
    return c.body(null, 204);
  });
}

function createCustomer(ctx: SandboxContext, item: CustomerPost): CustomerRecord {
  const now = ctx.clock.isoNow();
  const customer: CustomerRecord = {
    id: ctx.state.nextCustomerId(),
    email: item.email,
    firstName: item.first_name,
    lastName: item.last_name,
    company: item.company ?? '',
    phone: item.phone ?? '',
    notes: item.notes ?? '',
    taxExemptCategory: item.tax_exempt_category ?? '',
    customerGroupId: item.customer_group_id ?? 0,
    registrationIpAddress: '',
    acceptsProductReviewAbandonedCartEmails: item.accepts_product_review_abandoned_cart_emails ?? false,
    originChannelId: item.origin_channel_id ?? 1,
    // UNVERIFIED: a customer created without `channel_ids` is taken to be global, as every customer was before
    // multi-storefront existed.
    channelIds: item.channel_ids ?? null,
    passwordHash: null,
    forcePasswordReset: item.authentication?.force_password_reset ?? false,
    dateCreated: now,
    dateModified: now,
  };
  ctx.state.customers.set(customer.id, customer);
  const newPassword = item.authentication?.new_password;
  if (newPassword !== undefined) changeCustomerPassword(ctx, customer, newPassword);
  ctx.options.log(`management: created customer ${customer.id} (${maskEmail(customer.email)})`);
  return customer;
}

function updateCustomer(ctx: SandboxContext, item: CustomerPut): CustomerRecord {
  const customer = ctx.state.customers.get(item.id);
  if (customer === undefined) throw new Error(`customer ${item.id} vanished during update`);
  if (item.email !== undefined) customer.email = item.email;
  if (item.first_name !== undefined) customer.firstName = item.first_name;
  if (item.last_name !== undefined) customer.lastName = item.last_name;
  if (item.company !== undefined) customer.company = item.company;
  if (item.phone !== undefined) customer.phone = item.phone;
  if (item.notes !== undefined) customer.notes = item.notes;
  if (item.tax_exempt_category !== undefined) customer.taxExemptCategory = item.tax_exempt_category;
  if (item.customer_group_id !== undefined) customer.customerGroupId = item.customer_group_id;
  if (item.accepts_product_review_abandoned_cart_emails !== undefined) {
    customer.acceptsProductReviewAbandonedCartEmails = item.accepts_product_review_abandoned_cart_emails;
  }
  if (item.channel_ids !== undefined) customer.channelIds = item.channel_ids;
  customer.dateModified = ctx.clock.isoNow();

  const auth = item.authentication;
  if (auth?.force_password_reset !== undefined) customer.forcePasswordReset = auth.force_password_reset;
  if (auth?.new_password !== undefined) {
    changeCustomerPassword(ctx, customer, auth.new_password);
    // The quirk this product exists for (maxkarlsson.dev, "Strange API defaults trigger the email"): a password
    // set through the API without an explicit `force_password_reset: false` makes BigCommerce mail the customer
    // its own reset link. UNVERIFIED detail: the flag itself is left as sent (not switched on).
    if (auth.force_password_reset !== false) mailPasswordResetLink(ctx, customer, undefined, customer.originChannelId);
  }
  ctx.options.log(`management: updated customer ${customer.id}`);
  return customer;
}
