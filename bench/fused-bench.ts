/**
 * Training speed of the fused recurrent path against tfjs layers, measured in the same process on
 * the same data so the ratio holds even on a busy machine: median ms per step of `runTrainLoop` on
 * the tutorial's sine windows, after warm-up steps (the first steps compile kernels and size
 * buffers).
 */
import * as tf from '@tensorflow/tfjs';
import { TUTORIAL_SINE_SPEC, type ModelSpec } from '../src-main/engine/model/model-spec';
import { buildForecaster } from '../src-main/engine/model/build-model';
import { disposeModel } from '../src-main/engine/model/dispose-model';
import { rowRange } from '../src-main/engine/data/series/window-batches';
import { seriesBatchSource } from '../src-main/engine/forecast/series-batch-source';
import { makeSineData } from '../src-main/engine/experiments/sine-data';
import { runTrainLoop } from '../src-main/engine/train/train-loop';
import {
  chooseTrainingPath,
  type TrainingPathName,
  type TrainingPathPreference,
} from '../src-main/engine/fused/choose-training-path';

export interface Workload {
  name: string;
  spec: ModelSpec;
  /** PyTorch 1.13 CPU, one thread, on this kind of machine (issue 7). */
  pytorchMs: number;
}

export const WORKLOADS: Workload[] = [
  {
    name: 'tutorial: 2 × 30 LSTM, lookback 10, batch 32',
    spec: TUTORIAL_SINE_SPEC,
    pytorchMs: 1.85,
  },
  {
    name: 'large: 2 × 128 LSTM, lookback 50, batch 64',
    spec: { ...TUTORIAL_SINE_SPEC, layers: [128, 128], lookback: 50, batchSize: 64 },
    pytorchMs: 57.8,
  },
];

export interface PathTiming {
  path: TrainingPathName;
  msPerStep: number;
  steps: number;
}

/** Median ms per training step over `steps` steps after `warm` untimed ones. */
export async function timeTrainingPath(
  spec: ModelSpec,
  preference: TrainingPathPreference,
  warm: number,
  steps: number,
): Promise<PathTiming> {
  const data = makeSineData();
  const inputs = Float32Array.from(data.train);
  const source = seriesBatchSource(
    { inputs, featureCount: 1, targets: inputs, lookback: spec.lookback },
    rowRange(spec.lookback, data.train.length),
    new Int32Array(0),
  );
  const model = buildForecaster(spec, 1);
  const path = chooseTrainingPath(model, { preference, loss: 'mse' });
  // Per-step times from the loop's own clock; the median resists other processes' bursts on a
  // shared machine better than the mean does.
  const ends: number[] = [];
  try {
    await runTrainLoop({
      model,
      spec: { ...spec, budget: { kind: 'steps', steps: warm + steps } },
      source,
      lossFn: (yTrue, yPred) => tf.losses.meanSquaredError(yTrue, yPred) as tf.Scalar,
      path,
      evalEvery: warm + steps,
      progressIntervalMs: 0,
      onProgress: (progress) => {
        if (progress.step >= warm && ends.length <= steps) ends.push(progress.elapsedSeconds);
      },
    });
  } finally {
    disposeModel(model);
  }
  const times = ends
    .slice(1)
    .map((end, i) => (end - ends[i]!) * 1000)
    .sort((a, b) => a - b);
  const middle = times.length >> 1;
  const msPerStep =
    times.length % 2 === 1 ? times[middle]! : (times[middle - 1]! + times[middle]!) / 2;
  return { path: path.name, msPerStep, steps };
}
