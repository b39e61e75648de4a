/** The logger's redaction is the last guard: a secret handed to it by mistake must not reach the line. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination }) };
}

describe('log redaction', () => {
  it('censors passwords, tokens, JWTs, cookies and emails at any of the first three levels', () => {
    const { lines, logger } = capture();
    const secrets = {
      password: 'Top-Secret-Passw0rd',
      newPassword: 'New-Secret-Passw0rd',
      token: 'reset-token-value-123',
      jwt: 'eyJhbGciOiJIUzI1NiJ9.e30.signature',
      email: 'jane@example.com',
      cookie: 'reset_handoff=abcdef',
      authorization: 'Bearer storefront-token',
      customerAccessToken: 'customer-access-token-value',
    };
    logger.info(secrets, 'top level');
    logger.info({ input: secrets }, 'one level down');
    logger.info({ request: { headers: secrets } }, 'two levels down');
    const output = lines.join('\n');
    for (const value of Object.values(secrets)) expect(output).not.toContain(value);
    expect(output.match(/\[redacted\]/g)?.length).toBe(Object.keys(secrets).length * 3);
  });
});
