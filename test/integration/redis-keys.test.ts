/**
 * What an operator (or an attacker) reading Redis sees: keys and values carry hashes only, never an email address,
 * a reset token, a JWT or a password.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signResetToken } from '../../src/reset/ott/token.js';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { REDIS_URL, redisAvailable, uniqueRedisPrefix } from '../support/requirements.js';
import { customerLoginJwt } from '../support/sandbox.js';

const SECRET = 'redis-keys-secret-redis-keys-secret-0123';
const withRedis = await redisAvailable();

describe.runIf(withRedis)('Redis contents', () => {
  const prefix = uniqueRedisPrefix();
  let gw: TestGateway;
  let redis: Redis;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { REDIS_URL, REDIS_KEY_PREFIX: prefix, RESET_STRATEGY: 'ott', RESET_TOKEN_SECRET: SECRET } });
    redis = new Redis(REDIS_URL);
    await eventually(async () => ((await fetch(`${gw.url}/ready`)).ok ? true : undefined));
  });
  afterAll(async () => {
    await gw.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('holds no email, token, JWT or password in any key or value', async () => {
    const email = 'jane@example.com';
    const token = signResetToken(
      { secrets: [SECRET], issuer: gw.url, audience: `${gw.url}/password-reset`, ttlSeconds: 600 },
      { shopperId: '1', ott: 'Q'.repeat(43) },
    );
    const jwt = customerLoginJwt({ iat: Math.floor(Date.now() / 1000) });
    const password = 'Some-New-Passw0rd-77';
    await gw.graphql('mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { accepted } }', { email });
    await gw.graphql('mutation ($t: String!, $p: String!) { resetPassword(input: { token: $t, newPassword: $p }) { __typename } }', { t: token, p: password });
    await gw.graphql('mutation ($t: String!, $p: String!) { resetPassword(input: { token: $t, newPassword: $p, customerId: 2 }) { __typename } }', { t: token, p: password });
    await gw.graphql('mutation ($jwt: String!) { loginWithJwt(input: { jwt: $jwt }) { __typename } }', { jwt });

    const keys = await redis.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(3);
    const dump: string[] = [...keys];
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'string') dump.push((await redis.get(key)) ?? '');
      else if (type === 'hash') dump.push(JSON.stringify(await redis.hgetall(key)));
      else if (type === 'list') dump.push(JSON.stringify(await redis.lrange(key, 0, -1)));
      else if (type === 'zset') dump.push(JSON.stringify(await redis.zrange(key, 0, -1)));
      else if (type === 'set') dump.push(JSON.stringify(await redis.smembers(key)));
      else if (type === 'stream') dump.push(JSON.stringify(await redis.xrange(key, '-', '+')));
    }
    const everything = dump.join('\n');
    for (const secret of [email, 'jane@', token, token.split('.')[2] as string, 'Q'.repeat(43), jwt, password]) {
      expect(everything).not.toContain(secret);
    }
  });
});
