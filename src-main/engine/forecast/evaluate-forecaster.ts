import type * as tf from '@tensorflow/tfjs';
import type { PreparedSeries } from '../data/series/prepare-series';
import { computeMetrics, naiveScale, type ForecastMetrics } from './metrics';
import { EngineError } from '../util/engine-error';
import {
  driftForecast,
  inferSeason,
  persistenceForecast,
  seasonalNaiveForecast,
} from './baselines';
import { predictOneStep, predictRecursive } from './predict-series';
import { checkLag, type LagCheck } from './analysis/lag-check';
import { errorByHorizon, type HorizonError } from './analysis/error-by-horizon';
import { empiricalCoverage, fitConformalIntervals } from './analysis/conformal-intervals';
import { fitAutoArimaBaseline } from './classical/arima-baseline';
import type { ArimaFit, ArimaOrder } from './classical/arima-model';

export interface IntervalReport {
  /** Nominal coverage, e.g. 0.9. */
  level: number;
  /** What the band promises: `level`, or less with too few calibration origins (`note` says). */
  guaranteedLevel: number;
  note: string | null;
  method: 'split conformal';
  calibratedOn: 'validation' | 'training tail';
  /** Half-width per step ahead (index 0: one step), original units. */
  halfWidths: number[];
  /** Share of test rows whose actual value lies inside the one-step interval. */
  coverage: number;
  lower: Float64Array;
  upper: Float64Array;
  futureLower: Float64Array;
  futureUpper: Float64Array;
}

export interface BaselineResult {
  name: 'persistence' | 'seasonalNaive' | 'drift' | 'autoArima';
  /** Seasonal naive and AutoARIMA: the season in rows. */
  season?: number;
  predicted: Float64Array;
  metrics: ForecastMetrics;
}

/** AutoARIMA fitted on the rows before the test part (see classical/arima-baseline). */
export interface AutoArimaResult extends BaselineResult {
  name: 'autoArima';
  /** R's label, e.g. `ARIMA(0,1,1)(0,1,1)[12]`. */
  model: string;
  order: ArimaOrder;
  /** Forecasts of every test row from the first one, feeding its own forecasts back. */
  closedLoop: Float64Array;
  closedLoopMetrics: ForecastMetrics;
  /** Its forecast past the end of the data, as long as the model's `future`. */
  future: Float64Array;
  modelsTried: number;
  seconds: number;
}

export interface ForecastEvaluation {
  /** First test row (index into the series); predictions cover [testStart, n). */
  testStart: number;
  /**
   * Test rows (series indices) whose value the file did not have (an inserted date or a filled
   * cell): predicted and drawn, but left out of every metric.
   */
  filledTestRows: number[];
  actual: Float64Array;
  predicted: Float64Array;
  metrics: ForecastMetrics;
  baselines: {
    persistence: BaselineResult;
    seasonalNaive: BaselineResult;
    drift: BaselineResult;
    /** Null when it was not asked for or could not be fitted (`autoArimaNote` says why). */
    autoArima: AutoArimaResult | null;
  };
  autoArimaNote: string | null;
  /** Recursive forecast past the end of the data. */
  future: Float64Array;
  /** What happened to feature columns past the end of the data, in words. */
  covariatesNote: string;
  /** Is the model better than persistence, and is it more than a lagged copy? */
  lag: LagCheck;
  /** Closed-loop error by steps ahead over the test rows (empty without a horizon). */
  horizonErrors: HorizonError[];
  intervals: IntervalReport | null;
  /** Why there is no band although one was asked for (too few rows to calibrate it), else null. */
  intervalsNote: string | null;
}

export interface EvaluateOptions {
  /** Season for the seasonal-naive baseline; null/undefined = from the frequency, else inferred. */
  season?: number | null;
  /** The data's natural season from its inferred frequency (e.g. 12 for monthly), if any. */
  frequencySeason?: number | null;
  horizon?: number;
  /** Nominal coverage of prediction intervals (e.g. 0.9); none when absent. */
  intervals?: number;
  /** Fit the AutoARIMA baseline (default true; a few seconds on long seasonal series). */
  autoArima?: boolean;
}

/**
 * Everything reported on the test rows, in original units, with the baselines computed on exactly
 * the same rows: a model that cannot beat persistence has learned nothing useful.
 */
export function evaluateForecaster(
  model: tf.LayersModel,
  prepared: PreparedSeries,
  options: EvaluateOptions = {},
): ForecastEvaluation {
  const rows = prepared.testRows;
  const testStart = rows[0]!;
  const values = prepared.original;
  const actual = values.slice(testStart);
  const predicted = predictOneStep(model, prepared, rows);
  const masScale = naiveScale(values.subarray(0, prepared.split.valStart));
  const { scored, filledTestRows } = scoredTestRows(prepared, testStart, actual.length);
  const pick = (a: Float64Array): Float64Array =>
    scored.length === a.length ? a : Float64Array.from(scored, (i) => a[i]!);
  // Only rows the file had are scored, for the model and every baseline alike.
  const score = (p: Float64Array): ForecastMetrics =>
    computeMetrics(pick(actual), pick(p), { masScale });

  const season = options.season ?? inferSeason(options.frequencySeason ?? null, values, testStart);
  const persistence = persistenceForecast(values, testStart);
  const seasonal = seasonalNaiveForecast(values, testStart, season);
  const drift = driftForecast(values, testStart);
  const horizon = options.horizon ?? 0;
  const metrics = score(predicted);
  const persistenceMetrics = score(persistence);
  const future =
    horizon > 0 ? predictRecursive(model, prepared, values.length, horizon) : new Float64Array(0);
  const arima =
    options.autoArima === false
      ? ({ ok: false, reason: 'not asked for' } as const)
      : fitAutoArimaBaseline(values, testStart, season, horizon, knownArima(prepared, season));
  const autoArima: AutoArimaResult | null = arima.ok
    ? {
        name: 'autoArima',
        season: arima.baseline.order.season,
        model: arima.baseline.model,
        order: arima.baseline.order,
        predicted: arima.baseline.predicted,
        metrics: score(arima.baseline.predicted),
        closedLoop: arima.baseline.closedLoop,
        closedLoopMetrics: score(arima.baseline.closedLoop),
        future: arima.baseline.future,
        modelsTried: arima.baseline.modelsTried,
        seconds: arima.baseline.seconds,
      }
    : null;
  return {
    testStart,
    filledTestRows,
    actual,
    predicted,
    metrics,
    baselines: {
      persistence: { name: 'persistence', predicted: persistence, metrics: persistenceMetrics },
      seasonalNaive: {
        name: 'seasonalNaive',
        season,
        predicted: seasonal,
        metrics: score(seasonal),
      },
      drift: { name: 'drift', predicted: drift, metrics: score(drift) },
      autoArima,
    },
    autoArimaNote: arima.ok ? null : arima.reason,
    future,
    covariatesNote:
      prepared.featureNames.length === 0
        ? 'no feature columns were used'
        : `feature columns (${prepared.featureNames.join(', ')}) are unknown past the end of the data and are held at their last observed values`,
    lag: checkLag(values, testStart, predicted, metrics.rmse, persistenceMetrics.rmse),
    horizonErrors: horizon > 0 ? errorByHorizon(model, prepared, horizon) : [],
    ...intervalsOrWhyNot(options.intervals, () =>
      intervalReport(
        model,
        prepared,
        options.intervals!,
        Math.max(1, horizon),
        actual,
        predicted,
        future,
      ),
    ),
  };
}

/**
 * The interval band when asked for; where the rows are too few to calibrate one, no band and the
 * reason, instead of failing the whole evaluation (the forecast itself is still good).
 */
function intervalsOrWhyNot(
  level: number | undefined,
  report: () => IntervalReport,
): { intervals: IntervalReport | null; intervalsNote: string | null } {
  if (level === undefined) return { intervals: null, intervalsNote: null };
  try {
    return { intervals: report(), intervalsNote: null };
  } catch (error) {
    if (error instanceof EngineError && error.code === 'DATA_TOO_SHORT') {
      return { intervals: null, intervalsNote: `No prediction interval: ${error.message}.` };
    }
    throw error;
  }
}

function intervalReport(
  model: tf.LayersModel,
  prepared: PreparedSeries,
  level: number,
  steps: number,
  actual: Float64Array,
  predicted: Float64Array,
  future: Float64Array,
): IntervalReport {
  const fitted = fitConformalIntervals(model, prepared, steps, level);
  const one = fitted.halfWidths[0]!;
  return {
    level,
    guaranteedLevel: fitted.guaranteedLevel,
    note: fitted.note,
    method: 'split conformal',
    calibratedOn: fitted.calibratedOn,
    halfWidths: fitted.halfWidths,
    coverage: empiricalCoverage(actual, predicted, one),
    lower: predicted.map((p) => p - one),
    upper: predicted.map((p) => p + one),
    futureLower: future.map((p, h) => p - fitted.halfWidths[h]!),
    futureUpper: future.map((p, h) => p + fitted.halfWidths[h]!),
  };
}

/**
 * The `arima` transform's forecast model when it was chosen on the same rows (before the test
 * part) with the same season: the baseline is then that model, not a second search.
 */
function knownArima(
  prepared: PreparedSeries,
  season: number,
): { fit: ArimaFit; modelsTried: number } | null {
  const arima = prepared.arima;
  if (arima === null || arima.modelsTried === null || prepared.season !== season) return null;
  return { fit: arima.fit, modelsTried: arima.modelsTried };
}

/** Offsets into the test rows that are scored, and the series rows that are not (filled). */
function scoredTestRows(
  prepared: PreparedSeries,
  testStart: number,
  count: number,
): { scored: Int32Array; filledTestRows: number[] } {
  const filledTestRows = Array.from(prepared.filledTargetRows).filter((row) => row >= testStart);
  if (filledTestRows.length === 0) {
    return { scored: Int32Array.from({ length: count }, (_, i) => i), filledTestRows };
  }
  const filled = new Set(filledTestRows);
  const scored = Int32Array.from({ length: count }, (_, i) => i).filter(
    (i) => !filled.has(testStart + i),
  );
  if (scored.length === 0) {
    throw new EngineError(
      'DATA_TOO_SHORT',
      `all ${count} test rows are values the file did not have (filled on import): nothing to score; ` +
        'import with --fill drop, or use a file with values in its last rows',
    );
  }
  return { scored, filledTestRows };
}
