/**
 * Readiness on a schedule: each part (the shared store, the upstream, the OTT attribute) is checked in the
 * background at its own interval, one check in flight per part, and `/ready` answers from the last results.
 *
 * `/ready` is unauthenticated and reachable by anyone who can reach the gateway, so it must cost nothing per request:
 * a check per probe let ~100 GETs spend the store's whole upstream budget (and the reserve kept for shoppers) and
 * took every login and reset down. Scheduled checks spend as background work, never from the interactive reserve.
 */
import type { Logger } from '../log.js';
import { requestScope } from '../log.js';

export interface ReadinessPart {
  /** Named in `/ready`'s answer when this part fails: words of our own, never a driver's message. */
  name: string;
  /** Resolves when the part is fine; may throw anything (the message is logged, never served). */
  check(): Promise<unknown>;
  /** How often to check it. */
  everyMs: number;
  /** A specific reason to serve instead of "<name> is unavailable", chosen from the error (must be our own words). */
  reason?(error: unknown): string | undefined;
}

export interface ScheduledReadinessOptions {
  parts: ReadinessPart[];
  /** A check that takes longer fails (its part is reported as not answering). @default 1500 */
  timeoutMs?: number;
  logger: Logger;
}

export interface ScheduledReadiness {
  /** Null when every part passed its last check; else the reason of the first part that did not (or "starting"). */
  unreadyReason(): string | null;
  /** Run every check once now and resolve when all are done (start-up, tests). */
  checkNow(): Promise<void>;
  stop(): void;
}

interface PartState {
  reason: string | null | 'pending';
  running: Promise<void> | null;
}

export function scheduledReadiness({ parts, timeoutMs = 1500, logger }: ScheduledReadinessOptions): ScheduledReadiness {
  const states = parts.map((): PartState => ({ reason: 'pending', running: null }));
  const timers: NodeJS.Timeout[] = [];

  function run(index: number): Promise<void> {
    const part = parts[index] as ReadinessPart;
    const state = states[index] as PartState;
    state.running ??= requestScope
      .run({ requestId: `readiness:${part.name}`, background: true }, () => withTimeout(part.check(), timeoutMs))
      .then(
        () => {
          if (state.reason !== null && state.reason !== 'pending') logger.info({ part: part.name }, 'readiness part recovered');
          state.reason = null;
        },
        (error: unknown) => {
          const reason = error === TIMED_OUT ? `${part.name} did not answer within ${timeoutMs} ms` : (part.reason?.(error) ?? `${part.name} is unavailable`);
          if (state.reason !== reason) logger.warn({ part: part.name, reason, error: (error as Error)?.message }, 'readiness part failing');
          state.reason = reason;
        },
      )
      .finally(() => {
        state.running = null;
      });
    return state.running;
  }

  parts.forEach((part, index) => {
    void run(index);
    const timer = setInterval(() => void run(index), part.everyMs);
    timer.unref();
    timers.push(timer);
  });

  return {
    unreadyReason() {
      for (const state of states) {
        if (state.reason === 'pending') return 'starting';
        if (state.reason !== null) return state.reason;
      }
      return null;
    },
    async checkNow() {
      await Promise.all(parts.map((_, index) => run(index)));
    },
    stop() {
      for (const timer of timers) clearInterval(timer);
    },
  };
}

const TIMED_OUT = Symbol('timed out');

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(TIMED_OUT), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
