import type { Context } from 'hono';
import { readBodyText } from '../../kit/request-body.js';
import { errorResponse } from './responses.js';

/** Generous for 10-item arrays, small enough that a huge body is refused before it is parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

/**
 * Reads a JSON body. Malformed JSON gets 422 "JSON data is missing or invalid" (UNVERIFIED wording; the specs
 * answer 422 "Invalid JSON request body - missing or invalid data" for these endpoints), never a 500.
 */
export async function readJsonBody(c: Context): Promise<Parsed<unknown>> {
  const read = await readBodyText(c.req.raw, MAX_BODY_BYTES);
  if (!read.ok && read.reason === 'too-large') {
    return { ok: false, response: errorResponse(c, 413, 'The request payload is too large.') };
  }
  if (!read.ok) return { ok: false, response: errorResponse(c, 422, 'JSON data is missing or invalid') };
  const text = read.text;
  if (text.trim() === '') {
    return { ok: false, response: errorResponse(c, 422, 'JSON data is missing or invalid', { body: 'A request body is required.' }) };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: errorResponse(c, 422, 'JSON data is missing or invalid', { body: 'The request body is not valid JSON.' }) };
  }
}

/** A form-style (`explode: false`) list parameter such as `email:in=a@x.com,b@x.com`. */
export function listQuery(c: Context, name: string): string[] | undefined {
  const raw = c.req.query(name);
  if (raw === undefined) return undefined;
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** `id:in`-style integer lists; a non-integer item is a 422 the caller reports. */
export function intListQuery(c: Context, name: string): Parsed<number[] | undefined> {
  const items = listQuery(c, name);
  if (items === undefined) return { ok: true, value: undefined };
  const numbers = items.map((item) => (/^\d{1,10}$/.test(item) ? Number(item) : Number.NaN));
  if (numbers.some((n) => !Number.isSafeInteger(n))) {
    return {
      ok: false,
      response: errorResponse(c, 422, 'Input is invalid', { [name]: `${name} must be a comma-separated list of integers` }),
    };
  }
  return { ok: true, value: numbers };
}
