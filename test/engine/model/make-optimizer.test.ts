import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipByGlobalNorm, makeOptimizer } from '../../../src-main/engine/model/make-optimizer';
import { OPTIMIZERS } from '../../../src-main/engine/model/model-spec';
import { BACKENDS, expectEngineError, specWith, useBackend } from './model-test-kit';

describe('makeOptimizer', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  const classes = {
    sgd: 'SGD',
    adagrad: 'Adagrad',
    adam: 'Adam',
    rmsprop: 'RMSProp',
  } as const;

  it.each(OPTIMIZERS)('%s at the spec learning rate', (name) => {
    const optimizer = makeOptimizer(specWith({ optimizer: name, learningRate: 0.05 }));
    expect(optimizer.getClassName()).toBe(classes[name]);
    expect(optimizer.getConfig()['learningRate']).toBe(0.05);
    optimizer.dispose();
  });

  it('takes one plain SGD step by hand: w ← w − lr · g', async () => {
    const w = tf.variable(tf.tensor1d([1, -2]));
    const optimizer = makeOptimizer(specWith({ optimizer: 'sgd', learningRate: 0.5 }));
    const grad = tf.tensor1d([2, 4]);
    optimizer.applyGradients({ [w.name]: grad });
    expect(Array.from(await w.data())).toEqual([0, -4]);
    tf.dispose([w, grad]);
    optimizer.dispose();
  });

  it('rejects a learning rate that is not positive', async () => {
    await expectEngineError(
      () => makeOptimizer({ optimizer: 'adam', learningRate: 0 }),
      'INVALID_SPEC',
      'learning rate',
    );
  });
});

describe.each(BACKENDS)('clipByGlobalNorm on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  async function clipped(clipNorm: number): Promise<{ a: number[]; b: number[] }> {
    // Global norm of {a: [3, 4], b: [[12]]} is √(9 + 16 + 144) = 13.
    const grads = { a: tf.tensor1d([3, 4]), b: tf.tensor2d([[12]]) };
    const before = tf.memory().numTensors;
    const out = clipByGlobalNorm(grads, clipNorm);
    // Exactly one new tensor per gradient: the intermediates were tidied away.
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(out['b']!.shape).toEqual([1, 1]);
    const values = {
      a: Array.from(await out['a']!.data()),
      b: Array.from(await out['b']!.data()),
    };
    // The caller's gradients are left alone.
    expect(Array.from(await grads.a.data())).toEqual([3, 4]);
    tf.dispose([grads.a, grads.b, out['a']!, out['b']!]);
    return values;
  }

  it('scales all gradients together by clipNorm / globalNorm when above the limit', async () => {
    const values = await clipped(6.5);
    expect(values.a[0]).toBeCloseTo(1.5, 6);
    expect(values.a[1]).toBeCloseTo(2, 6);
    expect(values.b[0]).toBeCloseTo(6, 6);
  });

  it('leaves gradients within the limit unchanged', async () => {
    expect(await clipped(13)).toEqual({ a: [3, 4], b: [12] });
    expect(await clipped(100)).toEqual({ a: [3, 4], b: [12] });
  });

  it('handles all-zero and empty gradient maps', async () => {
    const zero = { w: tf.zeros([3]) };
    const out = clipByGlobalNorm(zero, 1);
    expect(Array.from(await out['w']!.data())).toEqual([0, 0, 0]);
    tf.dispose([zero.w, out['w']!]);
    expect(clipByGlobalNorm({}, 1)).toEqual({});
    await expectEngineError(() => clipByGlobalNorm({}, 0), 'INVALID_SPEC', 'clip norm');
  });
});
