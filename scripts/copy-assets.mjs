// `npm run build` step: copy the non-TypeScript files the code reads at run time into the build (default dist/;
// the production-build test builds elsewhere: `node scripts/copy-assets.mjs <outDir>`).
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

const outDir = process.argv[2] ?? 'dist';
cpSync('src/contracts/bigcommerce/storefront-schema.graphql', join(outDir, 'contracts/bigcommerce/storefront-schema.graphql'));
