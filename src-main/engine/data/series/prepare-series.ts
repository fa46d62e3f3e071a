import type { TimeSeries } from '../time-series';
import { EngineError } from '../../util/engine-error';
import { splitRows, type SplitBounds, type SplitOptions } from './split-rows';
import { fitScaler, scaleValue, type Scaler, type ScalingKind } from './scaler';
import { inferSeason } from '../../forecast/baselines';
import {
  applyTransform,
  baseLagOf,
  checkTrend,
  resolveTransform,
  type TargetTransform,
  type TargetTransformChoice,
} from './target-transform';
import { rowRange, type WindowSource } from './window-batches';

export interface PrepareOptions {
  lookback: number;
  split?: SplitOptions;
  scaling?: ScalingKind;
  transform?: TargetTransformChoice;
  /**
   * The season in rows for the `seasonal` transform; unset: inferred from the series' frequency
   * or, without one, from the training rows' autocorrelation (as the seasonal-naive baseline).
   */
  season?: number;
}

/**
 * A series in model space. Input channel 0 is the scaled target channel (see TargetTransform);
 * channels 1.. are the scaled feature columns, in order. Everything needed to go back to original units is
 * kept here and saved with a project.
 */
export interface PreparedSeries extends WindowSource {
  split: SplitBounds;
  transform: TargetTransform;
  /** The season in rows the `seasonal` transform looks back (1 when there is none). */
  season: number;
  /** How many rows back each label's base value lies: `season` for `seasonal`, else 1. */
  baseLag: number;
  /** R² of a straight line on the training rows, the evidence behind an automatic transform. */
  trendRSquared: number;
  /** Scales the target channel of the inputs (levels, or changes with `difference`). */
  inputScaler: Scaler;
  /** Scales the labels (levels with `none`, changes otherwise). */
  targetScaler: Scaler;
  featureScalers: Scaler[];
  featureNames: string[];
  /** The target in original units. */
  original: Float64Array;
  /**
   * First row with a full window of defined inputs and a defined label: lookback, +1 with
   * differencing, at least the season with `seasonal`.
   */
  firstRow: number;
  trainRows: Int32Array;
  valRows: Int32Array;
  testRows: Int32Array;
}

export function prepareSeries(series: TimeSeries, options: PrepareOptions): PreparedSeries {
  const n = series.target.values.length;
  const lookback = options.lookback;
  const split = splitRows(n, options.split);
  const transformChoice = options.transform ?? 'auto';
  const season =
    options.season ??
    inferSeason(series.frequency?.seasonPeriod ?? null, series.target.values, split.valStart);
  if (!Number.isInteger(season) || season < 1) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `the season must be a whole number ≥ 1 (got ${season})`,
    );
  }
  const transform = resolveTransform(transformChoice, series.target.values, split.valStart, season);
  if (transform === 'seasonal' && season < 2) {
    throw new EngineError(
      'INVALID_OPTIONS',
      'the seasonal transform needs a season of 2 rows or more, and none was found in the data; ' +
        'set the season, or choose residual',
    );
  }
  const baseLag = baseLagOf(transform, season);
  const firstRow = Math.max(lookback + (transform === 'difference' ? 1 : 0), baseLag);
  if (split.valStart - firstRow < 2) {
    throw new EngineError(
      'DATA_TOO_SHORT',
      `${n} rows leave ${split.valStart} for training, too few for a lookback of ${lookback}; ` +
        'use a shorter lookback or more data',
    );
  }
  const scaling = options.scaling ?? 'zscore';
  const channel = applyTransform(series.target.values, transform, season);
  const inputScaler = fitScaler(channel.inputs, 0, split.valStart, scaling);
  const targetScaler = fitScaler(channel.labels, 0, split.valStart, scaling);
  const featureScalers = series.features.map((f) =>
    fitScaler(f.values, 0, split.valStart, scaling),
  );

  const featureCount = 1 + series.features.length;
  const inputs = new Float32Array(n * featureCount);
  const targets = new Float32Array(n);
  for (let t = 0; t < n; t++) {
    targets[t] = scaleValue(targetScaler, channel.labels[t]!);
    inputs[t * featureCount] = scaleValue(inputScaler, channel.inputs[t]!);
    series.features.forEach((feature, j) => {
      inputs[t * featureCount + 1 + j] = scaleValue(featureScalers[j]!, feature.values[t]!);
    });
  }
  return {
    inputs,
    featureCount,
    targets,
    lookback,
    split,
    transform,
    season,
    baseLag,
    trendRSquared: checkTrend(series.target.values, split.valStart).rSquared,
    inputScaler,
    targetScaler,
    featureScalers,
    featureNames: series.features.map((f) => f.name),
    original: Float64Array.from(series.target.values),
    firstRow,
    trainRows: rowRange(firstRow, split.valStart),
    valRows: rowRange(Math.max(firstRow, split.valStart), split.testStart),
    testRows: rowRange(Math.max(firstRow, split.testStart), n),
  };
}
