import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend, type BackendName } from '../../../src-main/engine/backend/select-backend';
import { buildForecaster } from '../../../src-main/engine/model/build-model';
import { disposeModel } from '../../../src-main/engine/model/dispose-model';
import { makeOptimizer } from '../../../src-main/engine/model/make-optimizer';
import { openProject, saveProject } from '../../../src-main/engine/model/project-io';
import { TUTORIAL_SINE_SPEC, type ModelSpec } from '../../../src-main/engine/model/model-spec';
import { runSineExperiment } from '../../../src-main/engine/experiments/sine-experiment';
import { chooseTrainingPath } from '../../../src-main/engine/fused/choose-training-path';
import { runTrainLoop } from '../../../src-main/engine/train/train-loop';
import { seriesBatchSource } from '../../../src-main/engine/forecast/series-batch-source';
import { rowRange } from '../../../src-main/engine/data/series/window-batches';
import { specWith, weightValues } from '../model/model-test-kit';

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rnn-studio-fused-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const shortSine = (steps: number, overrides: Partial<ModelSpec> = {}): ModelSpec => ({
  ...TUTORIAL_SINE_SPEC,
  ...overrides,
  budget: { kind: 'steps', steps },
});

describe.each<BackendName>(['cpu', 'wasm'])('training on the fused path on %s', (backend) => {
  beforeAll(async () => {
    await selectBackend(backend);
  });

  it('is chosen by default, and not for what the kernel does not compute', () => {
    const plain = buildForecaster(specWith({ layers: [4] }), 1);
    const recurrentDropout = buildForecaster(specWith({ layers: [4], recurrentDropout: 0.2 }), 1);
    expect(chooseTrainingPath(plain, { loss: 'mse' }).name).toBe('fused-wasm');
    expect(chooseTrainingPath(plain).name).toBe('fused-wasm-layers');
    expect(chooseTrainingPath(plain, { preference: 'layers' }).name).toBe('tfjs-layers');
    const fallback = chooseTrainingPath(recurrentDropout);
    expect(fallback.name).toBe('tfjs-layers');
    expect(fallback.reason).toContain('recurrent dropout');
    // Without WebAssembly (or SIMD) the kernel cannot load: train on the layers and say why.
    const wasm = Reflect.get(globalThis, 'WebAssembly') as unknown;
    Reflect.set(globalThis, 'WebAssembly', undefined);
    try {
      const noKernel = chooseTrainingPath(plain, { loss: 'mse' });
      expect(noKernel.name).toBe('tfjs-layers');
      expect(noKernel.reason).toContain('WebAssembly kernel did not load');
    } finally {
      Reflect.set(globalThis, 'WebAssembly', wasm);
    }
    disposeModel(plain);
    disposeModel(recurrentDropout);
  });

  it('leaks no tensors across steps, with dropout between bidirectional layers', () => {
    const spec = specWith({ cell: 'gru', layers: [6, 5], bidirectional: true, dropout: 0.3 });
    const model = buildForecaster(spec, 2);
    const path = chooseTrainingPath(model, { preference: 'fused' });
    expect(path.name).toBe('fused-wasm-layers');
    const optimizer = makeOptimizer(spec);
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const x = tf.randomNormal([8, spec.lookback, 2], 0, 1, 'float32', 1);
    const y = tf.randomNormal([8, 1], 0, 1, 'float32', 2);
    const counts: number[] = [];
    for (let step = 0; step < 4; step++) {
      const { value, grads } = tf.variableGrads(
        () => tf.losses.meanSquaredError(y, path.forward(x, true)) as tf.Scalar,
        variables,
      );
      optimizer.applyGradients(grads);
      tf.dispose([value, ...Object.values(grads)]);
      counts.push(tf.memory().numTensors);
    }
    // The first step creates the optimizer's slots; after that the count must not move.
    expect(new Set(counts.slice(1)).size).toBe(1);
    tf.dispose([x, y]);
    optimizer.dispose();
    disposeModel(model);
  });

  it.each(['sgd', 'adagrad', 'adam', 'rmsprop'] as const)(
    'takes the same whole steps as tfjs layers with %s, clipping and dropout',
    async (optimizer) => {
      const spec = specWith({
        cell: 'gru',
        layers: [6, 5],
        bidirectional: true,
        dropout: 0.25,
        optimizer,
        learningRate: optimizer === 'sgd' ? 0.1 : 0.01,
        clipNorm: 0.5,
        lookback: 6,
        batchSize: 16,
        budget: { kind: 'steps', steps: 5 },
      });
      const inputs = Float32Array.from({ length: 200 }, (_, i) => Math.sin(i / 5));
      const source = seriesBatchSource(
        { inputs, featureCount: 1, targets: inputs, lookback: spec.lookback },
        rowRange(spec.lookback, inputs.length),
        rowRange(150, inputs.length),
      );
      const lossFn = (t: tf.Tensor, p: tf.Tensor): tf.Scalar =>
        tf.losses.meanSquaredError(t, p) as tf.Scalar;
      const train = async (preference: 'fused' | 'layers') => {
        const model = buildForecaster(spec, 1);
        const path = chooseTrainingPath(model, { preference, loss: 'mse' });
        const before = tf.memory().numTensors;
        const outcome = await runTrainLoop({ model, spec, source, lossFn, path, evalEvery: 2 });
        return { model, outcome, leaked: tf.memory().numTensors - before };
      };
      const fused = await train('fused');
      const layers = await train('layers');
      expect(fused.outcome.trainingPath?.name).toBe('fused-wasm');
      expect(fused.leaked).toBe(0);
      fused.outcome.history.forEach((point, i) => {
        const expected = layers.outcome.history[i]!;
        expect(point.loss).toBeCloseTo(expected.loss, 5);
        expect(point.valLoss!).toBeCloseTo(expected.valLoss!, 5);
      });
      const a = weightValues(fused.model);
      for (const [name, values] of weightValues(layers.model)) {
        const ours = a.get(name)!;
        const worst = values.reduce((m, v, i) => Math.max(m, Math.abs(v - ours[i]!)), 0);
        expect(worst, name).toBeLessThan(2e-5);
      }
      disposeModel(fused.model);
      disposeModel(layers.model);
    },
  );

  it('learns the sine like tfjs layers, and saves and loads as standard layers', async () => {
    const spec = shortSine(40);
    const common = { trainCount: 600, testCount: 60 };
    const fused = await runSineExperiment({ ...common, spec, trainingPath: 'fused' });
    const layers = await runSineExperiment({ ...common, spec, trainingPath: 'layers' });
    expect(fused.outcome.trainingPath?.name).toBe('fused-wasm');
    expect(layers.outcome.trainingPath?.name).toBe('tfjs-layers');
    // Same seed, same batches, the same function: the two runs follow the same path closely.
    const first = (r: typeof fused): number => r.outcome.history[0]!.loss;
    expect(fused.outcome.finalLoss!).toBeLessThan(first(fused) / 4);
    expect(Math.abs(fused.outcome.finalLoss! - layers.outcome.finalLoss!)).toBeLessThan(
      0.05 * layers.outcome.finalLoss! + 1e-4,
    );
    expect(Math.abs(fused.rmse - layers.rmse)).toBeLessThan(0.05 * layers.rmse + 1e-3);

    const dir = join(root, `sine-${backend}`);
    await saveProject(dir, { spec, model: fused.model, extras: {} });
    const opened = await openProject(dir);
    expect(weightValues(opened.model)).toEqual(weightValues(fused.model));
    const x = tf.tidy(() => tf.sin(tf.linspace(0, 3, 5 * spec.lookback)).reshape([5, -1, 1]));
    const predict = (m: tf.LayersModel): Float32Array =>
      tf.tidy(() => (m.predict(x) as tf.Tensor).dataSync() as Float32Array);
    expect(predict(opened.model)).toEqual(predict(fused.model));

    // And the other way round: the loaded plain-layers model trains on the fused path, and one
    // fused step gives the same loss as one layers step from the same weights.
    const path = chooseTrainingPath(opened.model);
    expect(path.name).toBe('fused-wasm-layers');
    const y = tf.tidy(() => tf.sin(tf.linspace(0.1, 3.1, 5)).reshape([5, 1]));
    const lossOn = (forward: (xs: tf.Tensor) => tf.Tensor): number =>
      tf.tidy(() => tf.losses.meanSquaredError(y, forward(x)).dataSync()[0]!);
    const fusedLoss = lossOn((xs) => path.forward(xs, true));
    const layersLoss = lossOn((xs) => opened.model.apply(xs, { training: true }) as tf.Tensor);
    expect(fusedLoss).toBeCloseTo(layersLoss, 6);
    tf.dispose([x, y]);
    for (const model of [fused.model, layers.model, opened.model]) disposeModel(model);
  }, 90_000);
});
