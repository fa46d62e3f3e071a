import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { boot } from './boot';

// The paths are resolved here, in the entry module: electron-vite builds it to out/main/index.js
// beside worker-entry.js, with the preload in out/preload and the renderer in out/renderer.
boot({
  preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
  rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
  workerEntry: new URL('./worker-entry.js', import.meta.url),
  resourcesDir: app.isPackaged
    ? process.resourcesPath
    : fileURLToPath(new URL('../../resources', import.meta.url)),
  devServerUrl: app.isPackaged ? null : (process.env['ELECTRON_RENDERER_URL'] ?? null),
});
