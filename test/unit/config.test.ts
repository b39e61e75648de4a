import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const store = {
  BIGCOMMERCE_STORE_HASH: 'abc123',
  BIGCOMMERCE_ACCESS_TOKEN: 'token',
  BIGCOMMERCE_CLIENT_ID: 'client',
  BIGCOMMERCE_CLIENT_SECRET: 'secret',
};

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
    expect(config.bigcommerce.storeHash).toBe('sandbox');
    expect(config.http.graphiql).toBe(true);
    expect(config.http.host).toBe('127.0.0.1');
    expect(config.sso?.generated).toBe(true);
    expect(config.http.resetPageUrl).toBe('http://localhost:4000/reset-password');
  });

  it('derives store URLs from the hash and channel', () => {
    const config = loadConfig({ ...store, BIGCOMMERCE_CHANNEL_ID: '7' });
    expect(config.mode).toBe('store');
    expect(config.bigcommerce.apiUrl).toBe('https://api.bigcommerce.com');
    expect(config.bigcommerce.storefrontUrl).toBe('https://store-abc123-7.mybigcommerce.com');
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
    [{ ...store, NODE_ENV: 'production' }, /^PUBLIC_URL is required in production/],
    [
      { ...store, NODE_ENV: 'production', PUBLIC_URL: 'https://auth.example.com', BIGCOMMERCE_CLIENT_SECRET: 'sandbox-client-secret' },
      /^BIGCOMMERCE_CLIENT_SECRET is the public sandbox secret/,
    ],
    [{ ...store, SSO_ISSUER: 'https://idp.example.com' }, /^SSO_AUDIENCE is required/],
    [{ ...store, SSO_ISSUER: 'i', SSO_AUDIENCE: 'a' }, /^SSO_HS256_SECRET or SSO_JWKS_URL is required/],
  ])('names the variable in one line: %o', (env, expected) => {
    const message = errorFor(env);
    expect(message).toMatch(expected);
    expect(message).not.toContain('\n');
  });

  it('turns GraphiQL and introspection off in production unless enabled', () => {
    const production = { ...store, NODE_ENV: 'production', PUBLIC_URL: 'https://auth.example.com' };
    expect(loadConfig(production).http).toMatchObject({ graphiql: false, introspection: false });
    expect(loadConfig({ ...production, GRAPHIQL: 'true' }).http.graphiql).toBe(true);
  });
});
