/**
 * Links and redirects are built from configured URLs only. A request arriving with a forged `Host` or
 * `X-Forwarded-Host` (cache poisoning, password-reset poisoning) must not change the mailed link or the handoff's
 * `Location`.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';

const EVIL = 'evil.example:8443';
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ env: { RESET_STRATEGY: 'ott', RESET_TOKEN_SECRET: 'links-test-secret-links-test-secret-0123' } });
  await eventually(async () => ((await fetch(`${gw.url}/ready`)).ok ? true : undefined));
});
afterAll(async () => gw.close());

/** A raw HTTP exchange with the headers a browser or fetch would not let us forge. */
function send(method: string, path: string, body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const target = new URL(gw.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        method,
        path,
        headers: {
          host: EVIL,
          'x-forwarded-host': EVIL,
          'x-forwarded-proto': 'https',
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('links from configuration only', () => {
  it('the mailed reset link and the handoff redirect ignore Host and X-Forwarded-Host', async () => {
    const answer = await send('POST', '/graphql', JSON.stringify({ query: 'mutation { requestPasswordReset(input: { email: "jane@example.com" }) { accepted } }' }));
    expect(answer.status).toBe(200);
    const mail = await eventually(async () => {
      const mails = gw.mail() as Array<{ to: string; links: string[]; source: string }>;
      return mails.find((m) => m.source === 'gateway' && m.to === 'jane@example.com');
    });
    const link = mail.links.find((l) => l.includes('/password-reset?token='));
    expect(link?.startsWith(`${gw.config.http.publicUrl}/password-reset?token=`)).toBe(true);
    expect(mail.links.join(' ')).not.toContain('evil.example');

    const handoff = await send('GET', new URL(link as string).pathname + new URL(link as string).search);
    expect(handoff.status).toBe(303);
    expect(handoff.headers.location).toBe(gw.config.http.resetPageUrl);
  });
});
