import type { TimeSeries } from '../../data/time-series';
import { rowRange } from '../../data/series/window-batches';
import type { ModelSpec } from '../../model/model-spec';
import { disposeModel } from '../../model/dispose-model';
import { EngineError } from '../../util/engine-error';
import { computeMetrics, naiveScale, type ForecastMetrics } from '../metrics';
import { persistenceForecast } from '../baselines';
import { predictOneStep } from '../predict-series';
import {
  trainForecaster,
  type ForecastDataOptions,
  type TrainedForecaster,
  type TrainHooks,
} from '../train-forecaster';

export interface BacktestOptions {
  folds: number;
  /** Retrain a fresh model on all rows before each fold (slower, truer); else train once. */
  retrain: boolean;
  /** The share of rows, from the end, that the folds cover (default 0.2, the usual test part). */
  testFraction?: number;
}

export interface BacktestFold {
  fold: number;
  /** Training used rows [0, trainEnd) (validation rows for early stopping inside that range). */
  trainEnd: number;
  testStart: number;
  testEnd: number;
  metrics: ForecastMetrics;
  persistence: ForecastMetrics;
}

export interface BacktestResult {
  folds: BacktestFold[];
  retrain: boolean;
  /** Over all fold rows together. */
  overall: { metrics: ForecastMetrics; persistence: ForecastMetrics } | null;
  cancelled: boolean;
}

/** Consecutive fold blocks covering [start, n): each starts where the previous ended. */
export function foldBounds(
  n: number,
  folds: number,
  testFraction = 0.2,
): { testStart: number; testEnd: number }[] {
  if (!Number.isInteger(folds) || folds < 1) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `backtest needs a whole number of folds ≥ 1 (got ${folds})`,
    );
  }
  const start = Math.floor((1 - testFraction) * n);
  const size = Math.ceil((n - start) / folds);
  if (size < 1)
    throw new EngineError('DATA_TOO_SHORT', `${n} rows are too few for ${folds} backtest folds`);
  return Array.from({ length: folds }, (_, k) => ({
    testStart: start + k * size,
    testEnd: Math.min(n, start + (k + 1) * size),
  })).filter((f) => f.testEnd > f.testStart);
}

/**
 * Rolling-origin evaluation: for fold k the model is trained only on rows before the fold's first
 * row (scaler fitted there too) and predicts the fold's rows one step ahead from actual lookback
 * windows. No fold ever trains on its own or later rows.
 */
export async function backtestForecaster(
  series: TimeSeries,
  spec: ModelSpec,
  data: ForecastDataOptions,
  options: BacktestOptions,
  hooks: TrainHooks & { onFold?: (fold: number, folds: number) => void } = {},
): Promise<BacktestResult> {
  const n = series.target.values.length;
  const bounds = foldBounds(n, options.folds, options.testFraction);
  const values = series.target.values;
  const folds: BacktestFold[] = [];
  const all = { actual: [] as number[], predicted: [] as number[], persistence: [] as number[] };
  let shared: TrainedForecaster | null = null;
  let cancelled = false;
  try {
    for (const [k, bound] of bounds.entries()) {
      if (hooks.isCancelled?.()) {
        cancelled = true;
        break;
      }
      hooks.onFold?.(k + 1, bounds.length);
      const dataForFold = { ...data, split: { ...data.split, testStart: bound.testStart } };
      let trained: TrainedForecaster | null = shared;
      if (trained === null || options.retrain) {
        if (trained !== null) disposeModel(trained.model);
        trained = await trainForecaster(series, spec, dataForFold, hooks);
        shared = trained;
        // A model stopped mid-training would score a fold it was never fit for: report only the
        // folds that finished.
        if (trained.outcome.status === 'cancelled') {
          cancelled = true;
          break;
        }
      }
      // Without retraining, the first fold's model and scaler serve every fold: its prepared
      // inputs cover all rows, and it has only seen rows before the first fold.
      const prepared = trained.prepared;
      const rows = rowRange(Math.max(bound.testStart, prepared.firstRow), bound.testEnd);
      const predicted = predictOneStep(trained.model, prepared, rows);
      const actual = values.slice(rows[0]!, bound.testEnd);
      const persistence = persistenceForecast(values.subarray(0, bound.testEnd), rows[0]!);
      const masScale = naiveScale(values.subarray(0, trained.prepared.split.valStart));
      folds.push({
        fold: k + 1,
        trainEnd: trained.prepared.split.testStart,
        testStart: rows[0]!,
        testEnd: bound.testEnd,
        metrics: computeMetrics(actual, predicted, { masScale }),
        persistence: computeMetrics(actual, persistence, { masScale }),
      });
      all.actual.push(...actual);
      all.predicted.push(...predicted);
      all.persistence.push(...persistence);
    }
  } finally {
    if (shared !== null) disposeModel(shared.model);
  }
  const masScale = naiveScale(values.subarray(0, Math.max(2, bounds[0]!.testStart)));
  return {
    folds,
    retrain: options.retrain,
    overall:
      all.actual.length === 0
        ? null
        : {
            metrics: computeMetrics(all.actual, all.predicted, { masScale }),
            persistence: computeMetrics(all.actual, all.persistence, { masScale }),
          },
    cancelled,
  };
}
