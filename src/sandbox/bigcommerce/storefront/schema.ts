import { readFileSync } from 'node:fs';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { createSchema } from 'graphql-yoga';
import { SANDBOX_CREDENTIALS, SANDBOX_STORE_NAME } from '../credentials.js';
import type { StorefrontServerContext } from './context.js';
import { actingCustomer, toCustomerView } from './customer-view.js';
import { loginResolvers } from './login-resolvers.js';
import { customerMutationResolvers } from './password-resolvers.js';

/**
 * The upstream Storefront SDL subset, served as is: the sandbox adds no types or fields, so a document that works
 * here works against BigCommerce.
 */
const SCHEMA_FILE = new URL('../../../contracts/bigcommerce/storefront-schema.graphql', import.meta.url);

export function readStorefrontSdl(): string {
  return readFileSync(SCHEMA_FILE, 'utf8');
}

/** "ISO-8601 formatted date in UTC. (e.g. 2024-01-01T00:00:00Z)" */
const dateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => {
    if (typeof value === 'string') return value;
    if (value instanceof Date) return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
    throw new GraphQLError('DateTime cannot represent this value');
  },
  parseValue: (value) => {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw new GraphQLError('Invalid DateTime');
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || Number.isNaN(Date.parse(ast.value))) throw new GraphQLError('Invalid DateTime');
    return ast.value;
  },
});

export function createStorefrontSchema(): GraphQLSchema {
  return createSchema<StorefrontServerContext>({
    typeDefs: readStorefrontSdl(),
    resolvers: {
      DateTime: dateTimeScalar,
      Query: {
        site: () => ({}),
        customer: (_parent: unknown, _args: unknown, { storefront }: StorefrontServerContext) => {
          const acting = actingCustomer(storefront);
          return acting.kind === 'customer' ? toCustomerView(acting.customer) : null;
        },
      },
      Site: {
        settings: (_parent: unknown, _args: unknown, { storefront }: StorefrontServerContext) => ({
          storeName: SANDBOX_STORE_NAME,
          storeHash: SANDBOX_CREDENTIALS.storeHash,
          customers: { passwordComplexitySettings: { ...storefront.sandbox.options.passwordComplexity } },
        }),
      },
      Mutation: {
        ...loginResolvers,
        customer: () => ({}),
      },
      CustomerMutations: customerMutationResolvers,
    },
  });
}
