/**
 * A time limit for one upstream exchange that lets go of everything when the exchange ends. An
 * `AbortSignal.timeout()` signal lives until its timer fires, and fetch's abort listener on it keeps the finished
 * request reachable until then: at a thousand background calls a second with a 10 s limit, that held about ten
 * thousand finished requests in memory.
 */
export class Deadline {
  readonly signal: AbortSignal;
  /** The limit ran out (what an aborted exchange failed of: a timeout, not the network). */
  expired = false;
  private readonly timer: NodeJS.Timeout;

  constructor(timeoutMs: number) {
    const controller = new AbortController();
    this.signal = controller.signal;
    // The same reason AbortSignal.timeout() gives, so callers tell a timeout from other failures the same way.
    this.timer = setTimeout(() => {
      this.expired = true;
      controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs);
  }

  /** The exchange is over (answered, failed or read to the end). */
  clear(): void {
    clearTimeout(this.timer);
  }
}
