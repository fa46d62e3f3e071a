import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../src-main/engine/backend/select-backend';
import { TUTORIAL_SINE_SPEC } from '../../../../src-main/engine/model/model-spec';
import {
  conformalQuantile,
  empiricalCoverage,
} from '../../../../src-main/engine/forecast/analysis/conformal-intervals';
import { checkLag } from '../../../../src-main/engine/forecast/analysis/lag-check';
import { horizonOrigins } from '../../../../src-main/engine/forecast/analysis/horizon-origins';
import {
  backtestForecaster,
  foldBounds,
} from '../../../../src-main/engine/forecast/analysis/backtest';
import { trainForecaster } from '../../../../src-main/engine/forecast/train-forecaster';
import { evaluateForecaster } from '../../../../src-main/engine/forecast/evaluate-forecaster';
import { disposeModel } from '../../../../src-main/engine/model/dispose-model';
import type { TimeSeries } from '../../../../src-main/engine/data/time-series';

describe('conformal intervals', () => {
  it('takes the ⌈(m + 1)(1 − α)⌉-th smallest error', () => {
    // m = 9 errors, level 0.8: rank ⌈10 · 0.8⌉ = 8 → the 8th smallest, 8.
    expect(conformalQuantile([5, 1, 9, 3, 7, 2, 8, 4, 6], 0.8)).toBe(8);
    // m = 4, level 0.9: rank ⌈5 · 0.9⌉ = 5 > 4 → no finite interval can promise 90 %.
    expect(conformalQuantile([1, 2, 3, 4], 0.9)).toBe(Number.POSITIVE_INFINITY);
  });

  it('counts coverage as the share of actuals inside the band, edges included', () => {
    expect(empiricalCoverage([1, 2, 3, 4], [1.5, 2, 5, 4.9], 1)).toBe(0.75);
    expect(empiricalCoverage([10, 20], [10, 20], 0)).toBe(1);
  });
});

describe('lag check', () => {
  const values = [1, 3, 2, 5, 4, 7, 6, 9];
  it('flags a model that repeats the previous value', () => {
    const previous = [5, 4, 7, 6]; // y[t−1] for t = 4 … 7
    const check = checkLag(values, 4, previous, 1.8, 1.8);
    expect(check.maeToPrevious).toBe(0);
    expect(check.laggedCopy).toBe(true);
    expect(check.noBetterThanPersistence).toBe(true);
    expect(check.warnings).toHaveLength(2);
    expect(check.warnings[1]).toMatch(/lagged copy/);
  });

  it('stays quiet for a model that tracks the actual values', () => {
    const check = checkLag(values, 4, [4.1, 6.9, 6.2, 8.8], 0.2, 1.8);
    expect(check.laggedCopy).toBe(false);
    expect(check.warnings).toEqual([]);
  });
});

describe('fold and origin bounds', () => {
  it('splits the last 20 % into consecutive folds', () => {
    expect(foldBounds(100, 4)).toEqual([
      { testStart: 80, testEnd: 85 },
      { testStart: 85, testEnd: 90 },
      { testStart: 90, testEnd: 95 },
      { testStart: 95, testEnd: 100 },
    ]);
    expect(foldBounds(103, 2)).toEqual([
      { testStart: 82, testEnd: 93 },
      { testStart: 93, testEnd: 103 },
    ]);
    expect(() => foldBounds(100, 0)).toThrow(/folds/);
  });

  it('keeps every horizon inside the range and thins long ranges evenly', () => {
    expect(Array.from(horizonOrigins(10, 20, 3))).toEqual([10, 11, 12, 13, 14, 15, 16, 17]);
    const thin = horizonOrigins(0, 10_000, 5, 100);
    expect(thin).toHaveLength(100);
    expect(thin[99]! + 5).toBeLessThanOrEqual(10_000);
  });
});

function seasonal(n = 260): TimeSeries {
  const values = Float64Array.from(
    { length: n },
    (_, t) => 10 + 3 * Math.sin((2 * Math.PI * t) / 12) + 0.2 * Math.sin(t * 1.3),
  );
  return { times: null, frequency: null, target: { name: 'y', values }, features: [] };
}

const SPEC = {
  ...TUTORIAL_SINE_SPEC,
  layers: [6],
  lookback: 12,
  budget: { kind: 'steps' as const, steps: 40 },
};

describe('backtest and intervals on a real model', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  it('never trains a fold on its own or later rows', async () => {
    const retrained = await backtestForecaster(seasonal(), SPEC, {}, { folds: 3, retrain: true });
    expect(retrained.folds).toHaveLength(3);
    for (const fold of retrained.folds) {
      expect(fold.trainEnd).toBe(fold.testStart);
      expect(fold.metrics.rmse).toBeGreaterThan(0);
    }
    const once = await backtestForecaster(seasonal(), SPEC, {}, { folds: 3, retrain: false });
    const first = once.folds[0]!.testStart;
    for (const fold of once.folds) {
      expect(fold.trainEnd).toBe(first);
      expect(fold.trainEnd).toBeLessThanOrEqual(fold.testStart);
    }
    // The first fold is the same experiment either way: same seed, same rows.
    expect(once.folds[0]!.metrics.rmse).toBeCloseTo(retrained.folds[0]!.metrics.rmse, 10);
    expect(once.overall!.metrics.rmse).toBeGreaterThan(0);
  });

  it('stops a backtest on cancel and returns the folds it finished', async () => {
    let polls = 0;
    const result = await backtestForecaster(
      seasonal(),
      SPEC,
      {},
      { folds: 4, retrain: true },
      { isCancelled: () => ++polls > 50 },
    );
    expect(result.cancelled).toBe(true);
    expect(result.folds.length).toBeLessThan(4);
  });

  it('reports interval coverage, error by horizon and the lag check', async () => {
    const trained = await trainForecaster(seasonal(), SPEC);
    const evaluation = evaluateForecaster(trained.model, trained.prepared, {
      horizon: 6,
      intervals: 0.8,
    });
    const band = evaluation.intervals!;
    expect(band.halfWidths).toHaveLength(6);
    expect(band.calibratedOn).toBe('validation');
    const inside = evaluation.actual.filter(
      (a, i) => a >= band.lower[i]! && a <= band.upper[i]!,
    ).length;
    expect(band.coverage).toBeCloseTo(inside / evaluation.actual.length, 12);
    expect(band.futureUpper[5]! - band.futureLower[5]!).toBeCloseTo(2 * band.halfWidths[5]!, 9);
    expect(evaluation.horizonErrors.map((e) => e.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(evaluation.horizonErrors[0]!.origins).toBe(evaluation.actual.length - 5);
    expect(evaluation.lag.maeToActual).toBeCloseTo(evaluation.metrics.mae, 9);
    disposeModel(trained.model);
  });
});
