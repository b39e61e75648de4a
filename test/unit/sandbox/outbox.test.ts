import { describe, expect, it } from 'vitest';
import { SandboxClock } from '../../../src/sandbox/kit/clock.js';
import { Outbox, OUTBOX_CAPACITY } from '../../../src/sandbox/bigcommerce/outbox.js';

describe('sandbox outbox', () => {
  it('keeps the newest mails only, so a long load run cannot grow the process without bound', () => {
    const outbox = new Outbox(new SandboxClock());
    for (let i = 0; i < OUTBOX_CAPACITY + 50; i++) outbox.add({ to: `s${i}@example.com`, subject: 'x', text: 'x', html: 'x' });
    const mails = outbox.list();
    expect(mails).toHaveLength(OUTBOX_CAPACITY);
    expect(mails[0]?.to).toBe(`s${OUTBOX_CAPACITY + 49}@example.com`);
    expect(mails.at(-1)?.to).toBe('s50@example.com');
  });
});
