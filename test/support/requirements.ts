/**
 * Suites that need something outside Node (a browser, Redis) skip with a loud reason when it is missing, and
 * fail instead when CI demands it (`REQUIRE_BROWSER=1`, `REQUIRE_REDIS=1`).
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const reason = `Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but ${reason}`);
  console.warn(`\n!!! SKIPPING browser suite: ${reason}\n`);
  return false;
}
