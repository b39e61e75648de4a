/**
 * The gateway on a Redis Cluster (3 masters, and 3 + 3 with replicas) and on a Sentinel group, all real
 * `redis-server` processes this suite starts on free loopback ports: the reset, passwordless and login flows work,
 * the store's keys spread over more than one cluster node while the queue keeps to one slot (its hash tag), and
 * `/ready` checks a write to a master. Skipped loudly without redis-server; CI requires it (REQUIRE_REDIS=1).
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullJobQueue } from '../../src/jobs/bullmq.js';
import { fixedConcurrency } from '../../src/jobs/requests-first.js';
import { createLogger } from '../../src/log.js';
import { RedisStore } from '../../src/store/redis.js';
import { StoreUnavailableError } from '../../src/store/store.js';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { auditSecret } from '../support/log-audit.js';
import { redisServerAvailable, startCluster, startSentinelGroup, type RedisCluster, type SentinelGroup } from '../support/redis-topologies.js';

const run = redisServerAvailable('Redis topology suite');

const OTT = { RESET_STRATEGY: 'ott', RESET_TOKEN_SECRET: 'topology-secret-topology-secret-0123456', SIGN_IN_RESEND_COOLDOWN: '0', QUEUE_LOCK_SECONDS: '3' };

/** Reset (ott, gateway mail), a sign-in code, and a loginWithJwt with a Customer Login JWT the flow hands off. */
async function runFlows(gw: TestGateway): Promise<void> {
  // Readiness is checked on a schedule: the first write to a master may still be on its way.
  await eventually(async () => ((await fetch(`${gw.url}/ready`)).status === 200 ? true : undefined), 10_000);
  await gw.graphql('mutation { requestPasswordReset(input: { email: "john@example.com" }) { accepted } }');
  const resetMail = await eventually(async () => gw.mail().find((mail) => mail.to === 'john@example.com' && mail.links.some((l) => l.includes('password-reset?token='))), 10_000);
  const token = new URL(resetMail.links.find((l) => l.includes('password-reset?token=')) ?? '').searchParams.get('token') ?? '';
  auditSecret(token);
  const reset = await gw.graphql<{ resetPassword: { __typename: string } }>(
    'mutation ($token: String!) { resetPassword(input: { token: $token, newPassword: "Topology-Passw0rd-1" }) { __typename } }',
    { token },
  );
  expect(reset.body.data?.resetPassword.__typename).toBe('ResetPasswordSuccess');

  await gw.graphql('mutation { requestSignInCode(input: { email: "jane@example.com" }) { accepted } }');
  const codeMail = await eventually(async () => gw.mail().find((mail) => mail.to === 'jane@example.com' && /sign-in code/.test(mail.subject)), 10_000);
  const code = /is: (\d{6})/.exec(codeMail.text)?.[1] ?? '';
  auditSecret(code);
  const signIn = await gw.graphql<{ signInWithCode: { __typename: string; customerLoginJwt?: string } }>(
    'mutation ($code: String!) { signInWithCode(input: { email: "jane@example.com", code: $code, mode: CUSTOMER_LOGIN_JWT }) { __typename ... on LoginJwtHandoff { customerLoginJwt } } }',
    { code },
  );
  expect(signIn.body.data?.signInWithCode.__typename).toBe('LoginJwtHandoff');
  const jwt = signIn.body.data?.signInWithCode.customerLoginJwt ?? '';
  auditSecret(jwt);
  // The Customer Login JWT's one-time claim lives in the store too: the first use signs in, a replay does not.
  const login = async () =>
    (await gw.graphql<{ loginWithJwt: { __typename: string } }>('mutation ($jwt: String!) { loginWithJwt(input: { jwt: $jwt }) { __typename } }', { jwt })).body.data?.loginWithJwt
      .__typename;
  expect(await login()).toBe('LoginSuccess');
  expect(await login()).toBe('InvalidJwtError');
}

describe.runIf(run)('Redis Cluster', () => {
  for (const [masters, replicas] of [
    [3, 0],
    [3, 1],
  ] as const) {
    describe(`${masters} masters${replicas ? ` + ${masters * replicas} replicas` : ''}`, () => {
      let cluster: RedisCluster;
      let gw: TestGateway;
      beforeAll(async () => {
        cluster = await startCluster(masters, replicas);
        gw = await startTestGateway({ env: { ...OTT, REDIS_CLUSTER_NODES: cluster.addresses.split(',')[0] ?? '', REDIS_KEY_PREFIX: 'hag:' } });
      }, 60_000);
      afterAll(async () => {
        await gw?.close();
        await cluster?.close();
      });

      it('runs the reset, passwordless and login flows, the store spread over more than one node, the queue on one', async () => {
        await runFlows(gw);
        const masterNodes = cluster.nodes.filter((node) => node.info('replication').role === 'master');
        const keysPerMaster = masterNodes.map((node) => Number(node.cli('DBSIZE')));
        expect(keysPerMaster.filter((count) => count > 0).length).toBeGreaterThan(1);
        // BullMQ's keys share one hash tag, so they live on one node.
        const queueNodes = masterNodes.filter((node) => node.cli('KEYS', '{hag:bull}*').length > 0);
        expect(queueNodes).toHaveLength(1);
        console.info(`cluster ${masters}+${masters * replicas}: keys per master ${keysPerMaster.join(', ')}`);
      }, 60_000);
    });
  }
});

describe.runIf(run)('a topology set wrong', () => {
  let cluster: RedisCluster;
  beforeAll(async () => {
    cluster = await startCluster(3);
  }, 60_000);
  afterAll(async () => cluster?.close());

  it('REDIS_URL at a cluster node is refused at start-up, naming REDIS_CLUSTER_NODES; the reverse names REDIS_URL', async () => {
    const node = cluster.nodes[0]!;
    const single = new RedisStore({ topology: { kind: 'single', url: `redis://127.0.0.1:${node.port}` }, keyPrefix: 'hag:' });
    expect(await single.topologyProblem()).toMatch(/^REDIS_URL points at a Redis Cluster node: set REDIS_CLUSTER_NODES/);
    await single.close();
    const right = new RedisStore({ topology: { kind: 'cluster', nodes: [{ host: '127.0.0.1', port: node.port }], tls: false }, keyPrefix: 'hag:' });
    expect(await right.topologyProblem()).toBeNull();
    await right.close();
  }, 30_000);

  it('a worker facing a persistent MOVED/CROSSSLOT storm logs a few lines, not thousands', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(...chunk.toString().split('\n').filter(Boolean)), done()) }) });
    // The old failure: a single-node client at one cluster node, its queue keys on other nodes' slots.
    const queue = new BullJobQueue({
      topology: { kind: 'single', url: `redis://127.0.0.1:${cluster.nodes[0]!.port}` },
      keyPrefix: 'storm:',
      concurrency: fixedConcurrency(2),
      lockMs: 2000,
      gatewaySecret: 'storm-secret-storm-secret-storm-secret-01',
      policy: { maxAgeMs: 60_000, backoffMs: () => 100, classify: () => ({ kind: 'retry' }) },
      logger,
    });
    queue.start({});
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await Promise.race([queue.close(), new Promise((resolve) => setTimeout(resolve, 2000))]);
    const workerLines = lines.filter((line) => line.includes('job worker: Redis error'));
    console.info(`worker at the wrong node: ${workerLines.length} log lines in 3 s`);
    expect(workerLines.length).toBeGreaterThan(0);
    expect(workerLines.length).toBeLessThanOrEqual(6);
  }, 30_000);
});

describe.runIf(run)('Redis Sentinel', () => {
  let group: SentinelGroup;
  let gw: TestGateway;
  beforeAll(async () => {
    group = await startSentinelGroup();
    gw = await startTestGateway({ env: { ...OTT, REDIS_SENTINELS: group.addresses, REDIS_SENTINEL_NAME: group.name } });
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
    await group?.close();
  });

  it('runs the reset, passwordless and login flows on the master the sentinels name', async () => {
    await runFlows(gw);
    expect(Number(group.master.cli('DBSIZE'))).toBeGreaterThan(0);
    // The replica has the same data (asynchronously replicated).
    await eventually(async () => (Number(group.replica.cli('DBSIZE')) === Number(group.master.cli('DBSIZE')) ? true : undefined));
  }, 60_000);

  it('counts as ready only where it can write: a replica answers PING but fails the readiness check', async () => {
    const replica = new RedisStore({ topology: { kind: 'single', url: `redis://127.0.0.1:${group.replica.port}` }, keyPrefix: 'hag:' });
    const master = new RedisStore({ topology: { kind: 'single', url: `redis://127.0.0.1:${group.master.port}` }, keyPrefix: 'hag:' });
    try {
      expect(group.replica.cli('PING')).toBe('PONG');
      // READONLY makes the connection reconnect and resend (a demoted master's clients find the new one), so on a
      // node that stays a replica the write runs out of time: not ready either way.
      await expect(replica.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(master.ping()).resolves.toBeUndefined();
    } finally {
      await Promise.all([replica.close(), master.close()]);
    }
  }, 30_000);
});
