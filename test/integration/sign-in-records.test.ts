/**
 * Sign-in records in Redis as someone who can read or write Redis sees them (issue 15, row 8, and the mutation
 * audit's "codes stored in plain text"): no code and no link secret in any key or value, and a record edited to name
 * another customer (or to carry another record's hashes) signs nobody in.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { auditSecret } from '../support/log-audit.js';
import { REDIS_URL, redisAvailable, uniqueRedisPrefix } from '../support/requirements.js';

const withRedis = await redisAvailable();
const REQUEST = 'mutation ($email: String!) { requestSignInCode(input: { email: $email }) { accepted } }';
const WITH_CODE = `mutation ($email: String!, $code: String!) {
  signInWithCode(input: { email: $email, code: $code }) { __typename ... on LoginSuccess { customer { entityId } } }
}`;

describe.runIf(withRedis)('sign-in records in Redis', () => {
  const prefix = uniqueRedisPrefix();
  let gw: TestGateway;
  let redis: Redis;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { REDIS_URL, REDIS_KEY_PREFIX: prefix, SIGN_IN_RESEND_COOLDOWN: '0' } });
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await gw.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  async function issue(email: string): Promise<{ code: string; linkSecret: string; key: string }> {
    const before = gw.mail().length;
    await gw.graphql(REQUEST, { email });
    const mail = await eventually(async () => (gw.mail().length > before ? gw.mail().find((m) => m.to === email) : undefined));
    const code = /is: (\d{6})/.exec(mail.text)?.[1] ?? '';
    const token = new URL(mail.links.find((link) => link.includes('sign-in-link')) ?? '').searchParams.get('token') ?? '';
    const linkSecret = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { jti: string }).jti;
    [code, token, linkSecret].forEach(auditSecret);
    const keys = await redis.keys(`${prefix}secret:sign-in:*`);
    const key = await eventually(async () => {
      for (const candidate of keys) if ((await redis.pttl(candidate)) > 0 && (await redis.get(candidate))?.includes(`"shopperId":"${email === 'jane@example.com' ? 1 : 2}"`)) return candidate;
      return undefined;
    });
    return { code, linkSecret, key };
  }

  it('keeps neither the code nor the link secret, in any key or value', async () => {
    const { code, linkSecret } = await issue('jane@example.com');
    const dump: string[] = [];
    for (const key of await redis.keys(`${prefix}*`)) {
      dump.push(key);
      if ((await redis.type(key)) === 'string') dump.push((await redis.get(key)) ?? '');
    }
    expect(dump.length).toBeGreaterThan(0);
    const everything = dump.join('\n');
    expect(everything).not.toContain(code);
    expect(everything).not.toContain(linkSecret);
  });

  it('a record edited to name another customer fails closed: nobody is signed in', async () => {
    const { code, key } = await issue('jane@example.com');
    const record = JSON.parse((await redis.get(key)) as string) as { data: Record<string, unknown> };
    record.data.shopperId = '2';
    await redis.set(key, JSON.stringify(record), 'KEEPTTL');
    expect((await gw.graphql<{ signInWithCode: { __typename: string } }>(WITH_CODE, { email: 'jane@example.com', code })).body.data?.signInWithCode).toEqual({
      __typename: 'InvalidSignInCodeError',
    });
  });

  it("a record given another record's hashes (a code the attacker knows) fails closed too", async () => {
    const mine = await issue('john@example.com');
    const victim = await issue('jane@example.com');
    const mineRecord = JSON.parse((await redis.get(mine.key)) as string) as { hashes: unknown };
    const victimRecord = JSON.parse((await redis.get(victim.key)) as string) as { hashes: unknown };
    victimRecord.hashes = mineRecord.hashes;
    await redis.set(victim.key, JSON.stringify(victimRecord), 'KEEPTTL');
    // Codes are bound to their channel, not their address: without the MAC over the hashes this would sign in as Jane.
    const answer = await gw.graphql<{ signInWithCode: { __typename: string } }>(WITH_CODE, { email: 'jane@example.com', code: mine.code });
    expect(answer.body.data?.signInWithCode).toEqual({ __typename: 'InvalidSignInCodeError' });
  });
});
