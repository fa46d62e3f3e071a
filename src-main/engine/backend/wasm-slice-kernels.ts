import * as tf from '@tensorflow/tfjs';

/**
 * Slice, Unpack and SplitV for the wasm backend, reading the input in place.
 *
 * Why: tfjs-backend-wasm's Slice kernel starts with `backend.readSync(x.dataId)`, which COPIES the
 * whole input out of the wasm heap (`HEAPU8.slice`) before taking the slice
 * (tfjs-backend-wasm src/kernels/Slice.ts), and Unpack and SplitV call it once per output. A
 * recurrent layer unstacks its `[steps, batch, features]` input into `steps` slices every forward
 * pass, so each pass copied the input `steps` times: quadratic in the sequence length, and a fifth
 * of a language-model training step at 35 steps. These versions copy only the slice, from a view of
 * the heap. Same outputs; string tensors still go to the original kernels.
 */
const PATCHED = Symbol.for('rnn-studio.in-place-slice');

interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** Copy the block `begin … begin + size` of x into a new output tensor. */
function sliceInPlace(
  backend: WasmBackend,
  x: tf.TensorInfo,
  begin: number[],
  size: number[],
): tf.TensorInfo {
  // Allocate first: allocation may grow the heap, which detaches earlier views.
  const out = backend.makeOutput(size, x.dtype);
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);
  const rank = x.shape.length;
  const strides = tf.util.computeStrides(x.shape);
  if (tf.slice_util.isSliceContinous(x.shape, begin, size)) {
    const offset = tf.slice_util.computeFlatOffset(begin, strides);
    dst.set(src.subarray(offset, offset + dst.length));
    return out;
  }
  // Copy innermost rows, walking the outer indices like an odometer.
  const row = size[rank - 1] ?? 1;
  const index = new Array<number>(Math.max(rank - 1, 0)).fill(0);
  for (let written = 0; written < dst.length; written += row) {
    let offset = begin[rank - 1] ?? 0;
    for (let d = 0; d < rank - 1; d++) offset += (begin[d]! + index[d]!) * strides[d]!;
    dst.set(src.subarray(offset, offset + row), written);
    for (let d = rank - 2; d >= 0; d--) {
      if (++index[d]! < size[d]!) break;
      index[d] = 0;
    }
  }
  return out;
}

function slice(args: KernelArgs): tf.TensorInfo {
  const x = args.inputs['x']!;
  const [begin, size] = tf.slice_util.parseSliceParams(
    x,
    args.attrs?.['begin'] as number[],
    args.attrs?.['size'] as number[],
  );
  return sliceInPlace(args.backend as WasmBackend, x, begin!, size!);
}

function unpack(args: KernelArgs): tf.TensorInfo[] {
  const value = args.inputs['value']!;
  const rank = value.shape.length;
  let axis = args.attrs?.['axis'] as number;
  if (axis < 0) axis += rank;
  const outShape = value.shape.filter((_, i) => i !== axis);
  const begin = new Array<number>(rank).fill(0);
  const size = value.shape.slice();
  size[axis] = 1;
  return Array.from({ length: value.shape[axis]! }, (_, i) => {
    begin[axis] = i;
    const out = sliceInPlace(args.backend as WasmBackend, value, begin, size);
    return { ...out, shape: outShape };
  });
}

function splitV(args: KernelArgs): tf.TensorInfo[] {
  const x = args.inputs['x']!;
  const axis = tf.util.parseAxisParam(args.attrs?.['axis'] as number, x.shape)[0]!;
  const sizes = tf.backend_util.prepareSplitSize(
    x as tf.Tensor,
    args.attrs?.['numOrSizeSplits'] as number[] | number,
    axis,
  );
  const begin = new Array<number>(x.shape.length).fill(0);
  return sizes.map((s) => {
    const size = x.shape.slice();
    size[axis] = s;
    const out = sliceInPlace(args.backend as WasmBackend, x, begin, size);
    begin[axis]! += s;
    return out;
  });
}

const REPLACEMENTS: Record<string, (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[]> = {
  Slice: slice,
  Unpack: unpack,
  SplitV: splitV,
};

/** Replace the wasm kernels (idempotent). Called by `registerKernelFixes`. */
export function registerWasmSliceKernels(): void {
  for (const [kernelName, replacement] of Object.entries(REPLACEMENTS)) {
    const existing = tf.getKernel(kernelName, 'wasm');
    if (existing === undefined || Reflect.get(existing.kernelFunc, PATCHED) === true) continue;
    const original = existing.kernelFunc;
    const kernelFunc: tf.KernelFunc = (args) => {
      const input = Object.values(args.inputs)[0];
      return input?.dtype === 'string' ? original(args) : replacement(args);
    };
    Reflect.set(kernelFunc, PATCHED, true);
    tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ ...existing, kernelFunc });
  }
}
