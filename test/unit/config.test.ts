import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SETTINGS } from '../../src/config.js';

const store = {
  BIGCOMMERCE_STORE_HASH: 'abc123',
  BIGCOMMERCE_ACCESS_TOKEN: 'token',
  BIGCOMMERCE_CLIENT_ID: 'client',
  BIGCOMMERCE_CLIENT_SECRET: 'secret',
  POSTMARK_SERVER_TOKEN: 'pm',
  MAIL_FROM: 'shop@example.com',
};
const { POSTMARK_SERVER_TOKEN: _token, MAIL_FROM: _from, ...storeWithoutMail } = store;
/** What production needs besides the store: Redis (or an explicit single instance) and the gateway secret. */
const production = { ...store, NODE_ENV: 'production', REDIS_URL: 'redis://redis:6379', GATEWAY_SECRET: 'g'.repeat(32) };

/** A JWT shaped like a BigCommerce storefront API token (`token_type` 1 storefront, 3 private) issued on `date`. */
function storefrontToken(tokenType: number, date: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ token_type: tokenType, iat: Date.parse(date) / 1000, cid: [1] })}.signature`;
}

function errorFor(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('runs in sandbox mode without a store hash, with the public dev credentials and dev tools on', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('sandbox');
    expect(config.bigcommerce!.storeHash).toBe('sandbox');
    expect(config.http.graphiql).toBe(true);
    expect(config.http.host).toBe('127.0.0.1');
    expect(config.sso?.generated).toBe(true);
    expect(config.http.resetPageUrl).toBe('http://localhost:4000/reset-password');
  });

  it('derives store URLs from the hash and channel', () => {
    const config = loadConfig({ ...store, BIGCOMMERCE_CHANNEL_ID: '7' });
    expect(config.mode).toBe('store');
    expect(config.bigcommerce!.apiUrl).toBe('https://api.bigcommerce.com');
    expect(config.bigcommerce!.storefrontUrl).toBe('https://store-abc123-7.mybigcommerce.com');
    expect(config.sso).toBeNull();
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT is invalid/],
    [{ PORT: '70000' }, /^PORT is invalid/],
    [{ PUBLIC_URL: 'not a url' }, /^PUBLIC_URL is invalid/],
    [{ PUBLIC_URL: 'ftp://example.com' }, /^PUBLIC_URL is invalid/],
    [{ RESET_STRATEGY: 'magic' }, /^RESET_STRATEGY is invalid/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL is invalid/],
    [{ SSO_HS256_SECRET: 'short' }, /^SSO_HS256_SECRET is invalid: must be at least 32 characters/],
    [{ NATIVE_RESET_PATH: 'no-slash' }, /^NATIVE_RESET_PATH is invalid/],
    [{ BIGCOMMERCE_STORE_HASH: 'abc', BIGCOMMERCE_CLIENT_ID: 'c', BIGCOMMERCE_CLIENT_SECRET: 's' }, /^BIGCOMMERCE_ACCESS_TOKEN is required/],
    [{ ...store, BIGCOMMERCE_CLIENT_SECRET: '' }, /^BIGCOMMERCE_CLIENT_SECRET is required/],
    [{ NODE_ENV: 'production' }, /^BIGCOMMERCE_STORE_HASH is required in production/],
    [{ ...production }, /^PUBLIC_URL is required in production/],
    [
      { ...production, PUBLIC_URL: 'https://auth.example.com', BIGCOMMERCE_CLIENT_SECRET: 'sandbox-client-secret' },
      /^BIGCOMMERCE_CLIENT_SECRET is the public sandbox secret/,
    ],
    [{ ...store, NODE_ENV: 'production', PUBLIC_URL: 'https://a.example' }, /^REDIS_URL is required in production .*SINGLE_INSTANCE=true/],
    [{ ...store, NODE_ENV: 'production', PUBLIC_URL: 'https://a.example', SINGLE_INSTANCE: 'true' }, /^GATEWAY_SECRET is required in production/],
    [{ ...store, REDIS_URL: 'redis://127.0.0.1:6379' }, /^GATEWAY_SECRET is required with REDIS_URL/],
    [{ GATEWAY_SECRET: 'short' }, /^GATEWAY_SECRET is invalid: must be at least 32 bytes/],
    [{ HOST: '0.0.0.0' }, /^HOST must be a loopback address in sandbox mode/],
    [{ UPSTREAM_INTERACTIVE_RESERVE: '95' }, /^UPSTREAM_INTERACTIVE_RESERVE is invalid/],
    [{ ...store, BIGCOMMERCE_STOREFRONT_TOKEN: storefrontToken(1, '2026-07-02') }, /^BIGCOMMERCE_STOREFRONT_TOKEN is a storefront token created after 2026-06-30/],
    [{ SIGN_IN_CODE_TTL: '1200' }, /^SIGN_IN_CODE_TTL is invalid: must be at most 900 seconds/],
    [{ SIGN_IN_REDIRECT_PATH: 'https://evil.example/' }, /^SIGN_IN_REDIRECT_PATH is invalid: must be a relative path/],
    [{ SIGN_IN_REDIRECT_PATH: '//evil.example/' }, /^SIGN_IN_REDIRECT_PATH is invalid/],
    [{ BIGCOMMERCE_CHANNELS: 'not json' }, /^BIGCOMMERCE_CHANNELS is invalid: must be a JSON array/],
    [{ ...store, BIGCOMMERCE_CHANNELS: '[{"id":2}]' }, /^BIGCOMMERCE_CHANNELS must include BIGCOMMERCE_CHANNEL_ID \(1\)/],
    [{ ...store, SSO_ISSUER: 'https://idp.example.com' }, /^SSO_AUDIENCE is required/],
    [{ ...store, SSO_ISSUER: 'i', SSO_AUDIENCE: 'a' }, /^SSO_HS256_SECRET or SSO_JWKS_URL is required/],
    [{ RESET_TOKEN_SECRET: 'too-short' }, /^RESET_TOKEN_SECRET is invalid: must be at least 32 bytes/],
    [{ RESET_TOKEN_SECRET: `${'n'.repeat(32)},short` }, /^RESET_TOKEN_SECRET is invalid: must be at least 32 bytes/],
    [{ ...store, RESET_STRATEGY: 'ott' }, /^RESET_TOKEN_SECRET is required with RESET_STRATEGY=ott/],
    [{ RESET_TOKEN_TTL: '10' }, /^RESET_TOKEN_TTL is invalid/],
    [
      { ...storeWithoutMail, NODE_ENV: 'production', REDIS_URL: 'redis://redis:6379', GATEWAY_SECRET: 'g'.repeat(32), PUBLIC_URL: 'https://a.example' },
      /^POSTMARK_SERVER_TOKEN is required when a store is configured/,
    ],
    [
      // Any NODE_ENV: the dev outbox would show shoppers' codes to whoever reads /dev/mail (issue 15, row 3).
      { ...storeWithoutMail, NODE_ENV: 'development' },
      /^POSTMARK_SERVER_TOKEN is required when a store is configured/,
    ],
    [{ POSTMARK_SERVER_TOKEN: 'pm' }, /^MAIL_FROM is required with POSTMARK_SERVER_TOKEN/],
    [{ POSTMARK_API_URL: 'localhost:1234' }, /^POSTMARK_API_URL is invalid/],
  ])('names the variable: %o', (env, expected) => {
    const lines = errorFor(env)
      .split('\n')
      .map((line) => line.replace(/^ {2}- /, ''));
    expect(lines.some((line) => expected.test(line)), lines.join('\n')).toBe(true);
  });

  it('lists every problem at once, each with what is wrong and an example', () => {
    const message = errorFor({ PORT: 'abc', PUBLIC_URL: 'ftp://example.com', LOG_LEVEL: 'loud' });
    expect(message.split('\n')).toEqual([
      '3 problems:',
      '  - PORT is invalid: must be a whole number (got "abc"); for example PORT=4000',
      '  - PUBLIC_URL is invalid: must be an http:// or https:// URL (got "ftp://example.com"); for example PUBLIC_URL=https://auth.example.com',
      '  - LOG_LEVEL is invalid: must be one of fatal, error, warn, info, debug, trace, silent (got "loud"); for example LOG_LEVEL=info',
    ]);
    // Cross-setting problems are collected too, not only the first.
    const production = errorFor({ NODE_ENV: 'production', BIGCOMMERCE_STORE_HASH: 'abc', RESET_STRATEGY: 'ott' });
    for (const variable of ['BIGCOMMERCE_ACCESS_TOKEN', 'PUBLIC_URL', 'REDIS_URL', 'GATEWAY_SECRET', 'RESET_TOKEN_SECRET', 'POSTMARK_SERVER_TOKEN']) {
      expect(production).toContain(`- ${variable} `);
    }
    // One problem stays one line.
    expect(errorFor({ PORT: '70000' })).toBe('PORT is invalid: must be a port number, 0 to 65535 (got "70000"); for example PORT=4000');
  });

  it('generates the ott secret only in sandbox mode, and reads the mail settings', () => {
    const sandbox = loadConfig({ RESET_STRATEGY: 'ott' });
    expect(sandbox.reset).toMatchObject({ strategy: 'ott', tokenSecretGenerated: true, tokenTtlSeconds: 600, attributeName: 'reset_ott' });
    expect(Buffer.byteLength(sandbox.reset.tokenSecrets[0] ?? '')).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ RESET_STRATEGY: 'ott' }).reset.tokenSecrets).not.toEqual(sandbox.reset.tokenSecrets);
    // Rotation: the new secret first, the old one still verifying links already mailed.
    expect(loadConfig({ RESET_TOKEN_SECRET: `${'n'.repeat(32)},${'o'.repeat(32)}` }).reset.tokenSecrets).toEqual(['n'.repeat(32), 'o'.repeat(32)]);
    expect(sandbox.mail).toEqual({ transport: 'outbox' });
    const postmark = loadConfig({ POSTMARK_SERVER_TOKEN: 'pm', MAIL_FROM: 'shop@example.com', POSTMARK_TEMPLATE_PASSWORD_RESET: 'reset-v1' });
    expect(postmark.mail).toMatchObject({
      transport: 'postmark',
      messageStream: 'outbound',
      apiUrl: 'https://api.postmarkapp.com',
      templateAliases: { 'password-reset': 'reset-v1' },
    });
  });

  it('turns GraphiQL and introspection off in production unless enabled', () => {
    const env = { ...production, PUBLIC_URL: 'https://auth.example.com' };
    expect(loadConfig(env).http).toMatchObject({ graphiql: false, introspection: false });
    expect(loadConfig({ ...env, GRAPHIQL: 'true' }).http.graphiql).toBe(true);
  });

  it('runs production on one instance without Redis only when told to, and keeps a given gateway secret', () => {
    const single = loadConfig({ ...store, NODE_ENV: 'production', PUBLIC_URL: 'https://a.example', SINGLE_INSTANCE: 'true', GATEWAY_SECRET: 's'.repeat(40) });
    expect(single.redis).toBeNull();
    expect(single.gatewaySecret).toEqual({ value: 's'.repeat(40), generated: false });
    expect(loadConfig({}).gatewaySecret.generated).toBe(true);
  });

  it('accepts an older storefront token and a private token; configures every listed channel, the default first', () => {
    expect(loadConfig({ ...store, BIGCOMMERCE_STOREFRONT_TOKEN: storefrontToken(1, '2026-06-29') }).bigcommerce!.storefrontToken).toBeDefined();
    expect(loadConfig({ ...store, BIGCOMMERCE_STOREFRONT_TOKEN: storefrontToken(3, '2026-11-01') }).bigcommerce!.storefrontToken).toBeDefined();
    const channels = loadConfig({
      ...store,
      PUBLIC_URL: 'https://auth.example.com',
      BIGCOMMERCE_CHANNELS: '[{"id":2,"siteUrl":"https://outlet.example.com","mailFrom":"outlet@example.com"},{"id":1}]',
    }).bigcommerce!.channels;
    expect(channels.map((c) => c.id)).toEqual([1, 2]);
    expect(channels[0]).toMatchObject({ siteUrl: 'https://auth.example.com', storefrontUrl: 'https://store-abc123-1.mybigcommerce.com', resetPath: '/password-reset' });
    expect(channels[1]).toMatchObject({ siteUrl: 'https://outlet.example.com', storefrontUrl: 'https://store-abc123-2.mybigcommerce.com', mailFrom: 'outlet@example.com' });
  });

  it("abandons background jobs after the reset link's lifetime unless told otherwise", () => {
    expect(loadConfig({}).queue.maxJobAgeSeconds).toBe(3600);
    expect(loadConfig({ RESET_STRATEGY: 'ott', RESET_TOKEN_TTL: '900' }).queue.maxJobAgeSeconds).toBe(900);
    expect(loadConfig({ QUEUE_MAX_JOB_AGE: '120' }).queue.maxJobAgeSeconds).toBe(120);
  });
});

describe('documented settings', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');

  it('lists every setting in .env.example and in the README, and .env.example loads as it is', () => {
    for (const setting of SETTINGS) {
      expect(example, setting).toMatch(new RegExp(`^#? ?${setting}=`, 'm'));
      expect(readme, setting).toContain(`\`${setting}\``);
    }
    const values = Object.fromEntries(
      example
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(() => loadConfig(values)).not.toThrow();
  });
});

describe('configuration errors never echo a secret (issue 15, row 9)', () => {
  it.each([
    ['GATEWAY_SECRET', 'short-gateway-secret-value'],
    ['RESET_TOKEN_SECRET', `${'k'.repeat(40)},short-second-reset-secret`],
    ['SSO_HS256_SECRET', 'short-sso-secret-value'],
    ['METRICS_TOKEN', 'tiny-metric'],
  ])('%s: says what is wrong and how long the value is, never the value', (variable, value) => {
    const message = errorFor({ [variable]: value });
    expect(message).toMatch(new RegExp(`^${variable} is invalid: .*\\(got \\d+ characters\\)`));
    for (const part of value.split(',')) expect(message).not.toContain(part);
  });

  it('REDIS_URL: names the redis:// schemes and hides the password in the URL', () => {
    const message = errorFor({ REDIS_URL: 'http://default:hunter2-redis-password@redis.internal:6379' });
    expect(message).toMatch(/^REDIS_URL is invalid: must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(message).not.toContain('hunter2-redis-password');
  });
});

describe('config: Elastic Path', () => {
  const ep = {
    COMMERCE_BACKEND: 'elasticpath',
    EP_API_URL: 'https://useast.api.elasticpath.com',
    EP_CLIENT_ID: 'client-id',
    EP_CLIENT_SECRET: 'a-client-secret-of-the-store',
    EP_PASSWORD_PROFILE_ID: '9a44bb7e-e377-4382-b36e-c8030aad1c2d',
    EP_WEBHOOK_SECRET: 'webhook-secret-webhook-secret',
    EP_STORE_NAME: 'Example Shop',
    SIGN_IN_LINK_URL: 'https://shop.example.com/sign-in-link',
    RESET_TOKEN_SECRET: 'r'.repeat(40),
    POSTMARK_SERVER_TOKEN: 'pm',
    MAIL_FROM: 'shop@example.com',
  };

  it('runs the emulator without EP_CLIENT_ID: its dev credentials, the one reset flow, no BigCommerce section', () => {
    const config = loadConfig({ COMMERCE_BACKEND: 'elasticpath' });
    expect(config.mode).toBe('sandbox');
    expect(config.bigcommerce).toBeNull();
    expect(config.elasticpath).toMatchObject({ clientId: 'ep-sandbox-client-id', storeName: 'Sandbox Store' });
    expect(config.reset.strategy).toBe('elasticpath');
  });

  it('reads a store, the realm left to the store settings', () => {
    const config = loadConfig(ep);
    expect(config.mode).toBe('store');
    expect(config.elasticpath).toMatchObject({ apiUrl: ep.EP_API_URL, realmId: undefined, webhookSecrets: [ep.EP_WEBHOOK_SECRET], createIntegration: false });
  });

  it('names every missing setting at once, and never echoes a secret', () => {
    const message = errorFor({ COMMERCE_BACKEND: 'elasticpath', EP_CLIENT_ID: 'client-id', EP_CLIENT_SECRET: 'a-client-secret-of-the-store', POSTMARK_SERVER_TOKEN: 'pm', MAIL_FROM: 'shop@example.com' });
    for (const name of ['EP_API_URL', 'EP_PASSWORD_PROFILE_ID', 'EP_WEBHOOK_SECRET', 'EP_STORE_NAME', 'SIGN_IN_LINK_URL', 'RESET_TOKEN_SECRET']) expect(message).toContain(name);
    expect(message).not.toContain('a-client-secret-of-the-store');
  });

  it('refuses a short webhook secret, a third one, and RESET_STRATEGY (EP has one flow)', () => {
    expect(errorFor({ ...ep, EP_WEBHOOK_SECRET: 'short' })).toContain('EP_WEBHOOK_SECRET');
    expect(errorFor({ ...ep, EP_WEBHOOK_SECRET: `${'a'.repeat(16)},${'b'.repeat(16)},${'c'.repeat(16)}` })).toContain('or two while rotating');
    expect(errorFor({ ...ep, RESET_STRATEGY: 'ott' })).toContain('RESET_STRATEGY');
  });
});

describe('config: Redis topologies', () => {
  it('reads one node, a Sentinel group or a Cluster', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', GATEWAY_SECRET: 'g'.repeat(32) }).redis?.topology).toEqual({ kind: 'single', url: 'redis://127.0.0.1:6379' });
    expect(
      loadConfig({ REDIS_SENTINELS: 's1:26379, s2:26380', REDIS_SENTINEL_NAME: 'mymaster', REDIS_PASSWORD: 'pw-of-the-master', REDIS_TLS: 'true', GATEWAY_SECRET: 'g'.repeat(32) }).redis?.topology,
    ).toEqual({ kind: 'sentinel', sentinels: [{ host: 's1', port: 26379 }, { host: 's2', port: 26380 }], name: 'mymaster', password: 'pw-of-the-master', tls: true });
    const cluster = loadConfig({
      REDIS_CLUSTER_NODES: '10.0.0.5:6379',
      REDIS_CLUSTER_NAT_MAP: '{"10.0.0.5:6379":{"host":"redis-1.example.com","port":6380}}',
      GATEWAY_SECRET: 'g'.repeat(32),
    }).redis;
    expect(cluster?.topology).toEqual({ kind: 'cluster', nodes: [{ host: '10.0.0.5', port: 6379 }], tls: false, natMap: { '10.0.0.5:6379': { host: 'redis-1.example.com', port: 6380 } } });
    expect(cluster?.waitReplicas).toBe(0);
  });

  it('refuses what a topology cannot do, naming the setting, never echoing a password', () => {
    const secret = { GATEWAY_SECRET: 'g'.repeat(32) };
    expect(errorFor({ ...secret, REDIS_URL: 'redis://a:6379', REDIS_CLUSTER_NODES: 'b:6379' })).toMatch(/REDIS_CLUSTER_NODES cannot be combined with REDIS_URL/);
    expect(errorFor({ ...secret, REDIS_SENTINELS: 's1:26379' })).toMatch(/REDIS_SENTINEL_NAME is required with REDIS_SENTINELS/);
    expect(errorFor({ ...secret, REDIS_SENTINELS: 'not-a-host-port' })).toMatch(/REDIS_SENTINELS is invalid: must be host:port/);
    expect(errorFor({ ...secret, REDIS_CLUSTER_NODES: 'a:1', REDIS_CLUSTER_NAT_MAP: '[1]' })).toMatch(/REDIS_CLUSTER_NAT_MAP is invalid: must be a JSON object/);
    const message = errorFor({ ...secret, REDIS_URL: 'redis://a:6379', REDIS_PASSWORD: 'the-redis-password-itself' });
    expect(message).toMatch(/REDIS_PASSWORD applies to REDIS_SENTINELS or REDIS_CLUSTER_NODES/);
    expect(message).not.toContain('the-redis-password-itself');
    expect(errorFor({ REDIS_CLUSTER_NODES: 'a:6379' })).toMatch(/GATEWAY_SECRET is required with REDIS_CLUSTER_NODES/);
  });

  it('bounds the shutdown: SHUTDOWN_TIMEOUT seconds, 10 by default', () => {
    expect(loadConfig({}).shutdownTimeoutSeconds).toBe(10);
    expect(loadConfig({ SHUTDOWN_TIMEOUT: '3' }).shutdownTimeoutSeconds).toBe(3);
    expect(errorFor({ SHUTDOWN_TIMEOUT: '0' })).toMatch(/^SHUTDOWN_TIMEOUT is invalid/);
  });
});
