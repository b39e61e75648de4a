/**
 * The Elastic Path emulator as tests drive it, by URL only: its `/__sandbox/` controls (modes, clock, faults, webhook
 * delivery) and the shopper's side of its API (a password or code exchange, an account route that needs the token).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ELASTICPATH_DEV_CREDENTIALS as DEV } from '../../src/contracts/elasticpath/dev-credentials.js';

/** The emulator in a process of its own (`npm run sandbox:elasticpath`), posting its webhooks to `webhookUrl`. */
export async function spawnElasticPathEmulator(): Promise<{ url: string; close(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/elasticpath/main.ts'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { ...process.env, SANDBOX_PORT: '0', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\d.:]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}:\n${output}`)));
  });
  return {
    url,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface EmulatorModes {
  unknownUsername?: '202' | '404';
  singleUseCodes?: boolean;
  newRequestKillsOlder?: boolean;
  badCodeStatus?: 401 | 404 | 422;
  requestsPerSecond?: number;
}

export interface EmulatorFault {
  route: string;
  status?: number;
  latencyMs?: number;
  burst429?: number;
  answerDelayMs?: number;
  timeout?: boolean;
  times?: number;
}

export interface EmulatorDelivery {
  eventId: string;
  attempt: number;
  result: number | string;
}

export class ElasticPathEmulator {
  private constructor(readonly url: string) {}

  static connect(url: string): ElasticPathEmulator {
    return new ElasticPathEmulator(url);
  }

  /** Back to the seed, with the store rate limit lifted (tests about the limit set it again). */
  async reset(): Promise<void> {
    await this.control('/__sandbox/reset', {});
    await this.modes({ requestsPerSecond: 10_000 });
  }
  modes(modes: EmulatorModes) {
    return this.control('/__sandbox/modes', modes);
  }
  advanceClock(seconds: number) {
    return this.control('/__sandbox/clock', { advanceSeconds: seconds });
  }
  setFaults(faults: EmulatorFault[]) {
    return this.control('/__sandbox/faults', { faults });
  }
  /** A new member (one account, the demo password). */
  addMember(email: string, name = 'Test Shopper') {
    return this.control('/__sandbox/members', { email, name });
  }
  /** Point the integration at a gateway (an emulator started before the gateway it calls). */
  webhookTarget(url: string) {
    return this.control('/__sandbox/webhook-target', { url });
  }
  webhooks(behaviour: { delayMs?: number; duplicate?: boolean; hold?: boolean; dropFirstAttempt?: boolean; retryDelayMs?: number; maxAttempts?: number }) {
    return this.control('/__sandbox/webhooks/behaviour', behaviour);
  }
  /** Deliver every held event, newest first (out of order, as EP may). */
  flushWebhooks() {
    return this.control('/__sandbox/webhooks/flush', {});
  }
  async deliveries(): Promise<EmulatorDelivery[]> {
    return (await fetch(`${this.url}/__sandbox/webhooks`)).json() as Promise<EmulatorDelivery[]>;
  }
  async codes(): Promise<Array<{ code: string; username: string; purpose: string; used: boolean }>> {
    return (await fetch(`${this.url}/__sandbox/codes`)).json() as Promise<Array<{ code: string; username: string; purpose: string; used: boolean }>>;
  }

  /** A shopper's own exchange at EP (implicit token): the account tokens, or the status EP refused with. */
  async exchange(username: string, secret: { password: string } | { code: string }): Promise<{ status: number; tokens: Array<{ account_id: string; token: string }> }> {
    const form = new URLSearchParams({ grant_type: 'implicit', client_id: DEV.clientId });
    const implicit = (await (await fetch(`${this.url}/oauth/access_token`, { method: 'POST', body: form })).json()) as { access_token: string };
    const credential = 'password' in secret ? { authentication_mechanism: 'password', password: secret.password } : { authentication_mechanism: 'passwordless', one_time_password_token: secret.code };
    const response = await fetch(`${this.url}/v2/account-members/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${implicit.access_token}` },
      body: JSON.stringify({ data: { type: 'account_management_authentication_token', password_profile_id: DEV.passwordProfileId, username, ...credential } }),
    });
    const body = (await response.json()) as { data?: Array<{ account_id: string; token: string }> };
    return { status: response.status, tokens: response.ok ? (body.data ?? []) : [] };
  }
  async passwordWorks(username: string, password: string): Promise<boolean> {
    const { status } = await this.exchange(username, { password });
    return status >= 200 && status < 300;
  }
  /** The account behind an account token, read where EP requires the token (the status when refused). */
  async account(accountId: string, accountToken: string): Promise<{ status: number; name?: string }> {
    const form = new URLSearchParams({ grant_type: 'implicit', client_id: DEV.clientId });
    const implicit = (await (await fetch(`${this.url}/oauth/access_token`, { method: 'POST', body: form })).json()) as { access_token: string };
    const response = await fetch(`${this.url}/v2/accounts/${accountId}`, {
      headers: { authorization: `Bearer ${implicit.access_token}`, 'ep-account-management-authentication-token': accountToken },
    });
    const body = (await response.json()) as { data?: { name: string } };
    return { status: response.status, ...(body.data ? { name: body.data.name } : {}) };
  }

  private async control(path: string, body: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`emulator ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  }
}
