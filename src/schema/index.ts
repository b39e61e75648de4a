/**
 * The public GraphQL schema, built once from the domain modules. It depends on no running service (those come
 * in through the context), so `npm run schema` can print it without a store.
 */
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './errors.js';
import './customer.js';
import './reset.js';
import './login.js';
import './passwordless.js';
import './capabilities.js';

export type { GraphQLContext, Services } from './context.js';

export const schema: GraphQLSchema = builder.toSchema({ sortSchema: true });

/** The committed `schema.graphql`: sorted, so diffs show real changes only. */
export function printPublicSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
