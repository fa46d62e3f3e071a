import * as tf from '@tensorflow/tfjs';

/**
 * Transposed matrix products on the wasm backend, routed through XNNPACK.
 *
 * Why: tfjs-backend-wasm sends a product to XNNPACK only when neither operand is transposed
 * (src/cc/batch_mat_mul_impl.cc, `batchMatMul`); with `transposeA` or `transposeB` it falls back to
 * a naive blocked triple loop that is about 15× slower. Every backward pass asks for transposed
 * products (the gradient of y = x·W is dy·Wᵀ and xᵀ·dy), so training a language model, whose
 * `[tokens, hidden] × [hidden, vocabulary]` output layer dominates, spent most of its time there:
 * 4 s instead of 0.27 s for one 1120 × 256 × 10 000 product on a 2-core machine.
 *
 * The wrapper transposes the operand with the backend's own Transpose kernel (a memory copy,
 * milliseconds) and calls the original kernel with both flags off. Results are identical up to
 * float summation order. Applies to BatchMatMul and _FusedMatMul (the Dense layer's product).
 */
const PATCHED = Symbol.for('rnn-studio.transpose-free-matmul');
const KERNELS = ['BatchMatMul', '_FusedMatMul'] as const;

interface WasmBackendIO {
  disposeData(dataId: object): boolean;
}

type KernelArgs = Parameters<tf.KernelFunc>[0];

function swapLastTwo(
  transpose: tf.KernelFunc,
  backend: KernelArgs['backend'],
  x: tf.TensorInfo,
): tf.TensorInfo {
  const rank = x.shape.length;
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return transpose({ inputs: { x }, backend, attrs: { perm } }) as tf.TensorInfo;
}

function wrap(original: tf.KernelFunc): tf.KernelFunc {
  const wrapped: tf.KernelFunc = (args) => {
    const attrs = args.attrs ?? {};
    if (attrs['transposeA'] !== true && attrs['transposeB'] !== true) return original(args);
    const transpose = tf.getKernel('Transpose', 'wasm')?.kernelFunc;
    if (transpose === undefined) return original(args);
    const io = args.backend as WasmBackendIO;
    const inputs = { ...args.inputs };
    const temporaries: tf.TensorInfo[] = [];
    for (const [name, flag] of [
      ['a', 'transposeA'],
      ['b', 'transposeB'],
    ] as const) {
      const operand = inputs[name];
      if (attrs[flag] === true && operand !== undefined) {
        const swapped = swapLastTwo(transpose, args.backend, operand);
        temporaries.push(swapped);
        inputs[name] = swapped;
      }
    }
    try {
      return original({
        inputs,
        backend: args.backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
    } finally {
      for (const t of temporaries) io.disposeData(t.dataId);
    }
  };
  Reflect.set(wrapped, PATCHED, true);
  return wrapped;
}

/** Wrap the wasm matmul kernels (idempotent). Called by `selectBackend`. */
export function registerWasmMatMulKernels(): void {
  for (const kernelName of KERNELS) {
    const existing = tf.getKernel(kernelName, 'wasm');
    if (existing === undefined || Reflect.get(existing.kernelFunc, PATCHED) === true) continue;
    tf.unregisterKernel(kernelName, 'wasm');
    // Keep setupFunc: it binds the C++ entry point when the backend initialises.
    tf.registerKernel({ ...existing, kernelFunc: wrap(existing.kernelFunc) });
  }
}
