import type { PasswordComplexitySettings } from './password-policy.js';
import { DEFAULT_PASSWORD_COMPLEXITY } from './password-policy.js';

export interface ManagementQuotaOptions {
  requestsPerWindow: number;
  windowMs: number;
}

export interface SandboxOptions {
  /** Default 0 (ephemeral) for startSandbox; main.ts uses SANDBOX_PORT ?? 4010. */
  port?: number;
  /** Default '127.0.0.1'. Only loopback hosts are accepted. */
  host?: string;
  /**
   * Base URL of the storefront site, used to build links in mail BigCommerce sends
   * (native reset link = `${siteUrl}${path}?c=<customerId>&t=<token>`). Default: the sandbox's own URL.
   */
  siteUrl?: string;
  /** Site URLs of other channels, by channel id (default: `siteUrl`). */
  channelSiteUrls?: Record<number, string>;
  /** Management API quota; default 150 per 30000 ms (Standard plan, api-rate-limits.mdx). */
  quota?: ManagementQuotaOptions;
  /** Store password rules; default: min 7, letters and numbers. */
  passwordComplexity?: Partial<PasswordComplexitySettings>;
  /** Default 30 (customer-login.mdx: "the JWT's iat claim is only valid for 30 seconds"). */
  customerLoginJwtMaxAgeSeconds?: number;
  /** Never receives passwords, tokens, JWTs or full emails. */
  onLog?: (line: string) => void;
}

export interface ResolvedSandboxOptions {
  siteUrl: string | undefined;
  channelSiteUrls: Record<number, string>;
  quota: ManagementQuotaOptions;
  passwordComplexity: PasswordComplexitySettings;
  customerLoginJwtMaxAgeSeconds: number;
  log: (line: string) => void;
}

/** BigCommerce Standard/Plus plan: 150 requests per 30 s window (api-rate-limits.mdx). */
export const DEFAULT_QUOTA: ManagementQuotaOptions = { requestsPerWindow: 150, windowMs: 30_000 };

export function resolveSandboxOptions(options: SandboxOptions = {}): ResolvedSandboxOptions {
  const quota = options.quota ?? DEFAULT_QUOTA;
  if (!Number.isInteger(quota.requestsPerWindow) || quota.requestsPerWindow < 1) {
    throw new Error('sandbox: quota.requestsPerWindow must be a positive integer');
  }
  if (!Number.isInteger(quota.windowMs) || quota.windowMs < 1) {
    throw new Error('sandbox: quota.windowMs must be a positive integer');
  }
  const maxAge = options.customerLoginJwtMaxAgeSeconds ?? 30;
  if (!Number.isFinite(maxAge) || maxAge <= 0) {
    throw new Error('sandbox: customerLoginJwtMaxAgeSeconds must be positive');
  }
  return {
    siteUrl: options.siteUrl === undefined ? undefined : stripTrailingSlash(options.siteUrl),
    channelSiteUrls: Object.fromEntries(
      Object.entries(options.channelSiteUrls ?? {}).map(([id, url]) => [Number(id), stripTrailingSlash(url)]),
    ),
    quota: { ...quota },
    passwordComplexity: { ...DEFAULT_PASSWORD_COMPLEXITY, ...options.passwordComplexity },
    customerLoginJwtMaxAgeSeconds: maxAge,
    log: options.onLog ?? (() => undefined),
  };
}

function stripTrailingSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
