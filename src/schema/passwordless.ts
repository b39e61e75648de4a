/**
 * Passwordless sign-in: requestSignInCode, signInWithCode, signInWithLink and signInLinkStatus. Logic lives in
 * login/passwordless/; the results are the sign-in results of login.ts.
 */
import { z } from 'zod';
import { InvalidSignInCodeError, InvalidSignInLinkError, NotSupportedError, RateLimitedError } from '../errors.js';
import { flowCookie, flowIdFrom } from '../login/passwordless/flow-cookie.js';
import type { RequestSignInCodePayload } from '../login/passwordless/service.js';
import { normalizeEmail } from '../reset/service.js';
import { builder } from './builder.js';
import { withHttpRateLimit } from './http.js';
import { CHANNEL_ID_DEPRECATION, channelIdInput, emailInput, storefrontFor, storefrontIdInput } from './inputs.js';
import { LoginJwtHandoffType, LoginSuccessType, SignInModeType } from './login.js';
import { resultUnion } from './results.js';

const RequestSignInCodeInput = builder.inputType('RequestSignInCodeInput', {
  fields: (t) => ({
    email: t.string({ required: true, validate: emailInput }),
    storefrontId: t.id({ description: 'The storefront to sign in to; default: the configured one.', validate: storefrontIdInput }),
    channelId: t.int({
      description: 'The storefront (BigCommerce channel) to sign in to; default: the configured channel.',
      validate: channelIdInput,
      deprecationReason: CHANNEL_ID_DEPRECATION,
    }),
  }),
});

const RequestSignInCodePayloadType = builder.objectRef<RequestSignInCodePayload>('RequestSignInCodePayload').implement({
  description: 'The same answer for every email, known or not.',
  fields: (t) => ({ accepted: t.exposeBoolean('accepted'), message: t.exposeString('message') }),
});

builder.mutationField('requestSignInCode', (t) =>
  t.field({
    type: RequestSignInCodePayloadType,
    description:
      'Mails a 6-digit code and a magic link (valid in this browser only: the answer sets an HttpOnly flow cookie). The answer is identical for every email.',
    args: { input: t.arg({ type: RequestSignInCodeInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      const storefrontId = storefrontFor(input, ctx.services.storefronts);
      const flowId = flowIdFrom(ctx.signInFlow);
      ctx.setCookie(flowCookie(flowId, ctx.services.passwordless.ttlSeconds));
      return withHttpRateLimit(ctx.services.passwordless.requestCode(normalizeEmail(input.email), storefrontId, flowId, ctx.client));
    },
  }),
);


const SignInWithCodeInput = builder.inputType('SignInWithCodeInput', {
  fields: (t) => ({
    email: t.string({ required: true, validate: emailInput }),
    code: t.string({ required: true, validate: z.string().trim().max(32) }),
    storefrontId: t.id({ validate: storefrontIdInput }),
    channelId: t.int({ validate: channelIdInput, deprecationReason: CHANNEL_ID_DEPRECATION }),
    mode: t.field({ type: SignInModeType, defaultValue: 'SESSION' }),
  }),
});

const SignInWithCodeResult = resultUnion('SignInWithCodeResult', {
  results: [LoginSuccessType, LoginJwtHandoffType],
  errors: [InvalidSignInCodeError, RateLimitedError, NotSupportedError],
});

builder.mutationField('signInWithCode', (t) =>
  t.field({
    type: SignInWithCodeResult.union,
    args: { input: t.arg({ type: SignInWithCodeInput, required: true }) },
    resolve: SignInWithCodeResult.answers((_root, { input }, ctx) =>
      ctx.services.passwordless.signInWithCode(
        normalizeEmail(input.email),
        input.code.trim(),
        storefrontFor(input, ctx.services.storefronts),
        input.mode ?? 'SESSION',
        ctx.client,
        ctx.signInFlow,
      ),
    ),
  }),
);

const SignInWithLinkInput = builder.inputType('SignInWithLinkInput', {
  fields: (t) => ({
    token: t.string({ required: true, description: 'The `token` of the magic link.', validate: z.string().min(1).max(2048) }),
    mode: t.field({ type: SignInModeType, defaultValue: 'SESSION' }),
  }),
});

const SignInWithLinkResult = resultUnion('SignInWithLinkResult', {
  results: [LoginSuccessType, LoginJwtHandoffType],
  errors: [InvalidSignInLinkError, RateLimitedError, NotSupportedError],
});

builder.mutationField('signInWithLink', (t) =>
  t.field({
    type: SignInWithLinkResult.union,
    description: 'Redeems a magic link, only in the browser that asked for it (its flow cookie).',
    args: { input: t.arg({ type: SignInWithLinkInput, required: true }) },
    resolve: SignInWithLinkResult.answers((_root, { input }, ctx) =>
      ctx.services.passwordless.signInWithLink(input.token, ctx.signInFlow, input.mode ?? 'SESSION', ctx.client),
    ),
  }),
);

const SignInLinkState = builder.enumType('SignInLinkState', {
  values: {
    SAME_BROWSER: { description: 'signInWithLink would sign in here.' },
    OTHER_BROWSER: { description: 'Genuine, but asked for in another browser: enter the code instead.' },
    INVALID: { description: 'Forged, expired, used or superseded.' },
  } as const,
});

builder.queryField('signInLinkStatus', (t) =>
  t.field({
    type: SignInLinkState,
    description: 'What a magic link would do in this browser. Never consumes it (mail scanners open links too).',
    args: { token: t.arg.string({ required: true, validate: z.string().min(1).max(2048) }) },
    resolve: (_root, { token }, ctx) => ctx.services.passwordless.linkState(token, ctx.signInFlow),
  }),
);
