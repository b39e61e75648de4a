/**
 * What the benchmark sends: the same documents and variables to the gateway and to bare Yoga (bench/serve.ts), and
 * the upstream calls each flow needs at the least, with why.
 */

/** The heap bounds the production image sets (Dockerfile `NODE_OPTIONS`; a test keeps the two equal). */
export const PRODUCTION_NODE_OPTIONS = '--max-old-space-size=128 --max-semi-space-size=8';
/** What production runs (`npm run start:prod`, the image's CMD; a test keeps the three equal): the bundled build. */
export const PRODUCTION_ENTRY = 'dist/server.js';

export const BENCH_POSTMARK_TOKEN = 'bench-postmark-server-token';
export const BENCH_METRICS_TOKEN = 'bench-metrics-token-0123456789abcdef';
/** The SSO secret the bench gateway trusts, so the bench can sign a valid assertion for the loginWithJwt flow. */
export const BENCH_SSO = { issuer: 'https://idp.bench.example', audience: 'headless-auth-gateway', secret: 'bench-sso-hs256-secret-0123456789abcdef' };
/** The token the "rate-limited" row sends; bare Yoga answers it with RateLimitedError, as the limited gateway does. */
export const LIMITED_TOKEN = 'bench-rate-limited-token';

export interface LoadOperation {
  name: string;
  /** `limited`: the gateway whose resetPassword limit is 1 per hour, so every answer but the first is the refusal. */
  gateway: 'main' | 'limited';
  query: string;
  /** Variables of request `n` (unique emails: the same address over and over would only measure the per-email dedupe). */
  variables(n: number): Record<string, unknown>;
}

export const LOAD_OPERATIONS: LoadOperation[] = [
  {
    name: 'passwordPolicy',
    gateway: 'main',
    query: 'query { passwordPolicy { minLength maxLength minimumNumbers minimumSpecialCharacters rejectCommon } }',
    variables: () => ({}),
  },
  {
    name: 'resetPassword (invalid token)',
    gateway: 'main',
    query: 'mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename ... on Error { code message } } }',
    variables: () => ({ input: { newPassword: 'Bench-Passw0rd-1', token: 'not-a-token' } }),
  },
  {
    name: 'loginWithJwt (invalid JWT)',
    gateway: 'main',
    query: 'mutation ($input: LoginWithJwtInput!) { loginWithJwt(input: $input) { __typename ... on Error { code message } } }',
    variables: () => ({ input: { jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl' } }),
  },
  {
    name: 'resetPassword (rate-limited)',
    gateway: 'limited',
    query: 'mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename ... on Error { code message } } }',
    variables: () => ({ input: { newPassword: 'Bench-Passw0rd-1', token: LIMITED_TOKEN } }),
  },
  {
    name: 'requestPasswordReset (unknown email)',
    gateway: 'main',
    query: 'mutation ($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { accepted message } }',
    variables: (n) => ({ input: { email: `bench.nobody.${n}@example.com` } }),
  },
];

export interface FlowMinimum {
  flow: string;
  /** Upstream calls (BigCommerce and Postmark) the flow cannot do without. */
  minimum: number;
  why: string;
}

/** Keyed by the flow names bench/run.ts measures. */
export const FLOW_MINIMUMS: Record<string, FlowMinimum> = {
  passwordPolicy: { flow: 'passwordPolicy', minimum: 0, why: "the store's rules are cached (refreshed at most every 10 minutes)" },
  invalidResetToken: { flow: 'resetPassword, invalid token', minimum: 0, why: 'the token signature is checked locally' },
  invalidJwt: { flow: 'loginWithJwt, invalid JWT', minimum: 0, why: 'the signature is checked locally' },
  unknownEmail: { flow: 'requestPasswordReset, unknown email', minimum: 1, why: 'one customer lookup by email (in the background)' },
  knownEmail: {
    flow: 'requestPasswordReset, known email (ott)',
    minimum: 3,
    why: 'look the customer up, store the token hash on the customer (attribute value), send the mail',
  },
  resetPassword: {
    flow: 'resetPassword with the mailed token (ott)',
    minimum: 4,
    why: 'read the stored hash, set the password, retire the hash (BigCommerce has no conditional update), mail the notice',
  },
  requestSignInCode: { flow: 'requestSignInCode, known email', minimum: 2, why: 'look the customer up, send the mail (the code lives in Redis or memory)' },
  signInWithCode: {
    flow: 'signInWithCode, SESSION mode',
    minimum: 1,
    why: 'log the customer in on the Storefront API (loginWithCustomerLoginJwt); the customer was looked up when the code was sent',
  },
  loginWithJwt: {
    flow: 'loginWithJwt, valid SSO assertion, SESSION mode',
    minimum: 2,
    why: 'look the customer up by email, log in on the Storefront API',
  },
};
