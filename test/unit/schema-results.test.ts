/**
 * Result unions (schema/results.ts): a typed error the service throws is the field's answer, with its own fields;
 * an error the union does not list stays thrown, so it is masked like any fault.
 */
import { graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { InvalidJwtError, InvalidResetTokenError, PasswordPolicyError, RateLimitedError } from '../../src/errors.js';
import { schema } from '../../src/schema/index.js';

const LOGIN = 'mutation { loginWithJwt(input: { jwt: "x" }) { __typename ... on Error { code message } ... on RateLimitedError { retryAfterSeconds } } }';

function loginThrowing(error: Error) {
  return graphql({
    schema,
    source: LOGIN,
    contextValue: { services: { login: { login: async () => Promise.reject(error) }, channels: { defaultId: 1, ids: [1] } }, client: { ip: '127.0.0.1' } },
  });
}

describe('result unions', () => {
  it('answer a listed typed error as its own type, with its fields', async () => {
    expect((await loginThrowing(new InvalidJwtError())).data).toEqual({
      loginWithJwt: { __typename: 'InvalidJwtError', code: 'INVALID_JWT', message: new InvalidJwtError().message },
    });
    expect((await loginThrowing(new RateLimitedError(42))).data?.loginWithJwt).toMatchObject({ __typename: 'RateLimitedError', retryAfterSeconds: 42 });
  });

  it('keep every other error thrown: one the union does not list, or a fault', async () => {
    for (const error of [new InvalidResetTokenError(), new PasswordPolicyError([]), new Error('boom')]) {
      const result = await loginThrowing(error);
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.originalError).toBe(error);
    }
  });
});
