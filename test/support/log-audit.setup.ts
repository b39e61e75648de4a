/** Vitest setup file: after each test file, its log lines must carry no secret (see log-audit.ts). */
import { afterAll, expect } from 'vitest';
import { findLogLeaks } from './log-audit.js';

afterAll(() => {
  const leaks = findLogLeaks();
  expect(leaks, `log lines carrying a secret, a JWT or an email:\n${leaks.join('\n')}`).toEqual([]);
});
