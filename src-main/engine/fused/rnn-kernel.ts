import { RNN_KERNEL_WASM_BASE64 } from './rnn-kernel-wasm';

/** A byte offset into the kernel's memory. */
type Ptr = number;

/** The parts of WebAssembly used here; the engine's TS lib (ES, no DOM) does not declare them. */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

/**
 * The exports of kernels/rnn-kernel.ts (AssemblyScript, compiled with SIMD). Pointers are byte
 * offsets into `memory`; see the kernel source for each function's shapes.
 */
export interface RnnKernelExports {
  memory: WasmMemory;
  heapBase(): Ptr;
  copyRows(rows: number, n: number, src: Ptr, lds: number, dst: Ptr, ldd: number): void;
  /** C (+)= A·B, Aᵀ·B, A·Bᵀ: (M, N, K, A, lda, B, ldb, C, ldc, accumulate). */
  gemmNN(...args: number[]): void;
  gemmTN(...args: number[]): void;
  gemmNT(...args: number[]): void;
  lstmForward(...args: number[]): void;
  lstmBackward(...args: number[]): void;
  gruForward(...args: number[]): void;
  gruBackward(...args: number[]): void;
  simpleForward(...args: number[]): void;
  simpleBackward(...args: number[]): void;
}

/**
 * One instance of the kernel with a bump allocator over its memory. Everything one training step
 * needs (inputs, weights, saved activations, gradients) is allocated after `reset()` at the start of
 * the step's forward pass and stays valid until the next reset, which is exactly the life of a
 * forward/backward pair. Memory grows to the largest step seen and is then reused: no per-step
 * allocation and nothing for a GC to find.
 */
export class RnnKernel {
  readonly exports: RnnKernelExports;
  /** Where `reset()` returns to: everything below it was kept with `keep()`. */
  private base: number;
  private top: number;
  /** Bumped by every reset, so a backward pass can tell its forward's buffers were reused. */
  generation = 0;

  private constructor(exports: RnnKernelExports) {
    this.exports = exports;
    this.base = align(exports.heapBase());
    this.top = this.base;
  }

  /** Instantiate the committed kernel module; throws when WebAssembly SIMD is unavailable. */
  static create(): RnnKernel {
    const bytes = Buffer.from(RNN_KERNEL_WASM_BASE64, 'base64');
    // Synchronous compile: allowed for any size in Node (browsers cap it on the main thread only).
    const wasm = Reflect.get(globalThis, 'WebAssembly') as WasmApi | undefined;
    if (wasm === undefined) throw new Error('WebAssembly is not available');
    const instance = new wasm.Instance(new wasm.Module(bytes), {
      env: {
        abort: () => {
          throw new Error('rnn kernel aborted');
        },
      },
    });
    return new RnnKernel(instance.exports as unknown as RnnKernelExports);
  }

  /** Keep everything allocated so far across resets (weights and optimizer state of a run). */
  keep(): void {
    this.base = this.top;
  }

  reset(): void {
    this.top = this.base;
    this.generation++;
  }

  /** Room for `floats` f32 values, 16-byte aligned for SIMD loads; grows memory as needed. */
  alloc(floats: number): Ptr {
    const ptr = this.top;
    this.top = align(ptr + floats * 4);
    const needed = this.top - this.exports.memory.buffer.byteLength;
    if (needed > 0) this.exports.memory.grow(Math.ceil(needed / 65536));
    return ptr;
  }

  /** Copy `values` into fresh kernel memory. */
  put(values: Float32Array): Ptr {
    const ptr = this.alloc(values.length);
    this.f32(ptr, values.length).set(values);
    return ptr;
  }

  /** A view of kernel memory; valid only until the next `alloc` (growth detaches old views). */
  f32(ptr: Ptr, length: number): Float32Array {
    return new Float32Array(this.exports.memory.buffer, ptr, length);
  }

  /** A copy out of kernel memory, safe to hand to tf.tensor (which may keep the array). */
  read(ptr: Ptr, length: number): Float32Array {
    return this.f32(ptr, length).slice();
  }
}

function align(n: number): number {
  return (n + 15) & ~15;
}
