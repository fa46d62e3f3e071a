import { defineConfig } from 'vitest/config';

/** End-to-end tests: the real UI in Debian's Chromium against `npm run web`, one file at a time. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});
