/**
 * A master killed mid-burst, on Sentinel (master + replica + 3 sentinels) and on a 3 + 3 Cluster (the master
 * holding the queue's slot), real redis-server processes: 100 reset requests sent around the kill, and 50 concurrent
 * redemptions of one sign-in code during the gap. Measured and asserted: every request the gateway accepted gets its
 * mail; no code is redeemed twice; requests in the gap answer 503 (never a masked 200); /ready names the store while
 * it is down and is 200 again after the promotion; the old master, back and empty, never gets a gateway connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTION_NAME } from '../../src/store/redis-connection.js';
import { createCustomers } from '../support/customers.js';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { auditSecret } from '../support/log-audit.js';
import { type RedisProcess, redisServerAvailable, startCluster, startSentinelGroup } from '../support/redis-topologies.js';
import { SandboxHarness } from '../support/sandbox.js';

const run = redisServerAvailable('Redis failover suite');
const ENV = { RESET_STRATEGY: 'ott', RESET_TOKEN_SECRET: 'failover-secret-failover-secret-01234567', SIGN_IN_RESEND_COOLDOWN: '0', QUEUE_LOCK_SECONDS: '3' };
const REQUEST = 'mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { accepted } }';
const SIGN_IN = 'mutation ($code: String!) { signInWithCode(input: { email: "jane@example.com", code: $code, mode: CUSTOMER_LOGIN_JWT }) { __typename } }';

interface Scenario {
  gw: TestGateway;
  /** Kill the master (SIGKILL) and return it, to be restarted later. */
  killMaster(): Promise<RedisProcess>;
  /** Whether a new master serves (after the promotion). */
  promoted(): boolean;
}

async function failover(name: string, scenario: Scenario): Promise<void> {
  const { gw } = scenario;
  const sandbox = SandboxHarness.connect(gw.sandboxUrl);
  const emails = Array.from({ length: 100 }, (_, i) => `${name}-${i}@example.com`);
  await createCustomers(sandbox, emails);
  await eventually(async () => ((await fetch(`${gw.url}/ready`)).status === 200 ? true : undefined), 15_000);

  // A code to redeem during the gap.
  await gw.graphql('mutation { requestSignInCode(input: { email: "jane@example.com" }) { accepted } }');
  const mail = await eventually(async () => gw.mail().find((m) => m.to === 'jane@example.com' && /sign-in code/.test(m.subject)), 10_000);
  const code = /is: (\d{6})/.exec(mail.text)?.[1] ?? '';
  auditSecret(code);

  const statuses = new Map<number | string, number>();
  const accepted: string[] = [];
  const send = async (email: string) => {
    const answer = await gw.graphql<{ requestPasswordReset?: { accepted: boolean } }>(REQUEST, { email });
    const key = answer.status === 200 && answer.body.data?.requestPasswordReset?.accepted ? 'accepted' : answer.status;
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
    if (key === 'accepted') accepted.push(email);
    // Never a masked failure with HTTP 200.
    if (answer.status === 200) expect(answer.body.errors).toBeUndefined();
  };
  // The first 40, then the kill, then the rest one every 30 ms through the gap and the recovery.
  for (const email of emails.slice(0, 40)) await send(email);
  const killedAt = Date.now();
  const oldMaster = await scenario.killMaster();
  const redemptions = Promise.all(Array.from({ length: 50 }, () => gw.graphql(SIGN_IN, { code })));
  let readySawStore = false;
  const readyWatch = (async () => {
    while (Date.now() - killedAt < 20_000) {
      const response = await fetch(`${gw.url}/ready`);
      if (response.status === 503 && ((await response.json()) as { reason: string }).reason.startsWith('shared store')) readySawStore = true;
      if (response.status === 200 && readySawStore) return Date.now() - killedAt;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return null;
  })();
  for (const email of emails.slice(40)) {
    await send(email);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  const wins = (await redemptions).filter((answer) => answer.raw.includes('LoginJwtHandoff')).length;
  const gapStatuses = new Set((await redemptions).map((answer) => answer.status));
  await eventually(async () => (scenario.promoted() ? true : undefined), 20_000);
  // After the promotion the code is still redeemable at most once in all.
  const after = (await Promise.all(Array.from({ length: 10 }, () => gw.graphql(SIGN_IN, { code })))).filter((answer) => answer.raw.includes('LoginJwtHandoff')).length;
  const readyAgainMs = await readyWatch;

  // The old master comes back empty (no persistence): the gateway must never talk to it as a master.
  await oldMaster.start();
  const watchUntil = Date.now() + 4000;
  let oldMasterConnections = 0;
  while (Date.now() < watchUntil) {
    oldMasterConnections = Math.max(oldMasterConnections, (oldMaster.cli('CLIENT', 'LIST').match(new RegExp(`name=${CONNECTION_NAME}`, 'g')) ?? []).length);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const mailed = await eventually(
    async () => {
      const reached = new Set(gw.mail().map((m) => m.to));
      return accepted.every((email) => reached.has(email)) ? reached : undefined;
    },
    60_000,
  ).catch(() => new Set(gw.mail().map((m) => m.to)));
  const lost = accepted.filter((email) => !mailed.has(email));
  console.info(
    `${name}: answers ${JSON.stringify(Object.fromEntries(statuses))}; accepted ${accepted.length}, mailed ${accepted.length - lost.length}, lost ${lost.length}; ` +
      `one code × 50 concurrent in the gap: ${wins} success(es), statuses ${[...gapStatuses].join('/')}, then ${after} of 10 after; ` +
      `/ready named the store: ${readySawStore}, 200 again after ${readyAgainMs ?? 'n/a'} ms; gateway connections to the returned old master: ${oldMasterConnections}`,
  );
  expect(lost).toEqual([]);
  expect(wins + after).toBeLessThanOrEqual(1);
  for (const status of statuses.keys()) expect(['accepted', 503]).toContain(status);
  expect(readySawStore).toBe(true);
  expect(readyAgainMs).not.toBeNull();
  expect(oldMasterConnections).toBe(0);
}

describe.runIf(run)('failover, Sentinel', () => {
  let group: Awaited<ReturnType<typeof startSentinelGroup>>;
  let gw: TestGateway;
  beforeAll(async () => {
    group = await startSentinelGroup();
    gw = await startTestGateway({ env: { ...ENV, REDIS_SENTINELS: group.addresses, REDIS_SENTINEL_NAME: group.name } });
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
    await group?.close();
  });

  it('keeps every accepted mail and one winner per code through a master kill; 503 in the gap', async () => {
    const masterPort = group.master.port;
    await failover('sentinel', {
      gw,
      killMaster: async () => {
        await group.master.kill();
        return group.master;
      },
      promoted: () => group.currentMasterPort() !== masterPort && group.replica.info('replication').role === 'master',
    });
  }, 120_000);
});

describe.runIf(run)('failover, Cluster 3 + 3', () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let gw: TestGateway;
  beforeAll(async () => {
    cluster = await startCluster(3, 1);
    gw = await startTestGateway({ env: { ...ENV, REDIS_CLUSTER_NODES: cluster.addresses } });
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
    await cluster?.close();
  });

  it('keeps every accepted mail and one winner per code through a kill of the queue master; 503 in the gap', async () => {
    const queueMaster = cluster.masterFor('{hag:bull}');
    expect(queueMaster).toBeDefined();
    await failover('cluster', {
      gw,
      killMaster: async () => {
        await queueMaster!.kill();
        return queueMaster!;
      },
      promoted: () => {
        const owner = cluster.masterFor('{hag:bull}');
        return owner !== undefined && owner.port !== queueMaster!.port;
      },
    });
  }, 120_000);
});

/**
 * Replication is asynchronous: a claim the master acknowledged and that had not reached the replica when the master
 * died is gone after the promotion, so it could be granted again. Measured by claiming keys in a loop, freezing the
 * replica for 3 s (DEBUG SLEEP: a replica that lags, as one across a slow link does), killing the master half a
 * second later, and counting the acknowledged claims the promoted replica does not have: without WAIT, and with
 * REDIS_WAIT_REPLICAS=1, which must lose none (claims it cannot replicate in time fail instead, answering 503).
 */
describe.runIf(run)('the replication window of a one-time claim (Sentinel)', () => {
  for (const waitReplicas of [0, 1]) {
    it(`REDIS_WAIT_REPLICAS=${waitReplicas}: acknowledged claims that a failover undoes`, async () => {
      const { RedisStore } = await import('../../src/store/redis.js');
      const group = await startSentinelGroup();
      const topology = { kind: 'sentinel' as const, sentinels: group.addresses.split(',').map((a) => ({ host: '127.0.0.1', port: Number(a.split(':')[1]) })), name: group.name, tls: false };
      const store = new RedisStore({ topology, keyPrefix: 'window:', waitReplicas, waitTimeoutMs: 100 });
      try {
        const acknowledged: string[] = [];
        const latencies: number[] = [];
        let refused = 0;
        let stop = false;
        const claimers = Array.from({ length: 10 }, async (_, worker) => {
          for (let i = 0; !stop; i++) {
            const key = `k-${worker}-${i}`;
            const started = performance.now();
            try {
              if (await store.claimOnce(key, 600)) acknowledged.push(key);
              latencies.push(performance.now() - started);
            } catch {
              refused++;
              await new Promise((resolve) => setTimeout(resolve, 50));
            }
          }
        });
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const { Redis } = await import('ioredis');
        const replica = new Redis({ host: '127.0.0.1', port: group.replica.port, lazyConnect: true });
        replica.on('error', () => {});
        await replica.connect();
        const frozen = replica.call('DEBUG', 'SLEEP', '3').catch(() => null);
        const acknowledgedBeforeFreeze = acknowledged.length;
        await new Promise((resolve) => setTimeout(resolve, 500));
        const acknowledgedWhileFrozen = acknowledged.length - acknowledgedBeforeFreeze;
        const masterPort = group.master.port;
        await group.master.kill();
        await frozen;
        replica.disconnect();
        await eventually(async () => (group.currentMasterPort() !== masterPort ? true : undefined), 20_000);
        // With WAIT, the promoted master has no replica left to acknowledge: claims fail closed (503) until one is
        // back. The old master, restarted, rejoins as its replica.
        await group.master.start();
        await eventually(async () => (await store.claimOnce(`probe-${Date.now()}`, 60).then(() => true, () => undefined)), 20_000);
        stop = true;
        await Promise.all(claimers);
        let undone = 0;
        for (let i = 0; i < acknowledged.length; i += 500) {
          const present = await Promise.all(acknowledged.slice(i, i + 500).map((key) => store.isClaimed(key)));
          undone += present.filter((claimed) => !claimed).length;
        }
        const sorted = [...latencies].sort((a, b) => a - b);
        const p50 = sorted[Math.floor(sorted.length / 2)] ?? 0;
        console.info(
          `replication window, REDIS_WAIT_REPLICAS=${waitReplicas}: ${acknowledged.length} claims acknowledged (${acknowledgedWhileFrozen} while the replica lagged), ${undone} undone by the failover, ${refused} refused (503); claim p50 ${p50.toFixed(2)} ms`,
        );
        // Without WAIT the master acknowledges claims the frozen replica does not have (the window); whether the
        // failover then loses them depends on what the loopback's socket buffers still deliver: the loss is reported,
        // the window asserted. With WAIT, claims wait for the replica, so almost none are acknowledged while it is
        // frozen, and none acknowledged may be undone.
        if (waitReplicas === 0) {
          expect(acknowledgedWhileFrozen).toBeGreaterThan(1000);
        } else {
          expect(acknowledgedWhileFrozen).toBeLessThan(100);
          expect(undone).toBe(0);
        }
      } finally {
        await store.close();
        await group.close();
      }
    }, 90_000);
  }
});
