import { registerSegmentSumKernel } from './segment-sum-kernel';
import { registerWasmMatMulKernels } from './wasm-matmul-kernel';
import { registerWasmSliceKernels } from './wasm-slice-kernels';

/**
 * Our replacements for TF.js kernels that are missing or pathologically slow on the backends we
 * run (see each file for the upstream code it works around). Idempotent: called by
 * `selectBackend` and again before language-model training, for callers that switched backends
 * with `tf.setBackend`.
 */
export function registerKernelFixes(): void {
  registerSegmentSumKernel();
  registerWasmMatMulKernels();
  registerWasmSliceKernels();
}
