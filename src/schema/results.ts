/**
 * Result unions: what a mutation answers, success or one of its typed errors (errors.ts), as one GraphQL union.
 * The resolver throws the error (the services do) and `answers` turns the listed ones into the field's result;
 * anything else stays thrown, and is masked. An answered error carries its type's name (`__typename`) and every
 * success type says which values it takes (`isTypeOf`), so the union needs no resolver of its own.
 *
 * Written here rather than with @pothos/plugin-errors, which does the same but wraps every returned error in a
 * Proxy, first copying the error's property descriptors (which formats its stack), to brand it with its type: about
 * 6 % of the CPU of a refused request, the common case under attack, for a type `isTypeOf` already tells.
 */
import type { ObjectParam, OutputShape, SchemaTypes, UnionRef } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { GatewayError } from '../errors.js';
import { builder } from './builder.js';
import type { GraphQLContext } from './context.js';

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : SchemaTypes;
type ErrorClass = (abstract new (...args: never[]) => GatewayError) & ObjectParam<BuilderTypes>;
type Resolver<Args, Value> = (root: unknown, args: Args, context: GraphQLContext, info: GraphQLResolveInfo) => Promise<Value>;

export interface ResultUnion<Result extends ObjectParam<BuilderTypes>, Errors extends ErrorClass> {
  union: UnionRef<BuilderTypes, OutputShape<BuilderTypes, Result> | InstanceType<Errors>>;
  /** The field's resolver, with the union's typed errors answered instead of thrown. */
  answers<Args, Value>(resolve: Resolver<Args, Value>): Resolver<Args, Value | InstanceType<Errors>>;
}

/** The union `name` of `results` and `errors`, and the wrapper that makes its field's resolver answer the errors. */
export function resultUnion<Result extends ObjectParam<BuilderTypes>, Errors extends ErrorClass>(
  name: string,
  members: { results: Result[]; errors: Errors[] },
): ResultUnion<Result, Errors> {
  const union = builder.unionType(name, { types: [...members.results, ...members.errors] });
  const isAnswer = (error: unknown): error is InstanceType<Errors> => members.errors.some((errorClass) => error instanceof errorClass);
  return {
    union,
    answers(resolve) {
      return async (root, args, context, info) => {
        try {
          return await resolve(root, args, context, info);
        } catch (error) {
          if (isAnswer(error)) return answered(error);
          throw error;
        }
      };
    },
  };
}

/**
 * The error as a plain value: GraphQL executors treat any `Error` a resolver returns as thrown. `__typename` names
 * its type (each error class spells its type name out: errors.ts); its fields are the error's own, and `message`.
 */
function answered<E extends GatewayError>(error: E): E {
  return { ...error, message: error.message, __typename: (error.constructor as typeof GatewayError).typename } as unknown as E;
}
