import { describe } from 'vitest';
import { RedisStore } from '../../../src/store/redis.js';
import { storeContract } from '../../support/store-contract.js';
import { REDIS_URL, redisAvailable, uniqueRedisPrefix } from '../../support/requirements.js';

const withRedis = await redisAvailable();
describe.runIf(withRedis)('RedisStore', () => storeContract(async () => new RedisStore({ topology: { kind: 'single', url: REDIS_URL }, keyPrefix: uniqueRedisPrefix() })));
