/**
 * The load balancer's probes, answered before anything else runs (no request guard, no rate limit, no Yoga):
 *
 * - liveness (`/health`): the process only. A probe that restarted every instance during a Redis blip would turn
 *   a blip into an outage.
 * - readiness (`/ready`): the last results of the scheduled checks (readiness.ts: the store, BigCommerce, the OTT
 *   attribute), so the probe answers at once while a dependency hangs, and costs nothing upstream.
 *
 * Written here rather than with Yoga's `useReadinessCheck`: that plugin matches every request against a URLPattern
 * (about 2% of a refused request's CPU), and answering both probes the same way, outside the GraphQL server, keeps
 * them off the request path entirely.
 */
import type { ServerResponse } from 'node:http';

/** Null when ready, else what is not, in words of our own (never request data, never a driver's message). */
export type ReadinessVerdict = () => string | null;

const NO_STORE = { 'cache-control': 'no-store' };

export function answerLiveness(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json', ...NO_STORE }).end('{"status":"ok"}');
}

/** Answers from the last scheduled checks (readiness.ts): a probe never waits on, or spends, anything upstream. */
export function answerReadiness(res: ServerResponse, verdict: ReadinessVerdict): void {
  const reason = verdict();
  if (reason === null) res.writeHead(200, { 'content-type': 'application/json', ...NO_STORE }).end('{"status":"ready"}');
  else res.writeHead(503, { 'content-type': 'application/json', ...NO_STORE }).end(JSON.stringify({ status: 'unavailable', reason }));
}
