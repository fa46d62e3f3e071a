import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import config from '../../electron.vite.config';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

describe('electron.vite.config.ts', () => {
  const { main, preload, renderer } = config as Exclude<typeof config, (...args: never) => unknown>;

  it('builds the main process to index.js and the worker beside it as worker-entry.js', () => {
    // main.ts starts the worker from new URL('./worker-entry.js', import.meta.url).
    expect(main?.build?.rolldownOptions?.input).toEqual({
      index: here('../../src-main/app/main.ts'),
      'worker-entry': here('../../src-main/worker/worker-entry.ts'),
    });
  });

  it('keeps TensorFlow.js and the optional tfjs-node out of the bundle', () => {
    expect(main?.build?.externalizeDeps).toEqual({ include: ['@tensorflow/tfjs-node'] });
  });

  it('builds one self-contained CommonJS preload, as a sandboxed renderer requires', () => {
    expect(preload?.build?.externalizeDeps).toBe(false);
    expect(preload?.build?.rolldownOptions?.output).toEqual({
      format: 'cjs',
      entryFileNames: '[name].cjs',
    });
  });

  it('builds the renderer from src-renderer into out/renderer, with relative asset URLs', () => {
    expect(renderer?.root).toBe(here('../../src-renderer'));
    expect(renderer?.base).toBe('./');
    expect(renderer?.build?.outDir).toBe(here('../../out/renderer'));
    expect(renderer?.build?.rolldownOptions?.input).toBe(here('../../src-renderer/index.html'));
  });
});
