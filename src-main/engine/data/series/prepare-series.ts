import type { TimeSeries } from '../time-series';
import { EngineError } from '../../util/engine-error';
import { splitRows, type SplitBounds, type SplitOptions } from './split-rows';
import { fitScaler, scaleValue, type Scaler, type ScalingKind } from './scaler';
import { inferSeason } from '../../forecast/baselines';
import {
  applyTransform,
  baseLagOf,
  checkTrend,
  type TargetTransform,
  type TargetTransformChoice,
} from './target-transform';
import { rowRange, type WindowSource } from './window-batches';
import { chooseTransform } from './choose-transform';
import type { ArimaFit } from '../../forecast/classical/arima-model';
import { makeArimaBase, type ArimaBase } from '../../forecast/classical/arima-path';

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
  /**
   * The `arima` transform's models, as saved with a project; unset: AutoARIMA chooses and fits
   * `training` on the training rows, and the forecasts use it too.
   */
  arima?: ArimaModels;
}

/**
 * The `arima` transform's two fits: `training`, on the training rows only, defines the labels the
 * network learns (so the validation rows judge it honestly); `forecast`, chosen again on every row
 * before the test part once training is over, is the base of every reported forecast (the same
 * model as the AutoARIMA baseline, so the network's output 0 is exactly that baseline).
 */
export interface ArimaModels {
  training: ArimaFit;
  forecast?: ArimaFit;
}

/** The base of the `arima` transform: its models and the forecast model's one-step forecasts. */
export interface ArimaTransformBase extends ArimaBase {
  fit: ArimaFit;
  trainingFit: ArimaFit;
  /** Orders AutoARIMA tried for `fit`, when it was chosen in this session. */
  modelsTried: number | null;
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
  /** The `arima` transform's base model and its one-step forecasts; null for other transforms. */
  arima: ArimaTransformBase | null;
  /** Why this transform, with the training-rows figures it was decided on. */
  transformReason: string;
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
  /** Rows whose target the file did not have (inserted or filled): never scored. */
  filledTargetRows: Int32Array;
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
  const chosen = chooseTransform(
    transformChoice,
    Float64Array.from(series.target.values),
    split.valStart,
    season,
    options.arima,
  );
  const transform = chosen.transform;
  if (transform === 'seasonal' && season < 2) {
    throw new EngineError(
      'INVALID_OPTIONS',
      'the seasonal transform needs a season of 2 rows or more, and none was found in the data; ' +
        'set the season, or choose residual',
    );
  }
  const baseLag = baseLagOf(transform, season);
  const arimaModels = chosen.arima;
  const firstRow = Math.max(
    lookback + (transform === 'difference' ? 1 : 0),
    baseLag,
    arimaModels === null ? 0 : arimaFirstRow(arimaModels),
  );
  if (split.valStart - firstRow < 2) {
    throw new EngineError(
      'DATA_TOO_SHORT',
      `${n} rows leave ${split.valStart} for training, too few for a lookback of ${lookback}; ` +
        'use a shorter lookback or more data',
    );
  }
  const scaling = options.scaling ?? 'zscore';
  const arima = arimaModels === null ? null : arimaBaseOf(series.target.values, arimaModels);
  // The labels come from the training fit: the forecast base itself unless a later fit replaced it.
  const labelBase =
    arima === null
      ? null
      : arima.fit === arima.trainingFit
        ? arima.oneStep
        : makeArimaBase(arima.trainingFit, series.target.values).oneStep;
  const channel = applyTransform(series.target.values, transform, season, labelBase);
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
    arima,
    transformReason: chosen.reason,
    trendRSquared: checkTrend(series.target.values, split.valStart).rSquared,
    inputScaler,
    targetScaler,
    featureScalers,
    featureNames: series.features.map((f) => f.name),
    original: Float64Array.from(series.target.values),
    filledTargetRows: series.filledTargetRows ?? new Int32Array(0),
    firstRow,
    trainRows: rowRange(firstRow, split.valStart),
    valRows: rowRange(Math.max(firstRow, split.valStart), split.testStart),
    testRows: rowRange(Math.max(firstRow, split.testStart), n),
  };
}

/** Its forecast model's one-step forecasts over the whole series, with both fits. */
export function arimaBaseOf(
  values: ArrayLike<number>,
  models: ArimaModels,
  modelsTried: number | null = null,
): ArimaTransformBase {
  const fit = models.forecast ?? models.training;
  return { ...makeArimaBase(fit, values), fit, trainingFit: models.training, modelsTried };
}

/** First row both fits forecast (d + s·D rows are lost to differencing), plus one. */
function arimaFirstRow(models: ArimaModels): number {
  const lost = (fit: ArimaFit): number => fit.order.d + fit.order.season * fit.order.D;
  return Math.max(lost(models.training), models.forecast ? lost(models.forecast) : 0) + 1;
}
