/**
 * The deployment files say what the README and the benchmark say: the image runs the command `npm run start:prod`
 * stands for, with the heap bounds the benchmark measured; the compose file's gateways trust exactly the proxy in
 * front of them and share one Redis; the proxy overwrites X-Forwarded-For. (No Docker engine runs in CI: the
 * production-build test runs what the image's runtime stage runs.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PRODUCTION_ENTRY, PRODUCTION_NODE_OPTIONS } from '../../bench/operations.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const dockerfile = read('Dockerfile');
const runtimeStage = dockerfile.slice(dockerfile.indexOf('AS runtime'));
const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string> };

interface ComposeService {
  environment?: Record<string, string>;
  networks?: string[] | Record<string, { ipv4_address?: string }>;
  command?: string[];
}
const compose = parse(read('deploy/compose.yaml')) as { services: Record<string, ComposeService> };

describe('the image', () => {
  it('runs the production command, unprivileged, from production dependencies only', () => {
    expect(packageJson.scripts['start:prod']).toBe(`node ${PRODUCTION_ENTRY}`);
    expect(runtimeStage).toContain(`\nCMD ["node", "${PRODUCTION_ENTRY}"]`);
    expect(runtimeStage).toMatch(/^USER node$/m);
    expect(runtimeStage).toMatch(/npm ci --omit=dev/);
    expect(runtimeStage).toMatch(/^ENV NODE_ENV=production$/m);
  });

  it('sets the heap bounds the benchmark measures', () => {
    expect(runtimeStage).toContain(`ENV NODE_OPTIONS="${PRODUCTION_NODE_OPTIONS}"`);
  });
});

describe('the compose file', () => {
  const gateways = Object.entries(compose.services).filter(([name]) => name.startsWith('gateway-'));
  const proxy = compose.services.proxy;
  const proxyAddress = (proxy?.networks as Record<string, { ipv4_address?: string }> | undefined)?.gateway?.ipv4_address;

  it('runs two production instances on one Redis that trust only the proxy', () => {
    expect(gateways).toHaveLength(2);
    expect(proxyAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    for (const [, service] of gateways) {
      expect(service.environment).toMatchObject({ NODE_ENV: 'production', REDIS_URL: 'redis://redis:6379', TRUSTED_PROXIES: proxyAddress });
    }
    // Accepted work must survive a Redis restart too.
    expect(compose.services.redis?.command).toContain('--appendonly');
  });

  it('has a proxy that overwrites X-Forwarded-For and balances over both instances', () => {
    const nginx = read('deploy/nginx.conf');
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
    for (const [name] of gateways) expect(nginx).toContain(`server ${name}:4000`);
  });

  it('keeps /ready and /metrics off the public path (issue 15, rows 1 and 13)', () => {
    const nginx = readFileSync(new URL('../../deploy/nginx.conf', import.meta.url), 'utf8');
    for (const path of ['/ready', '/metrics']) expect(nginx).toMatch(new RegExp(`location = ${path} \\{\\s*return 404;`));
  });
});
