/**
 * Types the gateway's Storefront operations against the committed upstream SDL subset (never a live endpoint:
 * CI has no network to BigCommerce). Output is committed; `npm run codegen` regenerates it.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'src/bigcommerce/storefront-schema.graphql',
  documents: ['src/bigcommerce/storefront-operations.ts'],
  ignoreNoDocuments: false,
  generates: {
    'src/bigcommerce/generated/': {
      preset: 'client',
      config: {
        documentMode: 'string',
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        enumsAsTypes: true,
        scalars: { DateTime: 'string' },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
