/**
 * The GraphQL hardening every request goes through: one operation per document, limits on depth, aliases,
 * tokens and directives, CSRF prevention, and (when introspection is off) no introspection and no field
 * suggestions.
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import type { YogaServerOptions } from 'graphql-yoga';
import { useSingleOperation } from './single-operation.js';

export interface HardeningOptions {
  /** Off: introspection refused and "Did you mean …?" suggestions hidden (production default). */
  introspection: boolean;
}

/** A plugin as `createYoga` takes it (the individual plugins are typed for different contexts). */
type YogaPlugin = NonNullable<YogaServerOptions<Record<string, unknown>, Record<string, unknown>>['plugins']>[number];

export function graphqlHardening(options: HardeningOptions): YogaPlugin[] {
  return [
    useSingleOperation(),
    EnvelopArmorPlugin({
      // Introspection counts too: its ofType chains are the only deep paths this schema has. The standard
      // introspection query (GraphiQL's) is 21 deep; a test keeps it working.
      maxDepth: { n: 21, ignoreIntrospection: false },
      // An aliased resetPassword x100 is refused outright (each alias that runs also spends a rate-limit point).
      maxAliases: { n: 5 },
      maxTokens: { n: 1000 },
      maxDirectives: { n: 10 },
      costLimit: { maxCost: 5000 },
      blockFieldSuggestion: { enabled: !options.introspection },
    }),
    // Refuses requests a browser can send cross-site without a preflight (forms, text/plain, GET).
    useCSRFPrevention(),
    ...(options.introspection ? [] : [useDisableIntrospection()]),
  ];
}
