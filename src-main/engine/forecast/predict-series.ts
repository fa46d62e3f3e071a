import * as tf from '@tensorflow/tfjs';
import type { PreparedSeries } from '../data/series/prepare-series';
import { scaleValue, unscaleValue } from '../data/series/scaler';
import { inputOf, invertTransform } from '../data/series/target-transform';
import { predictRows } from './series-batch-source';

/**
 * One-step ("open loop") predictions in original units: each row t is predicted from the actual
 * lookback rows before it, which may lie in the training part.
 */
export function predictOneStep(
  model: tf.LayersModel,
  prepared: PreparedSeries,
  rows: Int32Array,
): Float64Array {
  const z = predictRows(model, prepared, rows);
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const t = rows[i]!;
    const transformed = unscaleValue(prepared.targetScaler, z[i]!);
    out[i] = invertTransform(transformed, prepared.original[t - 1]!, prepared.transform);
  }
  return out;
}

/**
 * Recursive ("closed loop") forecast of `horizon` rows starting at row `origin` (≤ n): the model's
 * own predictions are fed back as the target channel, never the truth. Feature columns cannot be
 * known past the data, so they are held at their last observed value (stated in every report).
 */
export function predictRecursive(
  model: tf.LayersModel,
  prepared: PreparedSeries,
  origin: number,
  horizon: number,
): Float64Array {
  const { lookback, featureCount, inputs } = prepared;
  const window = inputs.slice((origin - lookback) * featureCount, origin * featureCount);
  const lastFeatures = inputs.slice((origin - 1) * featureCount + 1, origin * featureCount);
  const out = new Float64Array(horizon);
  let previousLevel = prepared.original[origin - 1]!;
  for (let h = 0; h < horizon; h++) {
    const z = tf.tidy(() => {
      const xs = tf.tensor3d(window, [1, lookback, featureCount]);
      return (model.predict(xs) as tf.Tensor).dataSync()[0]!;
    });
    const level = invertTransform(
      unscaleValue(prepared.targetScaler, z),
      previousLevel,
      prepared.transform,
    );
    out[h] = level;
    // Slide the window one row: drop the oldest, append [predicted target, held features].
    window.copyWithin(0, featureCount);
    const row = (lookback - 1) * featureCount;
    window[row] = scaleValue(
      prepared.inputScaler,
      inputOf(level, previousLevel, prepared.transform),
    );
    window.set(lastFeatures, row + 1);
    previousLevel = level;
  }
  return out;
}
