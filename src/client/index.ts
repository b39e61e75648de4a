/**
 * The typed client for headless-auth-gateway (`headless-auth-gateway/client`): every public operation, typed from
 * schema.graphql by codegen, over plain `fetch`, for browsers and for storefront servers (Next.js server actions,
 * route handlers). Expected failures come back as values, a discriminated union on `ok` and then `error.code`;
 * only the unexpected (network, "Unexpected error." with its request id) throws.
 *
 * ```ts
 * const gateway = createGatewayClient({ url: 'https://auth.example.com/graphql', shopperIp });
 * const result = await gateway.signInWithCode({ email, code, mode: 'CUSTOMER_LOGIN_JWT' });
 * if (result.ok && result.value.kind === 'handoff') await signIn('jwt', { jwt: result.value.customerLoginJwt });
 * else if (!result.ok && result.error.code === 'INVALID_SIGN_IN_CODE') ...
 * ```
 */
import type { TypedDocumentString } from './generated/graphql.js';
import type * as Ops from './generated/graphql.js';
import {
  LoginWithJwtDocument,
  PasswordPolicyDocument,
  PasswordResetTokenStatusDocument,
  RequestPasswordResetDocument,
  RequestSignInCodeDocument,
  ResetPasswordDocument,
  SignInLinkStatusDocument,
  SignInWithCodeDocument,
  SignInWithLinkDocument,
} from './operations.js';

export * from './operations.js';
export type { SignInMode, PasswordResetTokenState, SignInLinkState, PasswordRule } from './generated/graphql.js';

/** Every `Error.code` the gateway answers with (written once, beside the server's error classes). */
export { ERROR_CODES } from '../errors.js';
import type { ERROR_CODES as CODES } from '../errors.js';
export type ErrorCode = (typeof CODES)[number];

export interface GatewayErrorResult {
  code: ErrorCode;
  /** For people; `code` is for programs. */
  message: string;
  /** RATE_LIMITED: when to try again. */
  retryAfterSeconds?: number;
  /** PASSWORD_POLICY: every rule the password broke. */
  failures?: Array<{ rule: Ops.PasswordRule; message: string }>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: GatewayErrorResult };

export type Customer = Ops.CustomerFieldsFragment;
export type Session = Ops.SessionFieldsFragment;

/** How a sign-in ended: a session at the gateway, or a Customer Login JWT for the storefront to exchange. */
export type SignedIn = { kind: 'session'; customer: Customer; session: Session } | ({ kind: 'handoff' } & Ops.HandoffFieldsFragment);

export interface GatewayClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `https://auth.example.com/graphql`. */
  url: string;
  /**
   * Server-side callers: the shopper's IP, sent as `X-Forwarded-For` so per-IP limits count shoppers, not your
   * server. The gateway believes it only from a peer listed in its `TRUSTED_PROXIES`.
   */
  shopperIp?: string;
  /** Server-side callers: the shopper's `Cookie` header for the gateway (reset handoff, sign-in flow). */
  cookie?: string;
  /** Sees every response, e.g. to pass the gateway's `Set-Cookie` on to the shopper's browser. */
  onResponse?: (response: Response) => void;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

/** A failure no typed result describes: the network, or the gateway's masked "Unexpected error." */
export class GatewayRequestError extends Error {
  override name = 'GatewayRequestError';
  constructor(
    message: string,
    readonly status: number,
    /** Quote it to the gateway's operators: their logs carry the same id. */
    readonly requestId: string | undefined,
  ) {
    super(message);
  }
}

type Failure = { __typename: string; code?: string; message?: string; retryAfterSeconds?: number; failures?: GatewayErrorResult['failures'] };

function asError(result: Failure): GatewayErrorResult {
  return {
    code: (result.code ?? 'RATE_LIMITED') as ErrorCode,
    message: result.message ?? '',
    ...(result.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: result.retryAfterSeconds }),
    ...(result.failures === undefined ? {} : { failures: result.failures }),
  };
}

type SignInPayload =
  | Ops.SignInWithCodeMutation['signInWithCode']
  | Ops.SignInWithLinkMutation['signInWithLink']
  | Ops.LoginWithJwtMutation['loginWithJwt'];

function signedIn(result: SignInPayload): Result<SignedIn> {
  if (result.__typename === 'LoginSuccess') return { ok: true, value: { kind: 'session', customer: result.customer, session: result.session } };
  if (result.__typename === 'LoginJwtHandoff') {
    const { customerId, customerEntityId, customerLoginJwt, expiresAt, redirectTo, storefrontId, channelId } = result;
    return { ok: true, value: { kind: 'handoff', customerId, customerEntityId, customerLoginJwt, expiresAt, redirectTo, storefrontId, channelId } };
  }
  return { ok: false, error: asError(result) };
}

export function createGatewayClient(options: GatewayClientOptions) {
  const send = options.fetch ?? fetch;

  async function request<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<Result<R>> {
    let response: Response;
    try {
      response = await send(options.url, {
        method: 'POST',
        // Browsers: the gateway's HttpOnly cookies (reset handoff, sign-in flow) travel with the request.
        credentials: 'include',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          // Yoga's CSRF prevention: a header no cross-site form can send.
          'x-graphql-yoga-csrf': '1',
          ...(options.shopperIp ? { 'x-forwarded-for': options.shopperIp } : {}),
          ...(options.cookie ? { cookie: options.cookie } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query: document.toString(), variables }),
      });
    } catch (error) {
      throw new GatewayRequestError(`The gateway could not be reached: ${(error as Error).message}`, 0, undefined);
    }
    options.onResponse?.(response);
    const requestId = response.headers.get('x-request-id') ?? undefined;
    const body = (await response.json().catch(() => ({}))) as {
      data?: R | null;
      errors?: Array<{ message: string; extensions?: { code?: string; retryAfterSeconds?: number } }>;
    };
    const first = body.errors?.[0];
    // The answers that must not vary with the email (requestPasswordReset, requestSignInCode) refuse a flooding IP
    // at the HTTP level: 429 with the same code as the typed results.
    if (first?.extensions?.code === 'RATE_LIMITED') {
      return { ok: false, error: { code: 'RATE_LIMITED', message: first.message, retryAfterSeconds: first.extensions.retryAfterSeconds ?? 1 } };
    }
    if (first || !body.data) throw new GatewayRequestError(first?.message ?? `HTTP ${response.status}`, response.status, requestId);
    return { ok: true, value: body.data };
  }

  const then = <R, T>(result: Result<R>, map: (value: R) => Result<T>): Result<T> => (result.ok ? map(result.value) : result);

  return {
    async passwordPolicy() {
      return then(await request(PasswordPolicyDocument, {}), (data) => ({ ok: true, value: data.passwordPolicy }));
    },
    async passwordResetTokenStatus(token?: string) {
      return then(await request(PasswordResetTokenStatusDocument, { token: token ?? null }), (data) => ({
        ok: true,
        value: data.passwordResetTokenStatus,
      }));
    },
    async requestPasswordReset(input: Ops.RequestPasswordResetInput) {
      return then(await request(RequestPasswordResetDocument, { input }), (data) => ({ ok: true, value: data.requestPasswordReset }));
    },
    /** Omit `token` to use the reset handoff cookie (set when the shopper opened the mailed link). */
    async resetPassword(input: Ops.ResetPasswordInput): Promise<Result<{ customer: Customer; session: Session | null }>> {
      return then(await request(ResetPasswordDocument, { input }), ({ resetPassword: result }) =>
        result.__typename === 'ResetPasswordSuccess'
          ? { ok: true, value: { customer: result.customer, session: result.session ?? null } }
          : { ok: false, error: asError(result) },
      );
    },
    async loginWithJwt(input: Ops.LoginWithJwtInput) {
      return then(await request(LoginWithJwtDocument, { input }), (data) => signedIn(data.loginWithJwt));
    },
    /** Sets the sign-in flow cookie: the magic link then works only in this browser (forward it, server-side). */
    async requestSignInCode(input: Ops.RequestSignInCodeInput) {
      return then(await request(RequestSignInCodeDocument, { input }), (data) => ({ ok: true, value: data.requestSignInCode }));
    },
    async signInWithCode(input: Ops.SignInWithCodeInput) {
      return then(await request(SignInWithCodeDocument, { input }), (data) => signedIn(data.signInWithCode));
    },
    async signInWithLink(input: Ops.SignInWithLinkInput) {
      return then(await request(SignInWithLinkDocument, { input }), (data) => signedIn(data.signInWithLink));
    },
    async signInLinkStatus(token: string) {
      return then(await request(SignInLinkStatusDocument, { token }), (data) => ({ ok: true, value: data.signInLinkStatus }));
    },
  };
}

export type GatewayClient = ReturnType<typeof createGatewayClient>;
