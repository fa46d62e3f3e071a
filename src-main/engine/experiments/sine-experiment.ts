import * as tf from '@tensorflow/tfjs';
import { TUTORIAL_SINE_SPEC, type ModelSpec } from '../model/model-spec';
import { buildForecaster } from '../model/build-model';
import { rowRange, type WindowSource } from '../data/series/window-batches';
import { predictRows, seriesBatchSource } from '../forecast/series-batch-source';
import { runTrainLoop } from '../train/train-loop';
import type { TrainOutcome } from '../train/train-progress';
import type { TrainHooks } from '../forecast/train-forecaster';
import { makeSineData } from './sine-data';
import { chooseTrainingPath } from '../fused/choose-training-path';

/**
 * The tutorial's experiment, exactly: windows of 10 consecutive values of sin(linspace(0, 100,
 * 10 000)) predict the next value; then the network predicts sin(linspace(100, 110, 1 000)) from its
 * own windows, and the error is printed (an RMSE: the tutorial printed it under the name MSE). The
 * sine needs no scaling: it already lies in [−1, 1].
 */
export interface SineExperimentOptions extends TrainHooks {
  spec?: ModelSpec;
  trainCount?: number;
  testCount?: number;
}

export interface SineExperimentResult {
  spec: ModelSpec;
  model: tf.LayersModel;
  outcome: TrainOutcome;
  /** Training windows per epoch (10 000 − lookback with the tutorial's data). */
  trainWindows: number;
  /** x of each predicted test point (linspace(100, 110) from index lookback on). */
  x: Float64Array;
  actual: Float64Array;
  predicted: Float64Array;
  rmse: number;
}

function sequenceSource(values: Float64Array, lookback: number): WindowSource {
  const inputs = Float32Array.from(values);
  return { inputs, featureCount: 1, targets: inputs, lookback };
}

export async function runSineExperiment(
  options: SineExperimentOptions = {},
): Promise<SineExperimentResult> {
  const spec = options.spec ?? TUTORIAL_SINE_SPEC;
  const data = makeSineData(options.trainCount, options.testCount);
  const train = sequenceSource(data.train, spec.lookback);
  const test = sequenceSource(data.test, spec.lookback);
  const model = buildForecaster(spec, 1);
  const outcome = await runTrainLoop({
    model,
    spec,
    source: seriesBatchSource(train, rowRange(spec.lookback, data.train.length), new Int32Array(0)),
    lossFn: (yTrue, yPred) => tf.losses.meanSquaredError(yTrue, yPred) as tf.Scalar,
    path: chooseTrainingPath(model, {
      ...(options.trainingPath === undefined ? {} : { preference: options.trainingPath }),
      loss: 'mse',
    }),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.isCancelled ? { isCancelled: options.isCancelled } : {}),
  });
  const rows = rowRange(spec.lookback, data.test.length);
  const predicted = Float64Array.from(predictRows(model, test, rows));
  const actual = data.test.slice(spec.lookback);
  let squares = 0;
  for (let i = 0; i < actual.length; i++) squares += (actual[i]! - predicted[i]!) ** 2;
  return {
    spec,
    model,
    outcome,
    trainWindows: data.train.length - spec.lookback,
    x: data.testX.slice(spec.lookback),
    actual,
    predicted,
    rmse: Math.sqrt(squares / actual.length),
  };
}
