import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

export default defineConfig({
  test: {
    // Real training runs share two cores: run files one or two at a time and give them room.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/renderer/**'],
          environment: 'node',
        },
      },
      {
        // Svelte components in jsdom: the plugin compiles .svelte files, svelteTesting resolves
        // Svelte's browser build (not its server build) and cleans the DOM after each test.
        extends: true,
        plugins: [
          svelte({ configFile: fileURLToPath(new URL('./svelte.config.js', import.meta.url)) }),
          svelteTesting(),
        ],
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.ts'],
          environment: 'jsdom',
        },
      },
    ],
  },
});
