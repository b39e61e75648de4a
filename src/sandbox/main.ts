/**
 * `npm run sandbox`: the BigCommerce sandbox on its own, for frontend teams and manual testing.
 * SANDBOX_PORT (default 4010), SANDBOX_HOST (default 127.0.0.1, loopback only). Refuses NODE_ENV=production.
 */
import { SANDBOX_CREDENTIALS, SEED_CUSTOMERS, startSandbox } from './index.js';
import { assertSandboxMayStart } from './kit/guard.js';

function readPort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 4010;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`SANDBOX_PORT must be an integer between 0 and 65535, got "${raw}"`);
  }
  return port;
}

async function main(): Promise<void> {
  const host = process.env['SANDBOX_HOST'] ?? '127.0.0.1';
  const port = readPort(process.env['SANDBOX_PORT']);
  assertSandboxMayStart(host, 'BigCommerce sandbox');
  const sandbox = await startSandbox({ host, port, onLog: (line) => console.log(line) });
  const { storeHash, accessToken, clientId, clientSecret, channelId } = SANDBOX_CREDENTIALS;
  console.log(
    [
      '',
      'BigCommerce sandbox (in memory, dev only; these credentials are public)',
      `  Management API   ${sandbox.url}/stores/${storeHash}/v3   (X-Auth-Token: ${accessToken})`,
      `  Storefront API   ${sandbox.url}/graphql   (Authorization: Bearer <token from POST /v3/storefront/api-token-private>)`,
      `  Client id        ${clientId}`,
      `  Client secret    ${clientSecret}   (signs Customer Login JWTs)`,
      `  Channel          ${channelId}`,
      `  Mail outbox      GET ${sandbox.url}/__sandbox/mail`,
      `  Controls         POST ${sandbox.url}/__sandbox/reset | /__sandbox/faults | /__sandbox/clock`,
      '  Demo customers:',
      ...SEED_CUSTOMERS.map(
        (customer) =>
          `    #${customer.id} ${customer.email} / ${customer.password}${customer.forcePasswordReset ? '   (force_password_reset)' : ''}`,
      ),
      '',
    ].join('\n'),
  );

  const shutdown = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
