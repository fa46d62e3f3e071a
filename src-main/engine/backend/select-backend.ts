import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { EngineError } from '../util/engine-error';
import { registerKernelFixes } from './register-kernel-fixes';

/**
 * Backend choice: native TensorFlow (`@tensorflow/tfjs-node`) where it loads, else WebAssembly
 * (SIMD; threads are unavailable in Node), else plain JS `cpu`. The chosen name, its version and,
 * when we fell back, the reason, travel with every result so a user always knows what ran.
 */
export const BACKEND_NAMES = ['tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export type BackendChoice = BackendName | 'auto';

export interface BackendInfo {
  name: BackendName;
  /** e.g. "tfjs 4.22.0 (wasm, simd)" or "tfjs-node 4.22.0". */
  version: string;
  /** Why a preferred backend was not used (auto mode), null when the first choice loaded. */
  fallbackReason: string | null;
}

// Computed so bundlers leave it alone: tfjs-node is an optional dependency whose install script
// downloads libtensorflow, which fails on offline machines (see DESIGN.md).
const TFJS_NODE_MODULE = ['@tensorflow', 'tfjs-node'].join('/');

/** The tfjs-node version when it loads; otherwise why it did not (shown to the user). */
function tryLoadNative(): { version: string } | { error: string } {
  try {
    const require = createRequire(import.meta.url);
    const native = require(TFJS_NODE_MODULE) as { version?: Record<string, string> };
    return { version: native.version?.['tfjs-node'] ?? tf.version.tfjs };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { error: message ?? 'unknown error' };
  }
}

async function activate(name: BackendName): Promise<boolean> {
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

async function describe(name: BackendName, fallbackReason: string | null): Promise<BackendInfo> {
  await tf.ready();
  let version = `tfjs ${tf.version.tfjs}`;
  if (name === 'tensorflow') {
    const native = tryLoadNative();
    version = `tfjs-node ${'version' in native ? native.version : tf.version.tfjs}`;
  } else if (name === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    version += simd ? ' (wasm, simd)' : ' (wasm)';
  }
  return { name, version, fallbackReason };
}

/** Load and activate a backend. Forcing one that cannot load is an error, never a silent swap. */
export async function selectBackend(choice: BackendChoice = 'auto'): Promise<BackendInfo> {
  // The cpu backend otherwise prints a "install tfjs-node" banner on stdout-adjacent stderr and
  // warnings on every model build; results carry the backend name instead.
  tf.enableProdMode();
  registerKernelFixes();
  if (choice !== 'auto') {
    const native = choice === 'tensorflow' ? tryLoadNative() : null;
    if (native !== null && 'error' in native) {
      throw new EngineError(
        'BACKEND',
        `native TensorFlow (@tensorflow/tfjs-node) did not load (${native.error}); use the wasm or cpu backend`,
      );
    }
    if (!(await activate(choice))) {
      throw new EngineError(
        'BACKEND',
        `the ${choice} backend failed to initialise on this machine`,
      );
    }
    return describe(choice, null);
  }
  const reasons: string[] = [];
  const native = tryLoadNative();
  if ('version' in native && (await activate('tensorflow'))) return describe('tensorflow', null);
  reasons.push(
    'error' in native
      ? `native TensorFlow did not load (${native.error})`
      : 'native TensorFlow failed to initialise',
  );
  if (await activate('wasm')) return describe('wasm', reasons.join('; '));
  reasons.push('the wasm backend failed to initialise');
  if (await activate('cpu')) return describe('cpu', reasons.join('; '));
  throw new EngineError('BACKEND', 'no TensorFlow.js backend could be initialised');
}
