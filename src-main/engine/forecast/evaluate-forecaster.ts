import type * as tf from '@tensorflow/tfjs';
import type { PreparedSeries } from '../data/series/prepare-series';
import { computeMetrics, naiveScale, type ForecastMetrics } from './metrics';
import {
  driftForecast,
  inferSeason,
  persistenceForecast,
  seasonalNaiveForecast,
} from './baselines';
import { predictOneStep, predictRecursive } from './predict-series';

export interface BaselineResult {
  name: 'persistence' | 'seasonalNaive' | 'drift';
  /** Seasonal naive only: the season in rows. */
  season?: number;
  predicted: Float64Array;
  metrics: ForecastMetrics;
}

export interface ForecastEvaluation {
  /** First test row (index into the series); predictions cover [testStart, n). */
  testStart: number;
  actual: Float64Array;
  predicted: Float64Array;
  metrics: ForecastMetrics;
  baselines: { persistence: BaselineResult; seasonalNaive: BaselineResult; drift: BaselineResult };
  /** Recursive forecast past the end of the data. */
  future: Float64Array;
  /** What happened to feature columns past the end of the data, in words. */
  covariatesNote: string;
}

export interface EvaluateOptions {
  /** Season for the seasonal-naive baseline; null/undefined = from the frequency, else inferred. */
  season?: number | null;
  /** The data's natural season from its inferred frequency (e.g. 12 for monthly), if any. */
  frequencySeason?: number | null;
  horizon?: number;
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
  const score = (p: Float64Array): ForecastMetrics => computeMetrics(actual, p, { masScale });

  const season = options.season ?? inferSeason(options.frequencySeason ?? null, values, testStart);
  const persistence = persistenceForecast(values, testStart);
  const seasonal = seasonalNaiveForecast(values, testStart, season);
  const drift = driftForecast(values, testStart);
  const horizon = options.horizon ?? 0;
  return {
    testStart,
    actual,
    predicted,
    metrics: score(predicted),
    baselines: {
      persistence: { name: 'persistence', predicted: persistence, metrics: score(persistence) },
      seasonalNaive: {
        name: 'seasonalNaive',
        season,
        predicted: seasonal,
        metrics: score(seasonal),
      },
      drift: { name: 'drift', predicted: drift, metrics: score(drift) },
    },
    future:
      horizon > 0 ? predictRecursive(model, prepared, values.length, horizon) : new Float64Array(0),
    covariatesNote:
      prepared.featureNames.length === 0
        ? 'no feature columns were used'
        : `feature columns (${prepared.featureNames.join(', ')}) are unknown past the end of the data and are held at their last observed values`,
  };
}
