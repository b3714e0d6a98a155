import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', 'verify-worker': 'src/ingest/verify-worker.ts' },
  // import.meta.url in the CommonJS build too: the verifier pool finds its worker script beside it.
  shims: true,
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  treeshake: true,
});
