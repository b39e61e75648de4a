import { afterEach, describe, expect, it } from 'vitest';
import { RequestsFirst } from '../../../src/jobs/requests-first.js';
import { eventually } from '../../support/gateway.js';

/** Keeps the event loop busy, as answering a burst of requests does. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

const started: RequestsFirst[] = [];
const governor = (concurrency: number) => {
  const made = new RequestsFirst({ concurrency, intervalMs: 50 });
  started.push(made);
  return made;
};
afterEach(() => started.splice(0).forEach((made) => made.stop()));

describe('RequestsFirst', () => {
  it('runs one job at a time while a burst of requests keeps the loop busy, and all of them again after it', async () => {
    const jobs = governor(4);
    const changes: number[] = [];
    jobs.onChange((current) => changes.push(current));
    expect(jobs.current).toBe(4);
    for (let i = 0; i < 20; i++) jobs.noteRequest();
    busyFor(150);
    await eventually(async () => (jobs.current === 1 ? true : undefined), 2000);
    // The burst is over: no requests, an idle loop.
    await eventually(async () => (jobs.current === 4 ? true : undefined), 2000);
    expect(changes).toEqual([1, 4]);
  });

  it('does not throttle background work that keeps the loop busy on its own (no requests)', async () => {
    const jobs = governor(4);
    for (let round = 0; round < 4; round++) {
      busyFor(80);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(jobs.current).toBe(4);
  });

  it('does not throttle for requests on an idle loop (ordinary traffic)', async () => {
    const jobs = governor(4);
    for (let i = 0; i < 100; i++) jobs.noteRequest();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(jobs.current).toBe(4);
  });

  it('goes back to full concurrency when stopped, so a shutdown drains at full speed', async () => {
    const jobs = governor(3);
    for (let i = 0; i < 20; i++) jobs.noteRequest();
    busyFor(150);
    await eventually(async () => (jobs.current === 1 ? true : undefined), 2000);
    jobs.stop();
    expect(jobs.current).toBe(3);
  });
});
