/**
 * What every request passes before the GraphQL layer sees it: the per-IP request rate (429 with Retry-After) and
 * the body size limit, enforced once, here, by counting bytes while reading (so a chunked body within the limit is
 * fine, and nothing larger is ever buffered). The body read here is handed to Yoga, which then skips its own
 * stream-based reading and limit.
 *
 * A refused request's body is drained (up to `DRAIN_LIMIT_BYTES`) before the answer goes out: closing a socket
 * with unread data resets it, and ordinary clients (Node's fetch) would then see a reset instead of the 413.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Limits } from '../limits.js';

export interface GuardRefusal {
  status: 413 | 429 | 503;
  headers: Record<string, string>;
  message: string;
}

export interface RequestGuardOptions {
  maxBodyBytes: number;
  limits: Pick<Limits, 'check'>;
}

/** Beyond this much unread body, a refused request's socket is closed instead of drained. */
const DRAIN_LIMIT_BYTES = 1024 * 1024;

export type GuardResult = { ok: true; body: Buffer | null } | { ok: false; refusal: GuardRefusal };

export function requestGuard(options: RequestGuardOptions) {
  const tooLarge: GuardRefusal = {
    status: 413,
    headers: {},
    message: `The request body is larger than ${options.maxBodyBytes} bytes.`,
  };

  return async (req: IncomingMessage, clientIp: string): Promise<GuardResult> => {
    const rate = await options.limits.check('httpPerIp', clientIp);
    if (!rate.allowed) return { ok: false, refusal: tooManyRequests(rate.retryAfterSeconds) };
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return { ok: true, body: null };
    if (Number(req.headers['content-length'] ?? 0) > options.maxBodyBytes) return { ok: false, refusal: tooLarge };
    const body = await readBody(req, options.maxBodyBytes);
    return body ? { ok: true, body } : { ok: false, refusal: tooLarge };
  };
}

/** The whole body, or null as soon as it passes `maxBytes` (the rest is left unread). */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
      req.pause();
    };
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** Answer a refusal in a way every client can read: drain what is left of the body first (bounded). */
export function tooManyRequests(retryAfterSeconds: number): GuardRefusal {
  const retryAfter = String(retryAfterSeconds);
  return { status: 429, headers: { 'retry-after': retryAfter }, message: `Too many requests. Try again in ${retryAfter} seconds.` };
}

export function sendRefusal(req: IncomingMessage, res: ServerResponse, refusal: GuardRefusal): void {
  const answer = (close: boolean) => {
    if (res.headersSent) return;
    res.writeHead(refusal.status, { 'content-type': 'application/json', ...(close ? { connection: 'close' } : {}), ...refusal.headers });
    res.end(JSON.stringify({ errors: [{ message: refusal.message }] }));
  };
  if (req.readableEnded || req.method === 'GET' || req.method === 'HEAD') return answer(false);
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) {
      req.removeAllListeners('data');
      answer(true);
      res.once('finish', () => req.socket.destroy());
    }
  });
  req.once('end', () => answer(false));
  req.once('error', () => req.socket.destroy());
  req.resume();
}
