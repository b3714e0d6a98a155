// Runs every benchmark. Benchmarks print figures and ratios; they never fail a build.
await import('./codes.bench.mjs');
await import('./records.bench.mjs');
await import('./trust.bench.mjs');
await import('./platform.bench.mjs');
