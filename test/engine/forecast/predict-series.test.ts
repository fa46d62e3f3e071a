import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src-main/engine/backend/select-backend';
import { TUTORIAL_SINE_SPEC } from '../../../src-main/engine/model/model-spec';
import { trainForecaster } from '../../../src-main/engine/forecast/train-forecaster';
import { predictOneStep, predictRecursive } from '../../../src-main/engine/forecast/predict-series';
import { scaleValue, unscaleValue } from '../../../src-main/engine/data/series/scaler';
import { disposeModel } from '../../../src-main/engine/model/dispose-model';
import type { TimeSeries } from '../../../src-main/engine/data/time-series';
import type { TargetTransform } from '../../../src-main/engine/data/series/target-transform';

function series(trend: number): TimeSeries {
  const values = Float64Array.from(
    { length: 200 },
    (_, t) => 50 + trend * t + 5 * Math.sin((2 * Math.PI * t) / 10),
  );
  return { times: null, frequency: null, target: { name: 'y', values }, features: [] };
}

describe.each<TargetTransform>(['none', 'residual', 'difference'])(
  'forecasting with transform %s',
  (transform) => {
    beforeAll(async () => {
      await selectBackend('cpu');
    });

    it('feeds its own predictions back (never the truth) in a recursive forecast', async () => {
      const spec = {
        ...TUTORIAL_SINE_SPEC,
        layers: [5],
        lookback: 6,
        budget: { kind: 'steps' as const, steps: 25 },
      };
      const trained = await trainForecaster(series(transform === 'difference' ? 0.3 : 0), spec, {
        transform,
      });
      const { model, prepared } = trained;
      const origin = prepared.split.testStart;
      const recursive = predictRecursive(model, prepared, origin, 3);
      // Step 1 sees only actual rows, so it equals the one-step prediction at the origin.
      const oneStep = predictOneStep(model, prepared, Int32Array.of(origin, origin + 1));
      expect(recursive[0]).toBeCloseTo(oneStep[0]!, 4);
      // Step 2, by hand: the window's last row is the model's own first prediction.
      const f = prepared.featureCount;
      const window = Float32Array.from(
        prepared.inputs.subarray((origin + 1 - spec.lookback) * f, (origin + 1) * f),
      );
      const previous = prepared.original[origin - 1]!;
      const channel = transform === 'difference' ? recursive[0]! - previous : recursive[0]!;
      window[(spec.lookback - 1) * f] = scaleValue(prepared.inputScaler, channel);
      const z = tf.tidy(
        () =>
          (model.predict(tf.tensor3d(window, [1, spec.lookback, f])) as tf.Tensor).dataSync()[0]!,
      );
      const change = unscaleValue(prepared.targetScaler, z);
      const expected = transform === 'none' ? change : recursive[0]! + change;
      expect(recursive[1]).toBeCloseTo(expected, 4);
      // ...which is not what the truth-fed one-step prediction of that row gives.
      expect(Math.abs(recursive[1]! - oneStep[1]!)).toBeGreaterThan(1e-6);
      disposeModel(model);
    });
  },
);

describe('forecasting with the seasonal transform', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  it('adds each change to the value one season earlier: actual, then its own prediction', async () => {
    const spec = {
      ...TUTORIAL_SINE_SPEC,
      layers: [5],
      lookback: 6,
      budget: { kind: 'steps' as const, steps: 25 },
    };
    // Season 3 so that a 5-step forecast crosses it: steps 1–3 add to actual values, 4–5 to the
    // forecast's own steps 1–2.
    const trained = await trainForecaster(series(0), spec, { transform: 'seasonal', season: 3 });
    const { model, prepared } = trained;
    expect(prepared.baseLag).toBe(3);
    const origin = prepared.split.testStart;
    const recursive = predictRecursive(model, prepared, origin, 5);
    const oneStep = predictOneStep(model, prepared, Int32Array.of(origin));
    expect(recursive[0]).toBeCloseTo(oneStep[0]!, 4);
    // Step 4 by hand: the window ends with the three predicted levels, the base is step 1's.
    const f = prepared.featureCount;
    const window = Float32Array.from(
      prepared.inputs.subarray((origin + 3 - spec.lookback) * f, (origin + 3) * f),
    );
    for (let h = 0; h < 3; h++) {
      window[(spec.lookback - 3 + h) * f] = scaleValue(prepared.inputScaler, recursive[h]!);
    }
    const z = tf.tidy(
      () => (model.predict(tf.tensor3d(window, [1, spec.lookback, f])) as tf.Tensor).dataSync()[0]!,
    );
    const expected = recursive[0]! + unscaleValue(prepared.targetScaler, z);
    expect(recursive[3]).toBeCloseTo(expected, 4);
    disposeModel(model);
  });
});
