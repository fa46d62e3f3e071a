// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import svelte from 'eslint-plugin-svelte';
import svelteConfig from './svelte.config.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'coverage/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // noUncheckedIndexedAccess types every typed-array read as `number | undefined`; in numeric
      // loops whose bounds prove the index, `values[i]!` is the honest, visible assertion.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The engine runs in the worker, the CLI and tests: it must never depend on Electron.
    // Only the Electron glue (app/, ipc/, preload/) may import it.
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    ignores: ['src-main/app/**', 'src-main/ipc/**', 'src-main/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only src-main/app, ipc and preload may import electron.',
            },
          ],
          patterns: [
            {
              group: ['electron/*'],
              message: 'Only src-main/app, ipc and preload may import electron.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer runs in a browser window (and its tests in jsdom): DOM globals.
    files: ['src-renderer/**', 'test/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Components and rune stores (*.svelte.ts) are TypeScript inside svelte-eslint-parser.
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        parser: tseslint.parser,
        extraFileExtensions: ['.svelte'],
        svelteConfig,
      },
    },
  },
);
