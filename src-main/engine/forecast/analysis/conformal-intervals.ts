import type * as tf from '@tensorflow/tfjs';
import type { PreparedSeries } from '../../data/series/prepare-series';
import { EngineError } from '../../util/engine-error';
import { predictRecursiveBatch } from '../predict-series';
import { horizonOrigins } from './horizon-origins';

/**
 * Prediction intervals by split conformal prediction on the validation rows (Vovk et al. 2005;
 * Lei et al. 2018): the absolute errors of closed-loop forecasts made from validation origins give,
 * for each step ahead h, the half-width q_h = the ⌈(m + 1)(1 − α)⌉-th smallest of those m errors.
 *
 * Why this and not Monte Carlo dropout or a residual bootstrap: it needs no dropout in the model
 * (the tutorial's has none), no retraining and no resampling of the network, it is calibrated on
 * rows the model did not train on, and under exchangeable errors its coverage is guaranteed to be
 * at least 1 − α. Time series are not exchangeable, so the empirical coverage on the test rows is
 * always reported beside the nominal one.
 */
export interface ConformalIntervals {
  /** Nominal coverage 1 − α, e.g. 0.9. */
  level: number;
  /** Half-width per step ahead (index 0 = one step), original units. */
  halfWidths: number[];
  /** Validation origins the widths were calibrated on. */
  calibrationOrigins: number;
  /** Where the calibration errors came from. */
  calibratedOn: 'validation' | 'training tail';
  /**
   * The coverage the widths promise under exchangeable errors: `level`, or less where too few
   * origins were there for its quantile and the largest error stands in (see conformalHalfWidth).
   */
  guaranteedLevel: number;
  /** Says so in a sentence when `guaranteedLevel` < `level`, else null. */
  note: string | null;
}

/**
 * The conformal half-width for one step ahead: the quantile where m errors allow it; with too few
 * (⌈(m + 1)·level⌉ > m, e.g. m < 9 for 90 %) the largest error, whose coverage under exchangeable
 * errors is m / (m + 1), instead of an infinite band. The level it does promise comes with it.
 */
export function conformalHalfWidth(
  errors: ArrayLike<number>,
  level: number,
): { halfWidth: number; level: number } {
  const q = conformalQuantile(errors, level);
  if (Number.isFinite(q)) return { halfWidth: q, level };
  const m = errors.length;
  let largest = 0;
  for (let i = 0; i < m; i++) largest = Math.max(largest, errors[i]!);
  return { halfWidth: largest, level: m / (m + 1) };
}

/** The ⌈(m + 1)(1 − α)⌉-th smallest value (the conformal quantile); Infinity when m is too small. */
export function conformalQuantile(errors: ArrayLike<number>, level: number): number {
  const sorted = Float64Array.from(errors).sort();
  const rank = Math.ceil((sorted.length + 1) * level);
  return rank > sorted.length ? Number.POSITIVE_INFINITY : sorted[rank - 1]!;
}

export function fitConformalIntervals(
  model: tf.LayersModel,
  prepared: PreparedSeries,
  horizon: number,
  level = 0.9,
): ConformalIntervals {
  if (!(level > 0 && level < 1)) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `interval level must be between 0 and 1 (got ${level})`,
    );
  }
  const { valStart, testStart } = prepared.split;
  // Without validation rows, the last fifth of the training rows stands in (noted in the result).
  const useValidation = testStart - valStart >= horizon + 10;
  const from = useValidation
    ? valStart
    : Math.max(prepared.firstRow, valStart - Math.ceil((valStart - prepared.firstRow) / 5));
  const to = useValidation ? testStart : valStart;
  const origins = horizonOrigins(from, to, horizon, 2000);
  if (origins.length === 0) {
    throw new EngineError(
      'DATA_TOO_SHORT',
      'too few rows to calibrate prediction intervals; use more data or a shorter horizon',
    );
  }
  const forecasts = predictRecursiveBatch(model, prepared, origins, horizon);
  const widths = Array.from({ length: horizon }, (_, h) =>
    conformalHalfWidth(
      Array.from(origins, (origin, k) =>
        Math.abs(prepared.original[origin + h]! - forecasts[k * horizon + h]!),
      ),
      level,
    ),
  );
  const guaranteedLevel = Math.min(...widths.map((w) => w.level));
  // The fewest origins whose conformal rank ⌈(m + 1)·level⌉ is at most m (9 for 90 %).
  let needed = 1;
  while (Math.ceil((needed + 1) * level - 1e-9) > needed) needed++;
  return {
    level,
    halfWidths: widths.map((w) => w.halfWidth),
    calibrationOrigins: origins.length,
    calibratedOn: useValidation ? 'validation' : 'training tail',
    guaranteedLevel,
    note:
      guaranteedLevel < level
        ? `Only ${origins.length} calibration origins: a ${formatLevel(level)} interval needs ${needed}, so the band is the largest calibration error at each step, which holds ${formatLevel(guaranteedLevel)} of the time under exchangeable errors.`
        : null,
  };
}

/** Share of actual values inside [predicted − w, predicted + w]. */
export function empiricalCoverage(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  halfWidth: number,
): number {
  let inside = 0;
  for (let i = 0; i < actual.length; i++) {
    if (Math.abs(actual[i]! - predicted[i]!) <= halfWidth) inside++;
  }
  return actual.length === 0 ? Number.NaN : inside / actual.length;
}

function formatLevel(level: number): string {
  return `${Math.round(level * 1000) / 10} %`;
}
