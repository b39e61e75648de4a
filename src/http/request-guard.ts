/**
 * Checks every request must pass before the GraphQL layer parses anything: a body size limit (bodies are
 * refused by their declared length, and a body without one is refused outright, so nothing large is ever
 * buffered) and the per-IP request rate (429 with Retry-After).
 */
import type { IncomingMessage } from 'node:http';
import type { Limits } from '../limits.js';

export interface GuardRefusal {
  status: 411 | 413 | 429;
  headers: Record<string, string>;
  message: string;
}

export interface RequestGuardOptions {
  maxBodyBytes: number;
  limits: Pick<Limits, 'check'>;
}

export function requestGuard(options: RequestGuardOptions) {
  return async (req: IncomingMessage, clientIp: string): Promise<GuardRefusal | null> => {
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
    if (hasBody) {
      const declared = req.headers['content-length'];
      if (declared === undefined && req.headers['transfer-encoding']) {
        return { status: 411, headers: {}, message: 'A Content-Length header is required.' };
      }
      if (Number(declared ?? 0) > options.maxBodyBytes) {
        return { status: 413, headers: {}, message: `The request body is larger than ${options.maxBodyBytes} bytes.` };
      }
    }
    const rate = await options.limits.check('httpPerIp', clientIp);
    if (!rate.allowed) {
      return {
        status: 429,
        headers: { 'retry-after': String(rate.retryAfterSeconds) },
        message: `Too many requests. Try again in ${rate.retryAfterSeconds} seconds.`,
      };
    }
    return null;
  };
}
