import SchemaBuilder from '@pothos/core';
import ValidationPlugin from '@pothos/plugin-validation';
import type { GraphQLContext } from './context.js';
import ObserveRootFieldsPlugin from './observe-plugin.js';

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  DefaultFieldNullability: false;
  Scalars: { DateTime: { Input: Date; Output: Date } };
}>({
  plugins: [ObserveRootFieldsPlugin, ValidationPlugin],
  defaultFieldNullability: false,
});

builder.scalarType('DateTime', {
  description: 'ISO-8601 date and time in UTC, e.g. 2026-01-01T00:00:00.000Z',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError('DateTime must be an ISO-8601 string');
    return date;
  },
});

builder.queryType({});
builder.mutationType({});
