/**
 * The load balancer's probes, answered before anything else runs (no request guard, no rate limit, no Yoga):
 *
 * - liveness (`/health`): the process only. A probe that restarted every instance during a Redis blip would turn
 *   a blip into an outage.
 * - readiness (`/ready`): whatever `check` says (the store, BigCommerce, the OTT attribute), each part bounded by
 *   its own timeout so the probe answers while a dependency hangs.
 *
 * Written here rather than with Yoga's `useReadinessCheck`: that plugin matches every request against a URLPattern
 * (about 2% of a refused request's CPU), and answering both probes the same way, outside the GraphQL server, keeps
 * them off the request path entirely.
 */
import type { ServerResponse } from 'node:http';

/** Resolves when ready; rejects with an error whose message says what is not (it is ours, never request data). */
export type ReadinessCheck = () => Promise<void>;

const NO_STORE = { 'cache-control': 'no-store' };

export function answerLiveness(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json', ...NO_STORE }).end('{"status":"ok"}');
}

export async function answerReadiness(res: ServerResponse, check: ReadinessCheck): Promise<void> {
  try {
    await check();
    res.writeHead(200, { 'content-type': 'application/json', ...NO_STORE }).end('{"status":"ready"}');
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'not ready';
    res.writeHead(503, { 'content-type': 'application/json', ...NO_STORE }).end(JSON.stringify({ status: 'unavailable', reason }));
  }
}
