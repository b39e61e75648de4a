import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

/** BigCommerce error bodies point `type` at the status-code docs (429 example in customers.v3.yml). */
export const STATUS_CODES_TYPE = '/api-docs/getting-started/api-status-codes';

/** `ErrorResponse` in customers.v3.yml: `{status, title, type, errors: {field: message}}`. */
export interface ErrorResponseBody {
  status: number;
  title: string;
  type: string;
  errors: Record<string, string>;
}

export function errorResponseBody(status: number, title: string, errors: Record<string, string> = {}): ErrorResponseBody {
  return { status, title, type: STATUS_CODES_TYPE, errors };
}

export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  errors: Record<string, string> = {},
): Response {
  return c.json(errorResponseBody(status, title, errors), status);
}

/** `NotFound` in customers.v3.yml: `{status, title, type, instance}` (no `errors`). */
export function notFoundResponse(c: Context, title: string): Response {
  return c.json({ status: 404, title, type: STATUS_CODES_TYPE, instance: c.req.path }, 404);
}

/** 413 for arrays over BigCommerce's per-call limit ("Limit of 10 customers per call"). */
export function tooManyItemsResponse(c: Context, max: number): Response {
  return errorResponse(
    c,
    413,
    `The request payload is too large. The maximum number of items allowed in the array is ${max}.`,
  );
}

/** Zod issues as BigCommerce-style `errors` keyed by the field path (`0.authentication.new_password`). */
export function issuesToErrors(issues: ZodError['issues']): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.length === 0 ? 'body' : issue.path.map(String).join('.');
    errors[key] ??= issue.message;
  }
  return errors;
}
