import { readFileSync } from 'node:fs';
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
});
