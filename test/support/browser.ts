/** Chromium for the browser suites, launched the way this machine allows (no downloads, no background network). */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH } from './requirements.js';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ], // playwright gives every launch a fresh, empty profile of its own
  });
}
