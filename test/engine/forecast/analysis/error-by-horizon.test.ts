import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../src-main/engine/backend/select-backend';
import { TUTORIAL_SINE_SPEC } from '../../../../src-main/engine/model/model-spec';
import { errorByHorizon } from '../../../../src-main/engine/forecast/analysis/error-by-horizon';
import { horizonOrigins } from '../../../../src-main/engine/forecast/analysis/horizon-origins';
import { predictRecursiveBatch } from '../../../../src-main/engine/forecast/predict-series';
import { trainForecaster } from '../../../../src-main/engine/forecast/train-forecaster';
import { disposeModel } from '../../../../src-main/engine/model/dispose-model';

describe('error by horizon', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  it('scores persistence on the same origins: on y = t its error at step s is exactly s', async () => {
    const values = Float64Array.from({ length: 120 }, (_, t) => t);
    const series = { times: null, frequency: null, target: { name: 'y', values }, features: [] };
    const spec = { ...TUTORIAL_SINE_SPEC, layers: [4], lookback: 5, seed: 1 };
    const trained = await trainForecaster(
      series,
      { ...spec, budget: { kind: 'steps', steps: 5 } },
      { transform: 'none' },
    );
    const errors = errorByHorizon(trained.model, trained.prepared, 4);
    const origins = horizonOrigins(trained.prepared.testRows[0]!, 120, 4);
    const forecasts = predictRecursiveBatch(trained.model, trained.prepared, origins, 4);
    disposeModel(trained.model);

    expect(errors.map((e) => [e.step, e.persistenceMae, e.persistenceRmse])).toEqual([
      [1, 1, 1],
      [2, 2, 2],
      [3, 3, 3],
      [4, 4, 4],
    ]);
    // The model's numbers are the mean errors of its own closed-loop forecasts at each step.
    const mae2 =
      Array.from(origins, (o, k) => Math.abs(values[o + 1]! - forecasts[k * 4 + 1]!)).reduce(
        (a, b) => a + b,
      ) / origins.length;
    expect(errors[1]!.mae).toBeCloseTo(mae2, 10);
    expect(errors[0]!.origins).toBe(origins.length);
  });
});
