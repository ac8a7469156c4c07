import { defineConfig } from 'vitest/config';

// One runner, three projects: unit (pure, fast, with coverage of src-shared),
// integration (real socket.io server, real databases), e2e (real Debian Chromium).
export default defineConfig({
  test: {
    projects: [
      {
        // Renderer modules read this build flag (electron.vite.config.ts); unit tests run them as the product.
        define: { __GRID_PROBES__: 'false' },
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
    coverage: {
      provider: 'v8',
      include: ['src-shared/**/*.ts'],
      exclude: ['src-shared/**/index.ts'],
      reporter: ['text-summary', 'text'],
      thresholds: { 'src-shared/**': { lines: 95 } },
    },
  },
});
