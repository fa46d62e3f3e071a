import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { expect } from 'vitest';
import { TUTORIAL_SINE_SPEC } from '../../../src-main/engine/model/model-spec';
import type { ModelSpec } from '../../../src-main/engine/model/model-spec';
import type { EngineErrorCode } from '../../../src-main/engine/util/engine-error';

/** The backends every model test runs on (tfjs-node is optional and absent here). */
export const BACKENDS = ['cpu', 'wasm'] as const;

export async function useBackend(name: (typeof BACKENDS)[number]): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok || tf.getBackend() !== name) throw new Error(`backend ${name} did not start`);
}

/** The tutorial spec with small overrides: units, cell, dropout, ... */
export function specWith(overrides: Partial<ModelSpec> = {}): ModelSpec {
  return { ...TUTORIAL_SINE_SPEC, ...overrides };
}

/** Every weight's values by stable name, copied out of the backend. */
export function weightValues(model: tf.LayersModel): Map<string, Float32Array> {
  return new Map(
    model.weights.map((variable) => [
      variable.originalName,
      variable.read().dataSync() as Float32Array,
    ]),
  );
}

export async function expectEngineError(
  action: Promise<unknown> | (() => unknown),
  code: EngineErrorCode,
  fragment: string,
): Promise<void> {
  const expected = { name: 'EngineError', code, message: expect.stringContaining(fragment) };
  if (typeof action === 'function') {
    expect(action).toThrow(expect.objectContaining(expected));
  } else {
    await expect(action).rejects.toMatchObject(expected);
  }
}
