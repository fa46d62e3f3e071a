import { EngineError } from '../util/engine-error';

/**
 * Point-forecast accuracy on the test rows, all computed in the series' original units (undo any
 * scaling first). Definitions follow Hyndman & Koehler (2006), "Another look at measures of
 * forecast accuracy", International Journal of Forecasting 22(4).
 */
export interface ForecastMetrics {
  /** Root mean squared error, in the series' units. */
  rmse: number;
  /** Mean absolute error, in the series' units. */
  mae: number;
  /**
   * Mean absolute percentage error in percent (12.5 means 12.5 %). Terms whose actual value is 0
   * are skipped, because the percentage error is undefined there; null when every actual is 0.
   */
  mape: number | null;
  /**
   * Symmetric MAPE in percent, mean of 2|a − p| / (|a| + |p|), so within [0, 200]. A term with
   * a = p = 0 is a perfect forecast and counts as 0.
   */
  smape: number;
  /**
   * Mean absolute scaled error: MAE divided by `masScale`, the in-sample naive MAE on the training
   * part (see `naiveScale`). Below 1 beats the naive forecast in-sample. Null when the scale is 0
   * (a constant training series), where the ratio is undefined.
   */
  mase: number | null;
}

export interface MetricsOptions {
  /** In-sample naive MAE of the training part, from `naiveScale`; must be finite and ≥ 0. */
  masScale: number;
}

export function computeMetrics(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  options: MetricsOptions,
): ForecastMetrics {
  const n = actual.length;
  if (n === 0) {
    throw new EngineError(
      'INVALID_OPTIONS',
      'Cannot score an empty forecast: the test part has no rows.',
    );
  }
  if (predicted.length !== n) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `Forecast has ${predicted.length} values but there are ${n} actual values: they must match one to one.`,
    );
  }
  const { masScale } = options;
  if (!Number.isFinite(masScale) || masScale < 0) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `MASE scale must be a finite number ≥ 0 (got ${masScale}); compute it with naiveScale on the training values.`,
    );
  }

  let squaredSum = 0;
  let absoluteSum = 0;
  let percentSum = 0;
  let percentCount = 0;
  let symmetricSum = 0;
  for (let i = 0; i < n; i++) {
    const a = actual[i] as number;
    const p = predicted[i] as number;
    assertFinite(a, 'actual', i);
    assertFinite(p, 'predicted', i);
    const error = Math.abs(a - p);
    squaredSum += error * error;
    absoluteSum += error;
    if (a !== 0) {
      percentSum += error / Math.abs(a);
      percentCount++;
    }
    const denominator = Math.abs(a) + Math.abs(p);
    if (denominator > 0) symmetricSum += (2 * error) / denominator;
  }

  const mae = absoluteSum / n;
  return {
    rmse: Math.sqrt(squaredSum / n),
    mae,
    mape: percentCount === 0 ? null : (100 * percentSum) / percentCount,
    smape: (100 * symmetricSum) / n,
    mase: masScale === 0 ? null : mae / masScale,
  };
}

/**
 * The MASE denominator: mean |y[t] − y[t − season]| over the training values, i.e. the in-sample
 * MAE of the (seasonal) naive one-step forecast. Use season 1 for non-seasonal data; Hyndman &
 * Koehler (2006) use the seasonal period for seasonal data.
 */
export function naiveScale(trainValues: ArrayLike<number>, season = 1): number {
  if (!Number.isInteger(season) || season < 1) {
    throw new EngineError('INVALID_OPTIONS', `Season must be a whole number ≥ 1 (got ${season}).`);
  }
  const n = trainValues.length;
  if (n <= season) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `The naive scale with season ${season} needs more than ${season} training values (got ${n}): use a larger training part or a smaller season.`,
    );
  }
  let sum = 0;
  for (let t = season; t < n; t++) {
    const current = trainValues[t] as number;
    const lagged = trainValues[t - season] as number;
    assertFinite(current, 'training', t);
    assertFinite(lagged, 'training', t - season);
    sum += Math.abs(current - lagged);
  }
  return sum / (n - season);
}

function assertFinite(value: number, what: string, index: number): void {
  if (!Number.isFinite(value)) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `The ${what} value at position ${index} is ${value}: metrics need finite numbers (fill or drop missing values first).`,
    );
  }
}
