import * as tf from '@tensorflow/tfjs';
import type { BatchSource } from '../train/train-loop';
import { fillWindowBatch, windowBatches, type WindowSource } from '../data/series/window-batches';

/** Window tensors: x `[size, lookback, features]`, y `[size, 1]`. */
export function windowTensors(
  source: WindowSource,
  rows: ArrayLike<number>,
  from: number,
  size: number,
): { xs: tf.Tensor3D; ys: tf.Tensor2D } {
  const batch = fillWindowBatch(source, rows, from, size);
  return {
    xs: tf.tensor3d(batch.x, [size, source.lookback, source.featureCount]),
    ys: tf.tensor2d(batch.y, [size, 1]),
  };
}

/** Adapts a windowed series to the training loop: examples are the windows ending at `trainRows`. */
export function seriesBatchSource(
  source: WindowSource,
  trainRows: Int32Array,
  valRows: Int32Array,
  valBatchSize = 512,
): BatchSource {
  return {
    trainCount: trainRows.length,
    trainBatch(indices) {
      const rows = Int32Array.from(indices, (i) => trainRows[i]!);
      return windowTensors(source, rows, 0, rows.length);
    },
    *valBatches() {
      for (const batch of windowBatches(source, valRows, valBatchSize)) {
        yield {
          xs: tf.tensor3d(batch.x, [batch.size, source.lookback, source.featureCount]),
          ys: tf.tensor2d(batch.y, [batch.size, 1]),
          size: batch.size,
        };
      }
    },
  };
}

/** Model-space one-step predictions for `rows`, batch by batch. */
export function predictRows(
  model: tf.LayersModel,
  source: WindowSource,
  rows: Int32Array,
  batchSize = 512,
): Float32Array {
  const out = new Float32Array(rows.length);
  let offset = 0;
  for (const batch of windowBatches(source, rows, batchSize)) {
    const values = tf.tidy(() => {
      const xs = tf.tensor3d(batch.x, [batch.size, source.lookback, source.featureCount]);
      return (model.predict(xs) as tf.Tensor).dataSync();
    });
    out.set(values, offset);
    offset += batch.size;
  }
  return out;
}
