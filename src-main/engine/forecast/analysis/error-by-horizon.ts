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
}

/**
 * How the closed-loop forecast degrades with the steps ahead: from every origin in the test rows
 * (thinned to at most 400), forecast `horizon` steps feeding back its own predictions, and average
 * the error at each step against the actual values. One-step predictions can look perfect while
 * this curve climbs fast; it is the honest measure of a multi-step forecaster.
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
  return Array.from({ length: horizon }, (_, h) => {
    let abs = 0;
    let sq = 0;
    origins.forEach((origin, k) => {
      const error = prepared.original[origin + h]! - forecasts[k * horizon + h]!;
      abs += Math.abs(error);
      sq += error * error;
    });
    return {
      step: h + 1,
      mae: abs / origins.length,
      rmse: Math.sqrt(sq / origins.length),
      origins: origins.length,
    };
  });
}
