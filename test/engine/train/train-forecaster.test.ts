import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend, type BackendName } from '../../../src-main/engine/backend/select-backend';
import { TUTORIAL_SINE_SPEC, type ModelSpec } from '../../../src-main/engine/model/model-spec';
import { trainForecaster } from '../../../src-main/engine/forecast/train-forecaster';
import { evaluateForecaster } from '../../../src-main/engine/forecast/evaluate-forecaster';
import { evaluateLoss } from '../../../src-main/engine/train/train-loop';
import { seriesBatchSource } from '../../../src-main/engine/forecast/series-batch-source';
import type { TimeSeries } from '../../../src-main/engine/data/time-series';
import { disposeModel } from '../../../src-main/engine/model/dispose-model';

/** A noisy seasonal series: enough structure to learn, small enough to train in seconds. */
function seasonalSeries(n = 400): TimeSeries {
  const values = new Float64Array(n);
  for (let t = 0; t < n; t++)
    values[t] = 10 + 3 * Math.sin((2 * Math.PI * t) / 24) + 0.3 * Math.sin(t * 1.7);
  return { times: null, frequency: null, target: { name: 'y', values }, features: [] };
}

const SMALL: ModelSpec = {
  ...TUTORIAL_SINE_SPEC,
  layers: [8],
  lookback: 12,
  batchSize: 16,
  optimizer: 'adam',
  learningRate: 0.01,
  budget: { kind: 'steps', steps: 120 },
  seed: 7,
};

const mse = (yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar =>
  tf.losses.meanSquaredError(yTrue, yPred) as tf.Scalar;

describe.each<BackendName>(['cpu', 'wasm'])('training a forecaster on %s', (backend) => {
  beforeAll(async () => {
    await selectBackend(backend);
  });

  it('lowers the loss in a short real run and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    // Residual, as auto chose before the 24-row season was found: with it, auto models the change
    // over a season, leaving only the small sin(1.7 t) term, which 120 steps do not halve.
    const trained = await trainForecaster(seasonalSeries(), SMALL, { transform: 'residual' });
    const first = trained.outcome.history[0]!;
    const last = trained.outcome.history.at(-1)!;
    expect(trained.outcome.status).toBe('completed');
    expect(trained.outcome.steps).toBe(120);
    expect(last.loss).toBeLessThan(first.loss * 0.5);
    expect(last.valLoss!).toBeLessThan(first.valLoss!);
    disposeModel(trained.model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives identical results for the same seed', async () => {
    const a = await trainForecaster(seasonalSeries(), SMALL);
    const b = await trainForecaster(seasonalSeries(), SMALL);
    const ea = evaluateForecaster(a.model, a.prepared);
    const eb = evaluateForecaster(b.model, b.prepared);
    expect(a.outcome.history.map((h) => h.loss)).toEqual(b.outcome.history.map((h) => h.loss));
    expect(Array.from(ea.predicted)).toEqual(Array.from(eb.predicted));
    const c = await trainForecaster(seasonalSeries(), { ...SMALL, seed: 8 });
    expect(evaluateForecaster(c.model, c.prepared).predicted).not.toEqual(ea.predicted);
    [a, b, c].forEach((t) => disposeModel(t.model));
  });

  it('stops on cancel and keeps the weights it had', async () => {
    let polls = 0;
    const trained = await trainForecaster(
      seasonalSeries(),
      SMALL,
      {},
      { isCancelled: () => ++polls > 10 },
    );
    expect(trained.outcome.status).toBe('cancelled');
    expect(trained.outcome.steps).toBe(10);
    expect(trained.outcome.restoredStep).toBe(10);
    // The weights moved from their initial values: the model is the one trained for 10 steps.
    const fresh = await trainForecaster(seasonalSeries(), SMALL, {}, { isCancelled: () => true });
    expect(fresh.outcome.steps).toBe(0);
    const p10 = evaluateForecaster(trained.model, trained.prepared).predicted;
    const p0 = evaluateForecaster(fresh.model, fresh.prepared).predicted;
    expect(p10).not.toEqual(p0);
    disposeModel(trained.model);
    disposeModel(fresh.model);
  });

  it('stops on a non-finite loss with advice and never applies the bad update', async () => {
    const series = seasonalSeries();
    // A glitch in the data (an infinite reading) makes the loss non-finite once it is sampled.
    const values = Float64Array.from(series.target.values);
    for (let t = 20; t < 200; t += 5) values[t] = Infinity;
    const poisoned: TimeSeries = { ...series, target: { name: 'y', values } };
    const trained = await trainForecaster(poisoned, SMALL, { transform: 'none' });
    expect(trained.outcome.status).toBe('nan');
    expect(trained.outcome.message).toMatch(/Lower the learning rate/);
    const weights = trained.model.getWeights().map((w) => Array.from(w.dataSync()));
    expect(weights.flat().every(Number.isFinite)).toBe(true);
    disposeModel(trained.model);
  });

  it('early-stops and restores the weights of its best validation point', async () => {
    const spec: ModelSpec = {
      ...SMALL,
      learningRate: 0.05,
      budget: { kind: 'steps', steps: 2000 },
      earlyStopping: { patience: 2 },
    };
    const trained = await trainForecaster(seasonalSeries(), spec);
    expect(trained.outcome.status).toBe('early-stopped');
    expect(trained.outcome.steps).toBeLessThan(2000);
    const { prepared } = trained;
    const source = seriesBatchSource(prepared, prepared.trainRows, prepared.valRows);
    expect(evaluateLoss(trained.model, source, mse)).toBeCloseTo(trained.outcome.bestValLoss!, 5);
    expect(trained.outcome.restoredStep).toBeLessThan(trained.outcome.steps);
    disposeModel(trained.model);
  });

  it('auto trains one network on AutoARIMA and one on the naive base, keeps the better on validation', async () => {
    const before = tf.memory().numTensors;
    const trained = await trainForecaster(weeklySeries(), {
      ...SMALL,
      budget: { kind: 'steps', steps: 200 },
      earlyStopping: { patience: 3 },
    });
    const match =
      /validation RMSE on (\d+) rows: arima ([\d.]+), (residual|seasonal|difference) ([\d.]+), so (\w+) was kept$/.exec(
        trained.prepared.transformReason,
      );
    expect(match, trained.prepared.transformReason).not.toBeNull();
    const [, rows, arima, naive, other, kept] = match!;
    expect(Number(rows)).toBeGreaterThan(20);
    expect(kept).toBe(Number(arima) <= Number(other) ? 'arima' : naive);
    expect(trained.prepared.transform).toBe(kept);
    expect(trained.outcome.message).toMatch(/Two candidates were trained, arima and /);
    disposeModel(trained.model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('on AutoARIMA starts as "no correction" and never ends worse on validation than it', async () => {
    // A learning rate far too high: every step makes validation worse, so early stopping goes
    // back to the untrained weights, whose zero output layer is AutoARIMA's forecast exactly.
    const trained = await trainForecaster(
      weeklySeries(),
      {
        ...SMALL,
        optimizer: 'sgd',
        learningRate: 5,
        clipNorm: null,
        budget: { kind: 'steps', steps: 200 },
        earlyStopping: { patience: 2 },
      },
      { transform: 'arima' },
    );
    expect(trained.outcome.restoredStep).toBe(0);
    const evaluation = evaluateForecaster(trained.model, trained.prepared);
    const arima = evaluation.baselines.autoArima!;
    expect(evaluation.metrics.rmse).toBeCloseTo(arima.metrics.rmse, 6);
    evaluation.predicted.forEach((p, i) => expect(p).toBeCloseTo(arima.predicted[i]!, 6));
    disposeModel(trained.model);
  });
});

/** Daily sales with a weekday pattern and noise: AutoARIMA finds the week, persistence cannot. */
function weeklySeries(): TimeSeries {
  const pattern = [0, 12, 9, 7, 14, 25, -20];
  const values = Float64Array.from(
    { length: 350 },
    (_, t) => 200 + pattern[t % 7]! + 3 * Math.sin(t * 1.7) + 2 * Math.cos(t * 0.37),
  );
  return {
    times: null,
    frequency: { unit: 'day', step: 1, label: 'daily', seasonPeriod: 7 },
    target: { name: 'sales', values },
    features: [],
  };
}
