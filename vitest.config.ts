import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships ESM (.mjs) and CJS builds; Pothos and Yoga must share one, or graphql refuses "another realm".
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql/index.js') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Every file's log lines are audited for secrets once it is done (test/support/log-audit.ts).
    setupFiles: ['test/support/log-audit.setup.ts'],
    // Integration tests bind real sockets on ephemeral ports; keep them from starving the 2-core CI machine.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
