import type { Context } from 'hono';
import type { Parsed } from './request.js';
import { errorResponse } from './responses.js';

export interface PageRequest {
  page: number;
  limit: number;
}

/** `page` (default 1) and `limit` (default 50, at most 250: BigCommerce v3 collection defaults). */
export function readPageRequest(c: Context): Parsed<PageRequest> {
  const page = parsePositive(c.req.query('page'), 1);
  const limit = parsePositive(c.req.query('limit'), 50);
  const errors: Record<string, string> = {};
  if (page === undefined) errors['page'] = 'page must be a positive integer';
  if (limit === undefined || limit > 250) errors['limit'] = 'limit must be an integer between 1 and 250';
  if (page === undefined || limit === undefined || limit > 250) {
    return { ok: false, response: errorResponse(c, 422, 'Input is invalid', errors) };
  }
  return { ok: true, value: { page, limit } };
}

function parsePositive(raw: string | undefined, fallback: number): number | undefined {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= 1 ? value : undefined;
}

/**
 * `meta.pagination` as in customers.v3.yml (`total, count, per_page, current_page, total_pages, links`). With
 * `cursorOf` (GET /customers), the first page also carries `meta.cursor_pagination`: "Both pagination and
 * cursor_pagination would be returned in the first page. Only pagination would be returned when page is greater
 * than 1."
 */
export function paginate<T>(
  items: readonly T[],
  request: PageRequest,
  cursorOf?: (item: T) => string,
): { data: T[]; meta: { pagination: object; cursor_pagination?: object } } {
  const { page, limit } = request;
  const totalPages = Math.max(1, Math.ceil(items.length / limit));
  const data = items.slice((page - 1) * limit, page * limit);
  const links: Record<string, string> = { current: `?page=${page}&limit=${limit}` };
  if (page > 1) links['previous'] = `?page=${page - 1}&limit=${limit}`;
  if (page < totalPages) links['next'] = `?page=${page + 1}&limit=${limit}`;
  const cursors = cursorOf && page === 1 ? data.map(cursorOf) : undefined;
  return {
    data,
    meta: {
      ...(cursors
        ? {
            cursor_pagination: {
              count: data.length,
              per_page: limit,
              start_cursor: cursors[0] ?? null,
              end_cursor: cursors.at(-1) ?? null,
              links: page < totalPages && cursors.length > 0 ? { next: `?after=${cursors.at(-1)}&limit=${limit}` } : {},
            },
          }
        : {}),
      pagination: {
        total: items.length,
        count: data.length,
        per_page: limit,
        current_page: page,
        total_pages: totalPages,
        links,
      },
    },
  };
}
