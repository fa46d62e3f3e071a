import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend, type BackendName } from '../../../src-main/engine/backend/select-backend';
import { sparseSoftmaxCrossEntropy } from '../../../src-main/engine/language/sparse-cross-entropy';

/** TF.js's own dense version: softmax cross-entropy against one-hot labels, mean over tokens. */
function reference(targets: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  const vocab = logits.shape[2]!;
  const flat = tf.reshape(logits, [-1, vocab]);
  const labels = tf.oneHot(tf.reshape(targets, [-1]) as tf.Tensor1D, vocab);
  return tf.losses.softmaxCrossEntropy(labels, flat) as tf.Scalar;
}

describe.each<BackendName>(['cpu', 'wasm'])('sparse softmax cross-entropy on %s', (backend) => {
  beforeAll(async () => {
    await selectBackend(backend);
  });

  it('equals the one-hot loss and its gradient, and leaks nothing', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const logits = tf.mul(tf.randomNormal([3, 4, 11], 0, 1, 'float32', 7), 3);
      const targets = tf.tensor2d([0, 3, 10, 2, 5, 5, 1, 9, 4, 8, 7, 6], [3, 4], 'int32');
      const ours = sparseSoftmaxCrossEntropy(targets, logits).dataSync()[0]!;
      const theirs = reference(targets, logits).dataSync()[0]!;
      expect(ours).toBeCloseTo(theirs, 5);
      const gradOurs = tf.grad((x: tf.Tensor) => sparseSoftmaxCrossEntropy(targets, x))(logits);
      const gradTheirs = tf.grad((x: tf.Tensor) => reference(targets, x))(logits);
      expect(gradOurs.shape).toEqual([3, 4, 11]);
      const diff = tf.max(tf.abs(tf.sub(gradOurs, gradTheirs))).dataSync()[0]!;
      expect(diff).toBeLessThan(1e-6);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is ln(vocab) for uniform logits and stays finite for a ruled-out target', () => {
    tf.tidy(() => {
      const uniform = sparseSoftmaxCrossEntropy(
        tf.tensor2d([[2]], [1, 1], 'int32'),
        tf.zeros([1, 1, 50]),
      );
      expect(uniform.dataSync()[0]).toBeCloseTo(Math.log(50), 5);
      const extreme = tf.tensor3d([[[0, 500]]]);
      const loss = sparseSoftmaxCrossEntropy(tf.tensor2d([[0]], [1, 1], 'int32'), extreme);
      expect(Number.isFinite(loss.dataSync()[0])).toBe(true);
    });
  });
});
