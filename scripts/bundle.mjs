// `npm run build` step: the server as production runs it, `dist/server.js`, one ES module bundle of the gateway and
// its dependencies (esbuild). Loading ~2,000 files one by one was about half of start-up (graphql-yoga's module tree
// alone took 400 ms to resolve and compile); the bundle is ready in about half the time (README, "Benchmarks").
// Code loaded only when configured (Redis and BullMQ, the tracing SDK, JWKS) stays in chunks of its own under
// dist/server-chunks/, loaded when first imported. Default dist/; the production-build test builds elsewhere:
// `node scripts/bundle.mjs <outDir>`.
import { join } from 'node:path';
import process from 'node:process';
import { build } from 'esbuild';

const outDir = process.argv[2] ?? 'dist';

await build({
  entryPoints: { server: 'src/main.ts' },
  outdir: outDir,
  entryNames: '[name]',
  chunkNames: 'server-chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // Bundled CommonJS dependencies call `require` for Node's own modules, which an ES module does not have.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // For stack traces of unexpected errors: `NODE_OPTIONS=--enable-source-maps` maps them to src/.
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [
    {
      // Left to the compiled tree beside the bundle (dist/sandbox/, from tsc): the emulators (BigCommerce's reads its
      // schema file relative to its own module), which production never starts. GraphiQL's 9 MB is loaded with
      // createRequire (app.ts) from node_modules, only when GraphiQL is on.
      name: 'outside-the-bundle',
      setup(pluginBuild) {
        // Both emulators, imported from src/composition/: the bundle (dist/server.js) finds them at ./sandbox/.
        pluginBuild.onResolve({ filter: /^(\.\.?\/)+sandbox\/(elasticpath\/)?index\.js$/ }, (args) => ({
          path: `./sandbox/${args.path.includes('/elasticpath/') ? 'elasticpath/' : ''}index.js`,
          external: true,
        }));
      },
    },
  ],
  external: ['@graphql-yoga/render-graphiql'],
});
process.stdout.write(`bundled ${join(outDir, 'server.js')}\n`);
