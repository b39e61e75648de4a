/**
 * What every configuration section is parsed with (config.ts for the common settings, one module per backend: e.g.
 * backends/bigcommerce/config.ts): the value schemas, and `Problems`, which collects every problem of every section
 * so one start-up lists them all, each naming its variable with an example of a good value.
 */
import { z } from 'zod';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** At most `points` in `durationSeconds` per key. */
export interface RateLimitRule {
  points: number;
  durationSeconds: number;
}

export const boolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
export const port = z.coerce.number().int().min(0).max(65535, 'must be a port number, 0 to 65535');
export const positiveInt = z.coerce.number().int().positive();
export const httpUrl = z
  .url({ protocol: /^https?$/ })
  .transform((u) => u.replace(/\/+$/, ''));
export const nonEmpty = z.string().trim().min(1, 'must not be empty');
export const list = z.string().transform((v) => v.split(',').map((item) => item.trim()).filter(Boolean));
export const rule = z
  .string()
  .regex(/^\d+\/\d+$/, 'must be POINTS/SECONDS, e.g. 10/900')
  .transform((v): RateLimitRule => {
    const [points, durationSeconds] = v.split('/').map(Number) as [number, number];
    return { points, durationSeconds };
  })
  .refine((r) => r.points > 0 && r.durationSeconds > 0, 'both numbers must be positive');

/** What a good value looks like, shown with every problem so the fix is one copy away. */
const EXAMPLES: Partial<Record<string, string>> = {
  PORT: '4000',
  SANDBOX_PORT: '4010',
  PUBLIC_URL: 'https://auth.example.com',
  RESET_PAGE_URL: 'https://shop.example.com/reset-password',
  REDIS_URL: 'redis://redis.internal:6379',
  GATEWAY_SECRET: '"$(openssl rand -base64 48)"',
  RESET_TOKEN_SECRET: '"$(openssl rand -base64 48)"',
  BIGCOMMERCE_STORE_HASH: 'abc123',
  BIGCOMMERCE_API_URL: 'https://api.bigcommerce.com',
  BIGCOMMERCE_CHANNELS: '\'[{"id":1,"siteUrl":"https://shop.example.com"}]\'',
  CORS_ORIGINS: 'https://shop.example.com',
  TRUSTED_PROXIES: '10.0.0.0/8',
  MAIL_FROM: '"Shop <shop@example.com>"',
  LOG_LEVEL: 'info',
  RESET_STRATEGY: 'ott',
  NODE_ENV: 'production',
  SIGN_IN_REDIRECT_PATH: '/account/orders',
  NATIVE_RESET_PATH: '/password-reset',
};

/** A backend's section adds the examples for its own settings. */
export function addExamples(examples: Record<string, string>): void {
  Object.assign(EXAMPLES, examples);
}

/**
 * Every problem found while reading the environment, so one start-up lists them all: each names the variable,
 * what is wrong with its value, and an example of a good one.
 */
export class Problems {
  readonly list: string[] = [];

  add(variable: string, problem: string): void {
    const example = EXAMPLES[variable] ?? (RULE_VARIABLE.test(variable) ? '10/900' : undefined);
    this.list.push(`${variable} ${problem}${example ? `; for example ${variable}=${example}` : ''}`);
  }

  /** A required value: when missing, the problem is noted and `placeholder` stands in so checking goes on. */
  need<T>(value: T | undefined, variable: string, problem: string, placeholder: T): T {
    if (value !== undefined) return value;
    this.add(variable, problem);
    return placeholder;
  }

  throwIfAny(): void {
    if (this.list.length === 1) throw new ConfigError(this.list[0]);
    if (this.list.length > 1) throw new ConfigError(`${this.list.length} problems:\n${this.list.map((line) => `  - ${line}`).join('\n')}`);
  }
}

const RULE_VARIABLE = /^RATE_LIMIT_|^UPSTREAM_BUDGET$/;

/** Variables whose value is a secret: a problem with one says what is wrong, never what it is. */
const SECRET_VARIABLE = /SECRET|TOKEN|PASSWORD/;

/** The value as a problem may show it: secrets by their length only, URLs without their password. */
function shown(variable: string, received: string): string {
  if (SECRET_VARIABLE.test(variable)) return `${received.length} characters`;
  return `"${received.replace(/^([a-z]+:\/\/[^:/@]*:)[^@/]*@/i, '$1***@')}"`;
}

/** zod's wording for the cases people hit, in plain words. */
export function explain(issue: z.core.$ZodIssue, variable: string, received: string): string {
  const got = `(got ${shown(variable, received)})`;
  if (issue.code === 'invalid_type' && issue.expected === 'number') return `must be a whole number ${got}`;
  if (issue.code === 'invalid_format' && issue.format === 'url') {
    return `must be ${variable.startsWith('REDIS_') ? 'a redis:// or rediss://' : 'an http:// or https://'} URL ${got}`;
  }
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map((v) => String(v)).join(', ')} ${got}`;
  if (issue.code === 'too_big' || issue.code === 'too_small') {
    const bound = issue.code === 'too_big' ? `at most ${String(issue.maximum)}` : `at least ${String(issue.minimum)}`;
    return `${issue.message.startsWith('must') ? issue.message : `must be ${bound}`} ${got}`;
  }
  return `${issue.message} ${got}`;
}

