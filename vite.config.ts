import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * The renderer bundle. `base: './'` keeps every asset URL relative, so the same build loads from
 * Electron's file:// and from the web bridge's http://127.0.0.1:port/.
 */
export default defineConfig({
  root: here('./src-renderer'),
  base: './',
  // The plugin looks for svelte.config.js in `root` by default; it lives at the repository root.
  plugins: [svelte({ configFile: here('./svelte.config.js') })],
  build: {
    outDir: here('./out/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    // ECharts alone is ~600 kB minified; the app is loaded from disk, not over a network.
    chunkSizeWarningLimit: 1500,
  },
});
