/**
 * How a sign-in ends, for every sign-in flow (loginWithJwt here, passwordless in passwordless.ts): a session
 * (`LoginSuccess`) or, in `CUSTOMER_LOGIN_JWT` mode, a Customer Login JWT for the storefront (`LoginJwtHandoff`).
 * Logic lives in login/.
 */
import { z } from 'zod';
import type { LoginJwtHandoff, LoginResult } from '../backends/backend.js';
import { InvalidJwtError, NotSupportedError, RateLimitedError } from '../errors.js';
import { builder } from './builder.js';
import { CHANNEL_ID_DEPRECATION, channelIdInput, storefrontFor, storefrontIdInput } from './inputs.js';
import { CustomerSessionType, CustomerType } from './customer.js';
import { resultUnion } from './results.js';

export const SignInModeType = builder.enumType('SignInMode', {
  description: 'What a successful sign-in returns.',
  values: {
    SESSION: { description: 'The gateway signs in at the backend and returns the session (BigCommerce: the customer access token).' },
    CUSTOMER_LOGIN_JWT: {
      description:
        "The storefront handoff: a just-minted credential for the storefront to exchange itself (BigCommerce: a Customer Login JWT, valid 30 s, single use, for Catalyst's signIn('jwt')); the gateway opens no session of its own. Not every backend has one (`capabilities.signInModes`).",
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
    customerId: t.exposeID('customerId'),
    customerEntityId: t.exposeInt('customerEntityId', { deprecationReason: 'Use `customerId`.' }),
    customerLoginJwt: t.exposeString('customerLoginJwt'),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    redirectTo: t.exposeString('redirectTo', { description: 'Relative path BigCommerce sends the browser to.' }),
    storefrontId: t.exposeID('storefrontId'),
    channelId: t.int({ deprecationReason: 'Use `storefrontId`.', resolve: (handoff) => Number(handoff.storefrontId) }),
  }),
});

const LoginWithJwtResult = resultUnion('LoginWithJwtResult', {
  results: [LoginSuccessType, LoginJwtHandoffType],
  errors: [InvalidJwtError, RateLimitedError, NotSupportedError],
});

const LoginWithJwtInput = builder.inputType('LoginWithJwtInput', {
  fields: (t) => ({
    jwt: t.string({
      required: true,
      description: 'An SSO assertion from the trusted issuer, or a BigCommerce Customer Login JWT.',
      validate: z.string().min(1).max(8192),
    }),
    storefrontId: t.id({ description: 'The storefront to sign in to (SSO assertions); default: the configured one.', validate: storefrontIdInput }),
    channelId: t.int({
      description: 'BigCommerce channel to log in to (SSO assertions); default: the configured channel.',
      validate: channelIdInput,
      deprecationReason: CHANNEL_ID_DEPRECATION,
    }),
    mode: t.field({ type: SignInModeType, defaultValue: 'SESSION' }),
  }),
});

builder.mutationField('loginWithJwt', (t) =>
  t.field({
    type: LoginWithJwtResult.union,
    args: { input: t.arg({ type: LoginWithJwtInput, required: true }) },
    resolve: LoginWithJwtResult.answers(async (_root, { input }, ctx) => {
      const named = input.channelId != null || input.storefrontId != null;
      const storefrontId = named ? storefrontFor(input, ctx.services.storefronts) : undefined;
      return ctx.services.login.login(input.jwt, ctx.client, storefrontId, input.mode ?? 'SESSION');
    }),
  }),
);
