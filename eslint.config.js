import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/backends/bigcommerce/generated/', 'src/client/generated/', 'examples/*/.next/', 'examples/*/node_modules/', 'examples/*/next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['scripts/**', 'bench/**', 'test/**', 'src/sandbox/main.ts', 'src/sandbox/*/main.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Plain Node ESM read by next.config.mjs (the example's start-up check).
    files: ['examples/*/lib/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
);
