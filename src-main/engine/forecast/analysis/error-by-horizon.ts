import type * as tf from '@tensorflow/tfjs';
import type { PreparedSeries } from '../../data/series/prepare-series';
import { predictRecursiveBatch } from '../predict-series';
import { horizonOrigins } from './horizon-origins';

export interface HorizonError {
  /** Steps ahead, 1-based. */
  step: number;
  mae: number;
  rmse: number;
  /** Origins averaged over. */
  origins: number;
  /** Persistence (every step = the last value before the origin) on the same origins. */
  persistenceMae: number;
  persistenceRmse: number;
}

/**
 * How the closed-loop forecast degrades with the steps ahead: from every origin in the test rows
 * (thinned to at most 400), forecast `horizon` steps feeding back its own predictions, and average
 * the error at each step against the actual values. One-step predictions can look perfect while
 * this curve climbs fast; it is the honest measure of a multi-step forecaster. Persistence from the
 * same origins is scored beside it, so each step has the naive number it has to beat.
 */
export function errorByHorizon(
  model: tf.LayersModel,
  prepared: PreparedSeries,
  horizon: number,
  range: { from: number; to: number } = { from: prepared.testRows[0]!, to: prepared.split.n },
): HorizonError[] {
  const origins = horizonOrigins(range.from, range.to, horizon);
  if (origins.length === 0) return [];
  const forecasts = predictRecursiveBatch(model, prepared, origins, horizon);
  const values = prepared.original;
  return Array.from({ length: horizon }, (_, h) => {
    let abs = 0;
    let sq = 0;
    let naiveAbs = 0;
    let naiveSq = 0;
    origins.forEach((origin, k) => {
      const actual = values[origin + h]!;
      const error = actual - forecasts[k * horizon + h]!;
      const naive = actual - values[origin - 1]!;
      abs += Math.abs(error);
      sq += error * error;
      naiveAbs += Math.abs(naive);
      naiveSq += naive * naive;
    });
    const m = origins.length;
    return {
      step: h + 1,
      mae: abs / m,
      rmse: Math.sqrt(sq / m),
      origins: m,
      persistenceMae: naiveAbs / m,
      persistenceRmse: Math.sqrt(naiveSq / m),
    };
  });
}
