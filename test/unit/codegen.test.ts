/** The committed codegen output (Storefront operations, the typed client) is what `npm run codegen` makes now. */
import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';

describe('codegen output', () => {
  it('is committed and current (run `npm run codegen` after changing schema.graphql or an operation)', async () => {
    const files = (await generate({ ...config, silent: true }, false)) as Array<{ filename: string; content: string }>;
    expect(files.map((file) => file.filename).sort()).toEqual(
      [
        'src/backends/bigcommerce/generated/gql.ts',
        'src/backends/bigcommerce/generated/graphql.ts',
        'src/backends/bigcommerce/generated/index.ts',
        'src/client/generated/gql.ts',
        'src/client/generated/graphql.ts',
        'src/client/generated/index.ts',
      ].sort(),
    );
    for (const file of files) expect(readFileSync(file.filename, 'utf8'), file.filename).toBe(file.content);
  }, 30_000);
});
