/**
 * A reset credential that cannot be one of the strategy's links is refused before the per-token limit: counting it
 * would cost a keyed hash and a store write for a try that can never succeed. Well-formed ones are counted.
 */
import { describe, expect, it } from 'vitest';
import { InvalidResetTokenError } from '../../../src/errors.js';
import { keyedRefs } from '../../../src/lib/keys.js';
import { createLogger, emailRefs } from '../../../src/log.js';
import { PasswordResetService } from '../../../src/reset/service.js';
import type { ResetStrategy } from '../../../src/reset/strategy.js';
import { DEFAULT_FLOOR, PasswordPolicy } from '../../../src/reset/policy.js';

const SECRET = 'unit-test-gateway-secret-unit-test-gateway-secret';

function resets(isWellFormed: (token: string) => boolean) {
  const counted: string[] = [];
  const strategy = {
    isWellFormed: ({ token }: { token: string }) => isWellFormed(token),
    resetPassword: async () => {
      throw new InvalidResetTokenError();
    },
  } as unknown as ResetStrategy;
  const logger = createLogger({ level: 'silent' });
  const service = new PasswordResetService({
    strategy,
    mailBudget: async () => ({ send: true, fromReserve: false }),
    policy: new PasswordPolicy({ floor: DEFAULT_FLOOR, loadStoreRules: async () => null, logger }),
    queue: { enqueue: async () => {} },
    limits: { check: async () => ({ allowed: true }), enforce: async (limit: string) => void counted.push(limit) } as never,
    storeKey: keyedRefs(SECRET, 'store-key'),
    emailRef: emailRefs(SECRET),
    logger,
  });
  return { service, counted };
}

describe('PasswordResetService.resetPassword', () => {
  it('counts a well-formed token against its per-token limit, and refuses a malformed one before counting it', async () => {
    const { service, counted } = resets((token) => token.startsWith('ey'));
    const attempt = (token: string) => service.resetPassword({ token }, 'Valid-Passw0rd-1', { ip: '127.0.0.1' });

    await expect(attempt('not-a-token')).rejects.toBeInstanceOf(InvalidResetTokenError);
    expect(counted).toEqual(['resetPasswordPerIp']);

    counted.length = 0;
    await expect(attempt('eyJ.looks.right')).rejects.toBeInstanceOf(InvalidResetTokenError);
    expect(counted).toEqual(['resetPasswordPerIp', 'resetPasswordPerToken']);
  });
});
