import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/scripts/**/*.test.ts', 'examples/*/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
