/**
 * The backend contract: what every commerce backend must do behind the public API, written once against a harness
 * and run for each backend (test/integration/backends/*.contract.test.ts), as the store and queue contracts are run
 * for each store and queue. Real sockets: a gateway, the backend's emulator, and mail read where the harness says.
 */
import { describe, expect, it } from 'vitest';
import { auditSecret } from './log-audit.js';

export interface ContractGateway {
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, init?: { headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: { data?: T; errors?: Array<{ message: string }> } }>;
}

export interface BackendHarness {
  name: string;
  gateway(): ContractGateway;
  /** A shopper who exists, may use the default storefront, with a known password. */
  shopper: { email: string; password: string };
  /** The reset credential from the newest reset mail to `email` after `since` (its count before the request). */
  resetMailCount(email: string): Promise<number>;
  resetCredential(email: string, since: number): Promise<{ token: string; shopperId?: string }>;
  /** The code and the link token from the newest sign-in mail to `email` after `since`. */
  signInMailCount(email: string): Promise<number>;
  signInMail(email: string, since: number): Promise<{ code: string; linkToken: string }>;
  /** Whether the upstream accepts this password for this shopper now. */
  passwordWorks(email: string, password: string): Promise<boolean>;
  /** The next password update takes effect upstream, but its answer arrives after the gateway gave up. */
  loseNextPasswordUpdateAnswer(): Promise<void>;
  clearFaults(): Promise<void>;
  /** A code of the backend's shape that is not the one mailed. */
  wrongCode(code: string): string;
}

const REQUEST_RESET = 'mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { accepted message } }';
const RESET = `mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename
  ... on ResetPasswordSuccess { customer { id email } } ... on PasswordPolicyError { failures { rule } } ... on Error { code } } }`;
const REQUEST_CODE = 'mutation ($email: String!) { requestSignInCode(input: { email: $email }) { accepted } }';
const WITH_CODE = `mutation ($email: String!, $code: String!) { signInWithCode(input: { email: $email, code: $code }) { __typename
  ... on LoginSuccess { customer { id email } session { customerAccessToken } } } }`;
const WITH_LINK = `mutation ($token: String!) { signInWithLink(input: { token: $token }) { __typename ... on LoginSuccess { customer { email } } } }`;

type Result = { __typename: string } & Record<string, unknown>;

export function backendContract(harness: BackendHarness): void {
  const gw = () => harness.gateway();
  let passwordNumber = 0;
  const newPassword = () => {
    const password = `Contract-${harness.name}-Passw0rd-${++passwordNumber}-${Date.now() % 100_000}`;
    auditSecret(password);
    return password;
  };

  async function resetLink(email: string) {
    const since = await harness.resetMailCount(email);
    const answer = await gw().graphql<{ requestPasswordReset: { accepted: boolean } }>(REQUEST_RESET, { email });
    expect(answer.body.data?.requestPasswordReset.accepted).toBe(true);
    const credential = await harness.resetCredential(email, since);
    auditSecret(credential.token);
    return credential;
  }
  const reset = async (credential: { token: string; shopperId?: string }, password: string) =>
    (await gw().graphql<{ resetPassword: Result }>(RESET, { input: { ...credential, newPassword: password } })).body.data?.resetPassword;

  async function code(email: string, headers: Record<string, string> = {}) {
    const since = await harness.signInMailCount(email);
    const answer = await gw().graphql(REQUEST_CODE, { email }, { headers });
    const mail = await harness.signInMail(email, since);
    [mail.code, mail.linkToken].forEach(auditSecret);
    return { ...mail, cookie: answer.headers.get('set-cookie')?.split(';')[0] ?? '' };
  }
  const withCode = async (email: string, value: string) =>
    (await gw().graphql<{ signInWithCode: Result }>(WITH_CODE, { email, code: value })).body.data?.signInWithCode;

  describe(`backend contract: ${harness.name}`, () => {
    describe('reset', () => {
      it('request → mail → reset: the new password works, the old does not', async () => {
        const { email } = harness.shopper;
        const before = (await gw().graphql(REQUEST_RESET, { email: `nobody-${Date.now()}@example.com` })).body;
        const credential = await resetLink(email);
        const after = (await gw().graphql(REQUEST_RESET, { email })).body;
        expect(after).toEqual(before);
        const password = newPassword();
        expect(await reset(credential, password)).toMatchObject({ __typename: 'ResetPasswordSuccess', customer: { email } });
        expect(await harness.passwordWorks(email, password)).toBe(true);
        expect(await harness.passwordWorks(email, harness.shopper.password)).toBe(false);
        harness.shopper.password = password;
      });

      it('refuses a weak password by the policy, before using the link, and the link still works', async () => {
        const credential = await resetLink(harness.shopper.email);
        expect(await reset(credential, 'qwerty123')).toMatchObject({ __typename: 'PasswordPolicyError' });
        const password = newPassword();
        expect(await reset(credential, password)).toMatchObject({ __typename: 'ResetPasswordSuccess' });
        harness.shopper.password = password;
      });

      it('has exactly one winner among 20 concurrent resets with one link', async () => {
        const credential = await resetLink(harness.shopper.email);
        const passwords = Array.from({ length: 20 }, newPassword);
        const answers = await Promise.all(passwords.map((password) => reset(credential, password)));
        const winners = answers.flatMap((answer, i) => (answer?.__typename === 'ResetPasswordSuccess' ? [passwords[i] as string] : []));
        expect(winners).toHaveLength(1);
        expect(await harness.passwordWorks(harness.shopper.email, winners[0] as string)).toBe(true);
        harness.shopper.password = winners[0] as string;
      });

      it('settles a password update whose answer was lost before answering: success, since it took', async () => {
        const credential = await resetLink(harness.shopper.email);
        await harness.loseNextPasswordUpdateAnswer();
        const password = newPassword();
        try {
          expect(await reset(credential, password)).toMatchObject({ __typename: 'ResetPasswordSuccess' });
        } finally {
          await harness.clearFaults();
        }
        expect(await harness.passwordWorks(harness.shopper.email, password)).toBe(true);
        harness.shopper.password = password;
      });
    });

    describe('passwordless', () => {
      it('signs in with the mailed code, once', async () => {
        const { email } = harness.shopper;
        const mail = await code(email);
        expect(await withCode(email, mail.code)).toMatchObject({ __typename: 'LoginSuccess', customer: { email } });
        expect(await withCode(email, mail.code)).toMatchObject({ __typename: 'InvalidSignInCodeError' });
      });

      it('signs in with the link in the browser that asked', async () => {
        const mail = await code(harness.shopper.email);
        const answer = await gw().graphql<{ signInWithLink: Result }>(WITH_LINK, { token: mail.linkToken }, { headers: { cookie: mail.cookie } });
        expect(answer.body.data?.signInWithLink).toMatchObject({ __typename: 'LoginSuccess' });
      });

      it('kills the code at the third wrong try', async () => {
        const { email } = harness.shopper;
        const mail = await code(email);
        for (let i = 0; i < 3; i++) expect(await withCode(email, harness.wrongCode(mail.code))).toMatchObject({ __typename: 'InvalidSignInCodeError' });
        expect(await withCode(email, mail.code)).toMatchObject({ __typename: 'InvalidSignInCodeError' });
      });

      it('keeps only the latest code', async () => {
        const { email } = harness.shopper;
        const older = await code(email);
        const newer = await code(email);
        expect(await withCode(email, older.code)).toMatchObject({ __typename: 'InvalidSignInCodeError' });
        expect(await withCode(email, newer.code)).toMatchObject({ __typename: 'LoginSuccess' });
      });
    });
  });
}
