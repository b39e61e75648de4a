/** The README's example operations must stay valid against the public schema, as written. */
import { readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const operations = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

describe('README examples', () => {
  it('has the example operations', () => {
    expect(operations.length).toBeGreaterThanOrEqual(4);
  });

  it.each(operations.map((op) => [op.match(/(?:query|mutation) (\w+)/)?.[1] ?? op.slice(0, 30), op]))(
    '%s validates against the schema',
    (_name, operation) => {
      expect(validate(schema, parse(operation)).map((e) => e.message)).toEqual([]);
    },
  );
});
