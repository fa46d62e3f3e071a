import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig} */
export default {
  preprocess: vitePreprocess(),
  // Runes only: no legacy reactive statements or `export let` anywhere in the renderer.
  compilerOptions: { runes: true },
};
