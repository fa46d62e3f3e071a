import * as tf from '@tensorflow/tfjs';

/**
 * `UnsortedSegmentSum` for the wasm and cpu backends, in plain JavaScript.
 *
 * Why: the gradient of `tf.gather` (and so of every Embedding layer) is an unsorted segment sum.
 * The wasm backend has no such kernel at all, so a language model cannot train on it ("Kernel
 * 'UnsortedSegmentSum' not registered for backend 'wasm'", tensorflow/tfjs issue 8082), and the
 * cpu backend's kernel loops over every segment with a full-size mask (tfjs-backend-cpu
 * src/kernels/UnsortedSegmentSum.ts): O(vocabulary × tokens × width) work per training step, hours
 * for a 10 000-word vocabulary. This kernel is one pass, O(tokens × width).
 *
 * Semantics are TF's: `x` `[n, ...inner]`, `segmentIds` int32 `[n]` (or the leading dims of `x`),
 * output `[numSegments, ...inner]` with output[s] = Σ x[i] over i with segmentIds[i] = s; ids
 * outside [0, numSegments) are dropped, as in TF.
 */
const KERNEL = 'UnsortedSegmentSum';
const PATCHED_BACKENDS = ['wasm', 'cpu'] as const;

interface SegmentSumInputs {
  x: tf.TensorInfo;
  segmentIds: tf.TensorInfo;
}

interface KernelBackendIO {
  readSync(dataId: object): ArrayLike<number>;
  write(values: Float32Array, shape: number[], dtype: 'float32'): object;
}

function segmentSum(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const { x, segmentIds } = args.inputs as unknown as SegmentSumInputs;
  const numSegments = Number(args.attrs?.['numSegments']);
  const backend = args.backend as KernelBackendIO;
  const idRank = segmentIds.shape.length;
  const count = segmentIds.shape.reduce((a, b) => a * b, 1);
  const inner = x.shape.slice(idRank).reduce((a, b) => a * b, 1);
  const values = backend.readSync(x.dataId);
  const ids = backend.readSync(segmentIds.dataId);
  const out = new Float32Array(numSegments * inner);
  for (let i = 0; i < count; i++) {
    const segment = ids[i]!;
    if (segment < 0 || segment >= numSegments) continue;
    const from = i * inner;
    const to = segment * inner;
    for (let j = 0; j < inner; j++) out[to + j]! += values[from + j]!;
  }
  const shape = [numSegments, ...x.shape.slice(idRank)];
  return { dataId: backend.write(out, shape, 'float32'), shape, dtype: 'float32' };
}

/**
 * Register the kernel for wasm and cpu (idempotent; replaces the slow cpu one). Called by
 * `selectBackend` and before language-model training, so any caller that trains embeddings has it.
 */
export function registerSegmentSumKernel(): void {
  for (const backendName of PATCHED_BACKENDS) {
    const existing = tf.getKernel(KERNEL, backendName);
    if (existing?.kernelFunc === segmentSum) continue;
    if (existing !== undefined) tf.unregisterKernel(KERNEL, backendName);
    tf.registerKernel({ kernelName: KERNEL, backendName, kernelFunc: segmentSum });
  }
}
