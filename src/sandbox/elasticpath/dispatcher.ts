/**
 * The outbound webhook dispatcher: Elastic Path posts each integration event over HTTP to the integration's URL with
 * its secret in `X-Moltin-Secret-Key`. Delivery is at least once, possibly out of order; an answer other than 2xx,
 * or none within 10 s, is a failure and is retried (EP's retry schedule is UNVERIFIED: here a short, configurable
 * backoff, `retryDelayMs` × attempt, up to `maxAttempts`).
 *
 * For tests, `POST /__sandbox/webhooks/behaviour` injects what EP's documentation allows: a delay, duplicate delivery
 * (the same event id twice), holding events back to deliver them newest first (`hold`, then `/flush`), and dropping
 * the first attempt of each event (it is retried).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

export const deliveryBehaviourSchema = z
  .object({
    delayMs: z.number().int().min(0).max(60_000).optional(),
    duplicate: z.boolean().optional(),
    hold: z.boolean().optional(),
    dropFirstAttempt: z.boolean().optional(),
    retryDelayMs: z.number().int().min(0).max(60_000).optional(),
    maxAttempts: z.number().int().min(1).max(50).optional(),
  })
  .strict();
export type DeliveryBehaviour = z.infer<typeof deliveryBehaviourSchema>;

export interface Delivery {
  eventId: string;
  url: string;
  attempt: number;
  /** HTTP status, `timeout`, `error`, or `dropped` (an injected drop). */
  result: number | 'timeout' | 'error' | 'dropped';
  at: string;
}

interface PendingEvent {
  url: string;
  secret: string;
  body: Record<string, unknown>;
}

const TIMEOUT_MS = 10_000;

export class WebhookDispatcher {
  readonly deliveries: Delivery[] = [];
  private behaviour: DeliveryBehaviour = {};
  private held: PendingEvent[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly log: (line: string) => void) {}

  configure(behaviour: DeliveryBehaviour): void {
    this.behaviour = behaviour;
  }

  reset(): void {
    this.behaviour = {};
    this.held = [];
    this.deliveries.length = 0;
  }

  /** Queue one event to one integration (the body gets its `id` and `attempt` here). */
  dispatch(url: string, secret: string, body: Record<string, unknown>): void {
    const event: PendingEvent = { url, secret, body: { id: randomUUID(), ...body } };
    if (this.behaviour.hold) {
      this.held.push(event);
      return;
    }
    this.later(this.behaviour.delayMs ?? 0, () => this.send(event, 1));
    if (this.behaviour.duplicate) this.later((this.behaviour.delayMs ?? 0) + 50, () => this.send(event, 1));
  }

  /** Deliver what `hold` kept back, newest first (out of order, as EP allows). */
  flush(): number {
    const events = this.held.reverse();
    this.held = [];
    for (const event of events) void this.send(event, 1);
    return events.length;
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private later(ms: number, work: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void work();
    }, ms);
    this.timers.add(timer);
  }

  private async send(event: PendingEvent, attempt: number): Promise<void> {
    const record = (result: Delivery['result']) => {
      this.deliveries.push({ eventId: String(event.body.id), url: event.url, attempt, result, at: new Date().toISOString() });
      this.log(`elasticpath: webhook ${String(event.body.id)} attempt ${attempt}: ${result}`);
    };
    let ok = false;
    if (attempt === 1 && this.behaviour.dropFirstAttempt) {
      record('dropped');
    } else {
      try {
        const response = await fetch(event.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-moltin-secret-key': event.secret },
          body: JSON.stringify({ ...event.body, attempt }),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        await response.arrayBuffer();
        record(response.status);
        ok = response.status >= 200 && response.status < 300;
      } catch (error) {
        record((error as Error).name === 'TimeoutError' ? 'timeout' : 'error');
      }
    }
    if (!ok && attempt < (this.behaviour.maxAttempts ?? 5)) {
      this.later((this.behaviour.retryDelayMs ?? 500) * attempt, () => this.send(event, attempt + 1));
    }
  }
}
