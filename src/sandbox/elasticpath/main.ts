/**
 * `npm run sandbox:elasticpath`: the Elastic Path emulator on its own. SANDBOX_PORT (default 4020), SANDBOX_HOST
 * (default 127.0.0.1, loopback only), EP_WEBHOOK_URL (seed an enabled integration posting there). Refuses
 * NODE_ENV=production.
 */
import { ELASTICPATH_DEMO_PASSWORD, ELASTICPATH_DEV_CREDENTIALS as DEV, startElasticPathSandbox } from './index.js';

const port = Number(process.env['SANDBOX_PORT'] ?? 4020);
const sandbox = await startElasticPathSandbox({
  host: process.env['SANDBOX_HOST'] ?? '127.0.0.1',
  port,
  ...(process.env['EP_WEBHOOK_URL'] ? { webhookUrl: process.env['EP_WEBHOOK_URL'] } : {}),
  onLog: (line) => console.log(line),
}).catch((error: unknown) => {
  console.error(`elasticpath sandbox: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
console.log(
  [
    '',
    'Elastic Path sandbox (in memory, dev only; these credentials are public)',
    `  API              ${sandbox.url}   (POST /oauth/access_token, /v2/...)`,
    `  Client id        ${DEV.clientId}   (secret ${DEV.clientSecret})`,
    `  Realm            ${DEV.realmId}`,
    `  Password profile ${DEV.passwordProfileId}`,
    `  Webhook secret   ${DEV.webhookSecret}   (X-Moltin-Secret-Key)`,
    `  Controls         ${sandbox.url}/__sandbox/{reset,faults,modes,clock,settings,webhook-target,webhooks,codes,members}`,
    `  Demo members     jane@example.com, john@example.com, sam@example.com (two accounts), olive (username), nora@example.com (no account); password ${ELASTICPATH_DEMO_PASSWORD}`,
    '',
  ].join('\n'),
);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
