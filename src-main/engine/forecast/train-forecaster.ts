import * as tf from '@tensorflow/tfjs';
import type { ModelSpec } from '../model/model-spec';
import type { TimeSeries } from '../data/time-series';
import { autoArima } from './classical/auto-arima';
import {
  arimaBaseOf,
  prepareSeries,
  type PrepareOptions,
  type PreparedSeries,
} from '../data/series/prepare-series';
import { buildForecaster } from '../model/build-model';
import { runTrainLoop } from '../train/train-loop';
import type { TrainOutcome, TrainProgress } from '../train/train-progress';
import { seriesBatchSource } from './series-batch-source';
import { predictOneStep } from './predict-series';
import { disposeModel } from '../model/dispose-model';
import { resolveTransform } from '../data/series/target-transform';
import { scaleValue } from '../data/series/scaler';
import { chooseTrainingPath, type TrainingPathPreference } from '../fused/choose-training-path';

export interface TrainHooks {
  onProgress?: (progress: TrainProgress) => void;
  isCancelled?: () => boolean;
  /** Fused kernel or tfjs layers for the training steps; default 'auto' (see choose-training-path). */
  trainingPath?: TrainingPathPreference;
}

export interface TrainedForecaster {
  /** Inference-ready model (standard TF.js layers; saves and loads as such). */
  model: tf.LayersModel;
  prepared: PreparedSeries;
  outcome: TrainOutcome;
}

export type ForecastDataOptions = Omit<PrepareOptions, 'lookback'>;

/**
 * Prepare the series, build the spec's network and train it on the windows of the training rows.
 *
 * With `transform: 'auto'` where AutoARIMA beats persistence on the training rows, two networks
 * are trained, one on top of AutoARIMA and one on the naive rule's base (persistence, the seasonal
 * value or first differences), and the one with the lower one-step RMSE on the validation rows (in
 * the series' units) is kept: a small validation search, since neither wins on every kind of
 * series (on a noisy high-frequency signal the network alone beats the linear model).
 */
export async function trainForecaster(
  series: TimeSeries,
  spec: ModelSpec,
  dataOptions: ForecastDataOptions = {},
  hooks: TrainHooks = {},
): Promise<TrainedForecaster> {
  const first = prepareSeries(series, { ...dataOptions, lookback: spec.lookback });
  const auto = (dataOptions.transform ?? 'auto') === 'auto';
  if (!auto || first.transform !== 'arima')
    return finish(series, await trainPrepared(first, spec, hooks));

  const naive = resolveTransform('auto', series.target.values, first.split.valStart, first.season);
  const second = prepareSeries(series, {
    ...dataOptions,
    transform: naive,
    season: first.season,
    lookback: spec.lookback,
  });
  const a = await trainPrepared(first, spec, candidateHooks(hooks, 0, 'arima'));
  if (a.outcome.status === 'cancelled' || hooks.isCancelled?.()) return finish(series, a);
  const b = await trainPrepared(second, spec, candidateHooks(hooks, 1, naive));
  const rows = sharedRows(first.valRows, second.valRows);
  const scoreA = validationRmse(a, rows);
  const scoreB = validationRmse(b, rows);
  const keepA = b.outcome.status === 'nan' || !(scoreB < scoreA);
  const [kept, dropped] = keepA ? [a, b] : [b, a];
  disposeModel(dropped.model);
  const verdict =
    `; validation RMSE on ${rows.length} rows: arima ${scoreA.toPrecision(4)}, ` +
    `${naive} ${scoreB.toPrecision(4)}, so ${keepA ? 'arima' : naive} was kept`;
  return finish(series, {
    ...kept,
    prepared: { ...kept.prepared, transformReason: first.transformReason + verdict },
    outcome: {
      ...kept.outcome,
      seconds: a.outcome.seconds + b.outcome.seconds,
      message: `${kept.outcome.message} (Two candidates were trained, arima and ${naive}; this is the one kept.)`,
    },
  });
}

async function trainPrepared(
  prepared: PreparedSeries,
  spec: ModelSpec,
  hooks: TrainHooks,
): Promise<TrainedForecaster> {
  const model = buildForecaster(spec, prepared.featureCount);
  // On top of AutoARIMA the network starts as "no correction": a zero output layer predicts the
  // classical forecast exactly, and training moves away from it only as far as validation allows.
  if (prepared.transform === 'arima')
    outputNoCorrection(model, scaleValue(prepared.targetScaler, 0));
  const { trainingPath, ...loopHooks } = hooks;
  const outcome = await runTrainLoop({
    model,
    spec,
    source: seriesBatchSource(prepared, prepared.trainRows, prepared.valRows),
    lossFn: (yTrue, yPred) => tf.losses.meanSquaredError(yTrue, yPred) as tf.Scalar,
    path: chooseTrainingPath(model, {
      ...(trainingPath === undefined ? {} : { preference: trainingPath }),
      loss: 'mse',
    }),
    startFromBaseline: prepared.transform === 'arima',
    ...loopHooks,
  });
  return { model, prepared, outcome };
}

function finish(series: TimeSeries, trained: TrainedForecaster): TrainedForecaster {
  return { ...trained, prepared: withForecastArima(series, trained.prepared) };
}

/** Progress of candidate `index` of two as one bar: steps and ETA over both runs. */
function candidateHooks(hooks: TrainHooks, index: 0 | 1, transform: string): TrainHooks {
  const { onProgress } = hooks;
  if (onProgress === undefined) return hooks;
  return {
    ...hooks,
    onProgress: (p) =>
      onProgress({
        ...p,
        step: p.step + index * p.totalSteps,
        totalSteps: 2 * p.totalSteps,
        epoch: p.epoch + index * Math.ceil(p.totalEpochs),
        totalEpochs: 2 * Math.ceil(p.totalEpochs),
        etaSeconds: p.etaSeconds + (index === 0 ? p.elapsedSeconds + p.etaSeconds : 0),
        candidate: { index, count: 2, transform },
      }),
  };
}

/** Validation rows both candidates predict (their first usable rows can differ). */
function sharedRows(a: Int32Array, b: Int32Array): Int32Array {
  const inB = new Set(b);
  return a.filter((row) => inB.has(row));
}

/** One-step RMSE on `rows`, in the series' units; Infinity when there are none. */
function validationRmse(trained: TrainedForecaster, rows: Int32Array): number {
  if (rows.length === 0) return Infinity;
  const predicted = predictOneStep(trained.model, trained.prepared, rows);
  let sum = 0;
  rows.forEach((row, i) => {
    sum += (trained.prepared.original[row]! - predicted[i]!) ** 2;
  });
  const rmse = Math.sqrt(sum / rows.length);
  return Number.isFinite(rmse) ? rmse : Infinity;
}

/**
 * Once training is over, the `arima` base is chosen again on every row before the test part, as
 * the AutoARIMA baseline is (the network's corrections were learned and validated against the
 * training-rows fit; more rows make a better base, as refitting on training + validation does).
 */
function withForecastArima(series: TimeSeries, prepared: PreparedSeries): PreparedSeries {
  if (prepared.arima === null) return prepared;
  const values = series.target.values;
  const { fit, modelsTried } = autoArima(
    values.subarray(0, prepared.split.testStart),
    prepared.season,
  );
  return {
    ...prepared,
    arima: arimaBaseOf(
      values,
      { training: prepared.arima.trainingFit, forecast: fit },
      modelsTried,
    ),
  };
}

/**
 * Make the last (dense) layer output the constant `zero`: the scaled label of a correction of 0
 * (the labels are z-scored, so 0 in original units is −mean / sd, not 0). Kernel zeros, bias
 * `zero`; the kernel still gets gradients, so training starts from the base and moves off it.
 */
function outputNoCorrection(model: tf.LayersModel, zero: number): void {
  const head = model.layers[model.layers.length - 1]!;
  const [kernel, bias] = head.getWeights();
  const weights = [tf.zerosLike(kernel!), tf.fill(bias!.shape, zero)];
  head.setWeights(weights);
  tf.dispose(weights);
}
