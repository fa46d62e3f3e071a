import { describe, expect, it } from 'vitest';
import { RNN_KERNEL_WASM_BASE64 } from '../../../src-main/engine/fused/rnn-kernel-wasm';
import { buildKernelModule } from '../../../resources/build/build-kernels.mjs';

describe('the committed WebAssembly kernel', () => {
  it('is what kernels/rnn-kernel.ts compiles to (run `npm run build:kernels` after editing it)', async () => {
    const rebuilt = await buildKernelModule();
    expect(rebuilt).toContain(`'${RNN_KERNEL_WASM_BASE64}'`);
  }, 30_000);
});
