/** loginWithJwt. Logic lives in login/. */
import { z } from 'zod';
import { InvalidJwtError, RateLimitedError } from '../errors.js';
import type { LoginResult } from '../login/service.js';
import { builder } from './builder.js';
import { CustomerSessionType, CustomerType } from './customer.js';

const LoginWithJwtInput = builder.inputType('LoginWithJwtInput', {
  fields: (t) => ({
    jwt: t.string({
      required: true,
      description: 'An SSO assertion from the trusted issuer, or a BigCommerce Customer Login JWT.',
      validate: z.string().min(1).max(8192),
    }),
    channelId: t.int({
      description: 'BigCommerce channel to log in to (SSO assertions); default: the configured channel.',
      validate: z.number().int().positive(),
    }),
  }),
});

const LoginSuccessType = builder.objectRef<LoginResult>('LoginSuccess').implement({
  fields: (t) => ({
    customer: t.expose('customer', { type: CustomerType }),
    session: t.expose('session', { type: CustomerSessionType }),
  }),
});

builder.mutationField('loginWithJwt', (t) =>
  t.field({
    type: LoginSuccessType,
    args: { input: t.arg({ type: LoginWithJwtInput, required: true }) },
    errors: { types: [InvalidJwtError, RateLimitedError], union: { name: 'LoginWithJwtResult' } },
    resolve: (_root, { input }, ctx) => ctx.services.login.login(input.jwt, ctx.client, input.channelId ?? undefined),
  }),
);
