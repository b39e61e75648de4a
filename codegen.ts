/**
 * Two typed-document sets, both from committed SDL (never a live endpoint: CI has no network to BigCommerce):
 * the gateway's Storefront operations against the upstream subset, and the typed client's operations against the
 * gateway's own schema.graphql. Output is committed; `npm run codegen` regenerates it, and a test fails on drift.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const client = {
  preset: 'client',
  config: {
    documentMode: 'string',
    useTypeImports: true,
    emitLegacyCommonJSImports: false,
    enumsAsTypes: true,
    scalars: { DateTime: 'string' },
  },
  presetConfig: { fragmentMasking: false },
} as const;

const config: CodegenConfig = {
  ignoreNoDocuments: false,
  generates: {
    'src/backends/bigcommerce/generated/': {
      ...client,
      schema: 'src/contracts/bigcommerce/storefront-schema.graphql',
      documents: ['src/backends/bigcommerce/storefront-operations.ts'],
    },
    'src/client/generated/': { ...client, schema: 'schema.graphql', documents: ['src/client/operations.ts'] },
  },
};

export default config;
