/**
 * How a sign-in ends, for every sign-in flow (loginWithJwt here, passwordless in passwordless.ts): a session
 * (`LoginSuccess`) or, in `CUSTOMER_LOGIN_JWT` mode, a Customer Login JWT for the storefront (`LoginJwtHandoff`).
 * Logic lives in login/.
 */
import { z } from 'zod';
import { InvalidJwtError, RateLimitedError } from '../errors.js';
import type { LoginJwtHandoff, LoginResult } from '../backends/bigcommerce/session-issuer.js';
import { builder } from './builder.js';
import { channelFor, channelIdInput } from './inputs.js';
import { CustomerSessionType, CustomerType } from './customer.js';
import { resultUnion } from './results.js';

export const SignInModeType = builder.enumType('SignInMode', {
  description: 'What a successful sign-in returns.',
  values: {
    SESSION: { description: 'The gateway signs in at BigCommerce and returns the customer access token.' },
    CUSTOMER_LOGIN_JWT: {
      description:
        "A just-minted Customer Login JWT (valid 30 s, single use) for the storefront to exchange itself (Catalyst's signIn('jwt')); the gateway opens no session of its own.",
    },
  } as const,
});

export const LoginSuccessType = builder.objectRef<LoginResult>('LoginSuccess').implement({
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'session' in value,
  fields: (t) => ({
    customer: t.expose('customer', { type: CustomerType }),
    session: t.expose('session', { type: CustomerSessionType }),
  }),
});

export const LoginJwtHandoffType = builder.objectRef<LoginJwtHandoff>('LoginJwtHandoff').implement({
  description:
    "A Customer Login JWT for the storefront to exchange at BigCommerce (`loginWithCustomerLoginJwt`, Catalyst's signIn('jwt', { jwt }), or a browser at `{site}/login/token/{jwt}`) within 30 seconds, once.",
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'customerLoginJwt' in value,
  fields: (t) => ({
    customerEntityId: t.exposeInt('customerEntityId'),
    customerLoginJwt: t.exposeString('customerLoginJwt'),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    redirectTo: t.exposeString('redirectTo', { description: 'Relative path BigCommerce sends the browser to.' }),
    channelId: t.exposeInt('channelId'),
  }),
});

const LoginWithJwtResult = resultUnion('LoginWithJwtResult', {
  results: [LoginSuccessType, LoginJwtHandoffType],
  errors: [InvalidJwtError, RateLimitedError],
});

const LoginWithJwtInput = builder.inputType('LoginWithJwtInput', {
  fields: (t) => ({
    jwt: t.string({
      required: true,
      description: 'An SSO assertion from the trusted issuer, or a BigCommerce Customer Login JWT.',
      validate: z.string().min(1).max(8192),
    }),
    channelId: t.int({
      description: 'BigCommerce channel to log in to (SSO assertions); default: the configured channel.',
      validate: channelIdInput,
    }),
    mode: t.field({ type: SignInModeType, defaultValue: 'SESSION' }),
  }),
});

builder.mutationField('loginWithJwt', (t) =>
  t.field({
    type: LoginWithJwtResult.union,
    args: { input: t.arg({ type: LoginWithJwtInput, required: true }) },
    resolve: LoginWithJwtResult.answers(async (_root, { input }, ctx) => {
      const channelId = input.channelId == null ? undefined : channelFor(input, ctx.services.channels);
      return ctx.services.login.login(input.jwt, ctx.client, channelId, input.mode ?? 'SESSION');
    }),
  }),
);
