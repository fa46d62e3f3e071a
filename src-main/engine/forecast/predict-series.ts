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
    const base = prepared.arima
      ? prepared.arima.oneStep[t]!
      : prepared.original[t - prepared.baseLag]!;
    out[i] = invertTransform(transformed, base, prepared.transform);
  }
  return out;
}

/**
 * Recursive ("closed loop") forecasts of `horizon` rows from each of several origins at once
 * (origin ≤ n; rows origin, origin + 1, …): the model's own predictions are fed back as the target
 * channel, never the truth. Feature columns are not known ahead in a real forecast, so they are
 * held at their last observed value before the origin (stated in every report). All origins run
 * as one batch per step: H model calls in all, not H per origin.
 * Returns `[origins, horizon]` row-major, in original units.
 */
export function predictRecursiveBatch(
  model: tf.LayersModel,
  prepared: PreparedSeries,
  origins: ArrayLike<number>,
  horizon: number,
): Float64Array {
  const { lookback, featureCount: f, inputs } = prepared;
  const count = origins.length;
  const stride = lookback * f;
  const windows = new Float32Array(count * stride);
  const previous = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const origin = origins[k]!;
    windows.set(inputs.subarray((origin - lookback) * f, origin * f), k * stride);
    previous[k] = prepared.original[origin - 1]!;
  }
  const out = new Float64Array(count * horizon);
  const lag = prepared.baseLag;
  const { arima } = prepared;
  // The `arima` base of each step along each origin's own path (its residuals there are the
  // network's corrections).
  const arimaBases = arima ? new Float64Array(count * horizon) : null;
  // y[row − lag]: actual before the origin, this origin's own prediction from it on; or the
  // ARIMA forecast of the row from that path.
  const baseLevel = (k: number, h: number): number => {
    if (arima && arimaBases) {
      const path = out.subarray(k * horizon, k * horizon + h);
      const base = arima.next(origins[k]!, path, arimaBases.subarray(k * horizon, k * horizon + h));
      arimaBases[k * horizon + h] = base;
      return base;
    }
    return h - lag < 0 ? prepared.original[origins[k]! + h - lag]! : out[k * horizon + h - lag]!;
  };
  for (let h = 0; h < horizon; h++) {
    const z = tf.tidy(() =>
      (model.predict(tf.tensor3d(windows, [count, lookback, f])) as tf.Tensor).dataSync(),
    );
    for (let k = 0; k < count; k++) {
      const level = invertTransform(
        unscaleValue(prepared.targetScaler, z[k]!),
        baseLevel(k, h),
        prepared.transform,
      );
      out[k * horizon + h] = level;
      // Slide the window one row: drop the oldest, append [predicted target, held features].
      const window = windows.subarray(k * stride, (k + 1) * stride);
      const held = window.slice((lookback - 1) * f + 1, lookback * f);
      window.copyWithin(0, f);
      const row = (lookback - 1) * f;
      window[row] = scaleValue(
        prepared.inputScaler,
        inputOf(level, previous[k]!, prepared.transform),
      );
      window.set(held, row + 1);
      previous[k] = level;
    }
  }
  return out;
}

/** One closed-loop forecast of `horizon` rows from `origin` (see predictRecursiveBatch). */
export function predictRecursive(
  model: tf.LayersModel,
  prepared: PreparedSeries,
  origin: number,
  horizon: number,
): Float64Array {
  return predictRecursiveBatch(model, prepared, [origin], horizon);
}
