import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_SERVER } from 'next/constants.js';
import { checkSettings } from './lib/check-settings.mjs';

/** @type {(phase: string) => import('next').NextConfig} */
export default function nextConfig(phase) {
  // Serving needs every setting; building needs none (CI builds without a store).
  if (phase === PHASE_PRODUCTION_SERVER || phase === PHASE_DEVELOPMENT_SERVER) checkSettings();
  return {
    // The typed client ships as compiled ESM from the gateway package; nothing to transpile.
    poweredByHeader: false,
  };
}
