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

/** Prepare the series, build the spec's network and train it on the windows of the training rows. */
export async function trainForecaster(
  series: TimeSeries,
  spec: ModelSpec,
  dataOptions: ForecastDataOptions = {},
  hooks: TrainHooks = {},
): Promise<TrainedForecaster> {
  const prepared = prepareSeries(series, { ...dataOptions, lookback: spec.lookback });
  const model = buildForecaster(spec, prepared.featureCount);
  // On top of AutoARIMA the network starts as "no correction": a zero output layer predicts the
  // classical forecast exactly, and training moves away from it only as far as validation allows.
  if (prepared.transform === 'arima') zeroOutputLayer(model);
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
  return { model, prepared: withForecastArima(series, prepared), outcome };
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

/** Zero the kernel and bias of the last (dense) layer. */
function zeroOutputLayer(model: tf.LayersModel): void {
  const head = model.layers[model.layers.length - 1]!;
  const zeros = head.getWeights().map((w) => tf.zerosLike(w));
  head.setWeights(zeros);
  tf.dispose(zeros);
}
