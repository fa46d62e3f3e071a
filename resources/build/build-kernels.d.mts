/** Types of build-kernels.mjs for the test that checks the committed kernel is current. */
export const KERNEL_SOURCE: string;
export const KERNEL_MODULE: string;
/** The generated module text (base64 wasm) for the current kernel source. */
export function buildKernelModule(): Promise<string>;
