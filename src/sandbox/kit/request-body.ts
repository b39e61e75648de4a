/**
 * Request body reading with a size cap. (Hono's bodyLimit middleware rebuilds the Request with the global
 * constructor, which breaks under @hono/node-server with overrideGlobalObjects: false, so the cap lives here.)
 */
export type BodyRead = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'unreadable' };

/** How much of an oversized body is read and thrown away, so the client still receives the 413. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

export function declaredLength(request: Request): number | undefined {
  const header = request.headers.get('Content-Length');
  if (header === null || !/^\d+$/.test(header)) return undefined;
  return Number(header);
}

export async function readBodyText(request: Request, maxBytes: number): Promise<BodyRead> {
  const declared = declaredLength(request);
  if (declared !== undefined && declared > maxBytes) {
    await drain(request);
    return { ok: false, reason: 'too-large' };
  }
  if (request.body === null) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        return { ok: false, reason: 'too-large' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

/** Reads and discards an unwanted body (up to a cap); a server that stops reading makes clients see a reset socket. */
export async function drain(request: Request): Promise<void> {
  if (request.body === null || request.bodyUsed) return;
  const reader = request.body.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.byteLength;
      if (total > DRAIN_LIMIT_BYTES) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    // The client went away; nothing to drain.
  }
}
