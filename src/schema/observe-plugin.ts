/**
 * A Pothos plugin that tells the request (`context.observeResult`) how each root field ended: its result, a typed
 * error, or what it threw. The metrics count from it (use-metrics.ts).
 *
 * A Pothos plugin rather than `@envelop/on-resolve`: that one wraps every field of the schema and does so by
 * mutating the shared schema once per server (two gateways in one process would count each other's requests);
 * this one wraps the root fields only, once, when the schema is built. It sees a typed error as the field's result
 * (results.ts answers it) and what input validation threw as thrown.
 */
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';

export interface ObservedContext {
  /** Called once per root field: with what it resolved to, or (`threw`) with what it threw. */
  observeResult?(field: string, outcome: unknown, threw: boolean): void;
}

const pluginName = 'observeRootFields';

export class ObserveRootFieldsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (fieldConfig.parentType !== 'Query' && fieldConfig.parentType !== 'Mutation') return resolver;
    const field = fieldConfig.name;
    return async (parent, args, context: ObservedContext, info) => {
      try {
        const result: unknown = await resolver(parent, args, context, info);
        context.observeResult?.(field, result, false);
        return result;
      } catch (error) {
        context.observeResult?.(field, error, true);
        throw error;
      }
    };
  }
}

SchemaBuilder.registerPlugin(pluginName, ObserveRootFieldsPlugin);

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      observeRootFields: ObserveRootFieldsPlugin<Types>;
    }
  }
}

export default pluginName;
