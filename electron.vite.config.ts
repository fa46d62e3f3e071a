import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'electron-vite';
import rendererConfig from './vite.config';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * The desktop build: `electron-vite build` writes out/main (ESM, as package.json says
 * "type": "module"), out/preload and out/renderer; electron-builder then packs out/** with the
 * runtime dependencies.
 */
export default defineConfig({
  main: {
    build: {
      // Runtime dependencies stay in node_modules and are required at run time (the default for
      // `dependencies`), which keeps TensorFlow.js where it finds its .wasm files and native
      // binding. tfjs-node is optional and loaded by a computed name; listing it here keeps it
      // external even if a static import of it ever appears.
      externalizeDeps: { include: ['@tensorflow/tfjs-node'] },
      rolldownOptions: {
        input: {
          // out/main/index.js is package.json's "main".
          index: here('./src-main/app/main.ts'),
          // The training worker, built beside it: WorkerHost loads ./worker-entry.js.
          'worker-entry': here('./src-main/worker/worker-entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require anything but electron and a few Node built-ins, so
      // it is one self-contained CommonJS file with the contract (and zod) bundled in.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: here('./src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  // The same renderer build as `npm run build:renderer` (root src-renderer, out/renderer), with
  // the entry electron-vite wants named.
  renderer: mergeConfig(rendererConfig, {
    build: { rolldownOptions: { input: here('./src-renderer/index.html') } },
  }),
});
