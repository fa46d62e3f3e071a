import * as tf from '@tensorflow/tfjs';
import type { ModelSpec } from '../model/model-spec';
import type { TimeSeries } from '../data/time-series';
import {
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
    ...loopHooks,
  });
  return { model, prepared, outcome };
}
