import type { SandboxClock } from '../kit/clock.js';
import type { FaultRegistry } from '../kit/faults.js';
import type { ManagementQuota } from './management/quota.js';
import type { ResolvedSandboxOptions } from './options.js';
import type { Outbox } from './outbox.js';
import type { SandboxState } from './state.js';
import type { StorefrontApiTokens } from './storefront/api-tokens.js';

/** Everything a route needs, built once per sandbox instance (app.ts). */
export interface SandboxContext {
  options: ResolvedSandboxOptions;
  clock: SandboxClock;
  state: SandboxState;
  outbox: Outbox;
  faults: FaultRegistry;
  quota: ManagementQuota;
  apiTokens: StorefrontApiTokens;
  /** Base URL of a channel's storefront site (links in mail). Resolved lazily: by default the sandbox's own URL. */
  siteUrl(channelId?: number): string;
}
