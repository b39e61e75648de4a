// `npm run build` step: copy the non-TypeScript files the code reads at run time into dist/.
import { cpSync } from 'node:fs';

cpSync('src/bigcommerce/storefront-schema.graphql', 'dist/bigcommerce/storefront-schema.graphql');
