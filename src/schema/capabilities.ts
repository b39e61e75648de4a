/** `Query.capabilities`: what the configured commerce backend offers, so pages and clients adapt instead of guessing. */
import type { Capabilities } from './context.js';
import { builder } from './builder.js';
import { SignInModeType } from './login.js';

const CodeShapeType = builder.objectRef<Capabilities['code']>('SignInCodeShape').implement({
  description: 'What a mailed sign-in code looks like, for input fields (length, keyboard) and client-side checks.',
  fields: (t) => ({
    madeBy: t.exposeString('madeBy', { description: '`gateway` (BigCommerce) or `upstream` (Elastic Path makes its own codes).' }),
    length: t.exposeInt('length'),
    alphabet: t.exposeString('alphabet', { description: '`digits` or `lowercase-alphanumeric`.' }),
  }),
});

const CapabilitiesType = builder.objectRef<Capabilities & { storefronts: { defaultId: string; ids: readonly string[] } }>('Capabilities').implement({
  fields: (t) => ({
    backend: t.exposeString('backend', { description: '`bigcommerce` or `elasticpath`.' }),
    signInModes: t.field({ type: [SignInModeType], resolve: (capabilities) => [...capabilities.signInModes] }),
    resetStrategy: t.exposeString('resetStrategy', { description: 'How password reset works here (`native`, `ott`, `elasticpath`).' }),
    tokenStatus: t.exposeBoolean('tokenStatus', {
      description: 'Whether `passwordResetTokenStatus` can tell a usable link from the rest (false: it answers UNKNOWN).',
    }),
    ssoLogin: t.exposeBoolean('ssoLogin', { description: 'Whether `loginWithJwt` takes SSO assertions (else it answers NotSupportedError).' }),
    code: t.expose('code', { type: CodeShapeType }),
    storefrontIds: t.field({ type: ['ID'], resolve: (capabilities) => [...capabilities.storefronts.ids] }),
    defaultStorefrontId: t.field({ type: 'ID', resolve: (capabilities) => capabilities.storefronts.defaultId }),
  }),
});

builder.queryField('capabilities', (t) =>
  t.field({
    type: CapabilitiesType,
    description: 'What the configured commerce backend offers: sign-in modes, reset strategy, code shape, storefronts.',
    resolve: (_root, _args, ctx) => ({ ...ctx.services.capabilities, storefronts: ctx.services.storefronts }),
  }),
);
