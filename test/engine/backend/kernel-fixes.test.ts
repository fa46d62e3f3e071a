import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend, type BackendName } from '../../../src-main/engine/backend/select-backend';
import { registerKernelFixes } from '../../../src-main/engine/backend/register-kernel-fixes';

/** Values of a tensor computed on the cpu backend with TF.js's own kernels, for reference. */
function seeded(shape: number[], seed: number): tf.Tensor {
  return tf.randomUniform(shape, -1, 1, 'float32', seed);
}

describe.each<BackendName>(['cpu', 'wasm'])('kernel fixes on %s', (backend) => {
  beforeAll(async () => {
    await selectBackend(backend);
  });

  it('registers idempotently', () => {
    registerKernelFixes();
    registerKernelFixes();
    expect(tf.getKernel('UnsortedSegmentSum', backend)).toBeDefined();
  });

  it('sums segments as TF does, dropping out-of-range ids', () => {
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]);
    const ids = tf.tensor1d([2, 0, 2, 5], 'int32');
    const out = tf.unsortedSegmentSum(x, ids, 3);
    expect(out.shape).toEqual([3, 2]);
    expect(Array.from(out.dataSync())).toEqual([3, 4, 0, 0, 6, 8]);
    tf.dispose([x, ids, out]);
  });

  it('trains an embedding: the gradient of gather reaches the looked-up rows only', () => {
    const table = tf.variable(tf.zeros([5, 3]));
    const ids = tf.tensor1d([1, 3, 1], 'int32');
    const { grads, value } = tf.variableGrads(
      () => tf.sum(tf.gather(table, ids)) as tf.Scalar,
      [table],
    );
    const grad = grads[table.name]!;
    expect(Array.from(grad.dataSync())).toEqual([0, 0, 0, 2, 2, 2, 0, 0, 0, 1, 1, 1, 0, 0, 0]);
    tf.dispose([table, ids, value, ...Object.values(grads)]);
  });

  it('gives transposed matrix products the same values as explicit transposes', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const a = seeded([7, 5], 1);
      const b = seeded([6, 5], 2);
      const c = seeded([7, 6], 3);
      const d = seeded([5, 7], 5);
      const cases: [tf.Tensor, tf.Tensor][] = [
        [tf.matMul(a, b, false, true), tf.matMul(a, tf.transpose(b))],
        [tf.matMul(a, c, true, false), tf.matMul(tf.transpose(a), c)],
        [tf.matMul(c, d, true, true), tf.matMul(tf.transpose(c), tf.transpose(d))],
        [
          tf.fused.matMul({ a, b, transposeB: true, bias: seeded([6], 4), activation: 'relu' }),
          tf.relu(tf.add(tf.matMul(a, tf.transpose(b)), seeded([6], 4))),
        ],
      ];
      for (const [got, want] of cases) {
        expect(got.shape).toEqual(want.shape);
        const diff = tf.max(tf.abs(tf.sub(got, want))).dataSync()[0]!;
        expect(diff).toBeLessThan(1e-5);
      }
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('slices, unstacks and splits like the reference implementation', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const values = Array.from({ length: 2 * 3 * 4 }, (_, i) => i);
      const x = tf.tensor3d(values, [2, 3, 4]);
      const at = (i: number, j: number, k: number): number => i * 12 + j * 4 + k;
      expect(Array.from(tf.slice(x, [1, 1, 1], [1, 2, 2]).dataSync())).toEqual([
        at(1, 1, 1),
        at(1, 1, 2),
        at(1, 2, 1),
        at(1, 2, 2),
      ]);
      expect(Array.from(tf.slice(x, [1, 0, 0], [1, -1, -1]).dataSync())).toEqual(values.slice(12));
      const steps = tf.unstack(x, 1);
      expect(steps).toHaveLength(3);
      expect(steps[2]!.shape).toEqual([2, 4]);
      expect(Array.from(steps[2]!.dataSync())).toEqual([8, 9, 10, 11, 20, 21, 22, 23]);
      const [a, b] = tf.split(x, [1, 3], 2);
      expect(a!.shape).toEqual([2, 3, 1]);
      expect(Array.from(a!.dataSync())).toEqual([0, 4, 8, 12, 16, 20]);
      expect(Array.from(b!.dataSync()).slice(0, 3)).toEqual([1, 2, 3]);
      const ints = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3], 'int32');
      expect(Array.from(tf.slice(ints, [0, 1], [2, 2]).dataSync())).toEqual([2, 3, 5, 6]);
      expect(tf.slice(x, [0, 0, 0], [0, 3, 4]).size).toBe(0);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
