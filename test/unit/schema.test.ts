import { readFileSync } from 'node:fs';
import { buildSchema, findBreakingChanges } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printPublicSchema } from '../../src/schema/index.js';

describe('public schema', () => {
  it('schema.graphql is the printed Pothos schema (run `npm run schema` after changing it)', () => {
    const committed = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(printPublicSchema());
  });

  it('keeps the contract names from the design', () => {
    const sdl = printPublicSchema();
    for (const fragment of [
      'passwordPolicy: PasswordPolicy!',
      'requestPasswordReset(input: RequestPasswordResetInput!): RequestPasswordResetPayload!',
      'resetPassword(input: ResetPasswordInput!): ResetPasswordResult!',
      'loginWithJwt(input: LoginWithJwtInput!): LoginWithJwtResult!',
      'union ResetPasswordResult = InvalidResetTokenError | PasswordChangeUnconfirmedError | PasswordNotChangedError | PasswordPolicyError | RateLimitedError | ResetPasswordSuccess',
      'union LoginWithJwtResult = InvalidJwtError | LoginJwtHandoff | LoginSuccess | NotSupportedError | RateLimitedError',
      'requestSignInCode(input: RequestSignInCodeInput!): RequestSignInCodePayload!',
      'signInWithCode(input: SignInWithCodeInput!): SignInWithCodeResult!',
      'union SignInWithCodeResult = InvalidSignInCodeError | LoginJwtHandoff | LoginSuccess | NotSupportedError | RateLimitedError',
      'capabilities: Capabilities!',
      'interface Error {\n  code: String!\n  message: String!\n}',
    ]) {
      expect(sdl).toContain(fragment);
    }
  });

  it('breaks nothing a client of the schema before wave 3 uses (graphql findBreakingChanges against 7da1726)', () => {
    // The schema as it was at commit 7da1726 (test/fixtures/): fields may be added and deprecated, never removed or retyped.
    const before = buildSchema(readFileSync(new URL('../fixtures/schema-before-wave-3.graphql', import.meta.url), 'utf8'));
    const now = buildSchema(printPublicSchema());
    expect(findBreakingChanges(before, now)).toEqual([]);
  });
});
