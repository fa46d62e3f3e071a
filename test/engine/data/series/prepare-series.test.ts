import { describe, expect, it } from 'vitest';
import { splitRows } from '../../../../src-main/engine/data/series/split-rows';
import {
  fitScaler,
  scaleValue,
  unscaleValue,
} from '../../../../src-main/engine/data/series/scaler';
import {
  checkTrend,
  resolveTransform,
} from '../../../../src-main/engine/data/series/target-transform';
import { makeArimaBase } from '../../../../src-main/engine/forecast/classical/arima-path';
import { createRandom } from '../../../../src-main/engine/util/seeded-random';
import { prepareSeries } from '../../../../src-main/engine/data/series/prepare-series';
import {
  fillWindowBatch,
  windowBatches,
} from '../../../../src-main/engine/data/series/window-batches';
import type { TimeSeries } from '../../../../src-main/engine/data/time-series';

function seriesOf(values: number[], features: Record<string, number[]> = {}): TimeSeries {
  return {
    times: null,
    frequency: null,
    target: { name: 'y', values: Float64Array.from(values) },
    features: Object.entries(features).map(([name, v]) => ({ name, values: Float64Array.from(v) })),
  };
}

describe('splitRows', () => {
  it('puts the last 20 % in test (rows floor(0.8·n) on) and the last 10 % of the rest in validation', () => {
    expect(splitRows(100)).toEqual({ n: 100, valStart: 72, testStart: 80 });
    // The real series: seattle (1461 rows) tests from row 1168, co2 (741 rows) from 592.
    expect(splitRows(1461).testStart).toBe(1168);
    expect(splitRows(741).testStart).toBe(592);
    expect(splitRows(1461).valStart).toBe(1051);
  });

  it('honours explicit fractions and rejects impossible ones', () => {
    expect(splitRows(50, { testFraction: 0.1, valFraction: 0 })).toEqual({
      n: 50,
      valStart: 45,
      testStart: 45,
    });
    expect(() => splitRows(50, { testFraction: 1.2 })).toThrow(/test fraction/);
  });
});

describe('scaler', () => {
  it('fits z-score on the training rows only', () => {
    const values = [1, 2, 3, 4, 100, 200];
    const s = fitScaler(values, 0, 4, 'zscore');
    expect(s.center).toBeCloseTo(2.5, 12);
    expect(s.scale).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(unscaleValue(s, scaleValue(s, 200))).toBeCloseTo(200, 9);
  });

  it('fits min-max and keeps a constant column finite', () => {
    expect(fitScaler([3, 5, 9], 0, 3, 'minmax')).toEqual({ kind: 'minmax', center: 3, scale: 6 });
    expect(fitScaler([7, 7, 7], 0, 3, 'zscore')).toEqual({ kind: 'zscore', center: 7, scale: 1 });
  });
});

describe('trend check', () => {
  it('finds a trend in a rising line and none in a sine', () => {
    const rising = Array.from({ length: 200 }, (_, t) => 0.5 * t + Math.sin(t));
    const sine = Array.from({ length: 200 }, (_, t) => Math.sin(t / 5));
    expect(checkTrend(rising, 200).trending).toBe(true);
    expect(checkTrend(sine, 200).trending).toBe(false);
    expect(checkTrend(sine, 200).rSquared).toBeLessThan(0.1);
  });
});

describe('prepareSeries', () => {
  it('builds windows whose label at row t is predicted from rows [t − lookback, t)', () => {
    const values = Array.from({ length: 20 }, (_, t) => t % 5);
    const p = prepareSeries(seriesOf(values), {
      lookback: 3,
      transform: 'none',
      scaling: 'minmax',
    });
    // minmax on the training rows [0, 14): min 0, max 4.
    expect(p.targetScaler).toEqual({ kind: 'minmax', center: 0, scale: 4 });
    expect(Array.from(p.trainRows)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(Array.from(p.valRows)).toEqual([14, 15]);
    expect(Array.from(p.testRows)).toEqual([16, 17, 18, 19]);
    const batch = fillWindowBatch(p, p.testRows, 0, 2);
    // Row 16 is predicted from rows 13, 14, 15 = values 3, 4, 0 → 0.75, 1, 0; its label is 16 % 5 = 1.
    expect(Array.from(batch.x)).toEqual([0.75, 1, 0, 1, 0, 0.25]);
    expect(Array.from(batch.y)).toEqual([0.25, 0.5]);
  });

  it('interleaves features after the target channel, scaled on the training rows', () => {
    const p = prepareSeries(
      seriesOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { f: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100] }),
      {
        lookback: 2,
        transform: 'none',
        scaling: 'minmax',
        split: { testFraction: 0.2, valFraction: 0 },
      },
    );
    expect(p.featureCount).toBe(2);
    // Training rows [0, 8): target min 1 max 8, feature min 10 max 80.
    expect(p.inputs[2 * 2]).toBeCloseTo(2 / 7, 6);
    expect(p.inputs[2 * 2 + 1]).toBeCloseTo(20 / 70, 6);
  });

  // Without AutoARIMA (or where it does not beat persistence on the training rows) `auto` falls
  // back to the naive rule of resolveTransform; these four tests pin that rule down.
  it('chooses first differences for a trending series and starts one row later', () => {
    const values = Array.from({ length: 100 }, (_, t) => 300 + 0.2 * t + Math.sin(t / 2));
    const transform = resolveTransform('auto', values, 72, 1);
    const p = prepareSeries(seriesOf(values), { lookback: 5, transform });
    expect(p.transform).toBe('difference');
    expect(p.firstRow).toBe(6);
    expect(p.trendRSquared).toBeGreaterThan(0.9);
    // Row 10's label is the scaled difference y[10] − y[9].
    const d = values[10]! - values[9]!;
    expect(p.targets[10]).toBeCloseTo(scaleValue(p.targetScaler, d), 5);
  });

  it('models a non-trending series as levels in, change out (residual), so 0 means persistence', () => {
    const values = Array.from({ length: 100 }, (_, t) => 20 + 3 * Math.sin(t / 3));
    // sin(t / 3) repeats every 6π ≈ 19 rows, a season auto would rightly use; without one (season
    // 1) a series that does not trend is modelled as residual.
    const transform = resolveTransform('auto', values, 72, 1);
    const p = prepareSeries(seriesOf(values), { lookback: 4, season: 1, transform });
    expect(p.transform).toBe('residual');
    expect(p.firstRow).toBe(4);
    // Input channel: the scaled level; label: the scaled change y[t] − y[t−1].
    expect(p.inputs[10]).toBeCloseTo(scaleValue(p.inputScaler, values[10]!), 5);
    expect(p.targets[10]).toBeCloseTo(scaleValue(p.targetScaler, values[10]! - values[9]!), 5);
  });

  it('models a series with a strong weekly cycle as corrections to the value one week earlier', () => {
    // Daily sales: a fixed weekday pattern plus small deterministic noise, no trend.
    const pattern = [0, 12, 9, 7, 14, 25, -20];
    const values = Array.from(
      { length: 210 },
      (_, t) => 200 + pattern[t % 7]! + 2 * Math.sin(t * 1.7),
    );
    const daily = {
      ...seriesOf(values),
      frequency: { unit: 'day' as const, step: 1, label: 'daily', seasonPeriod: 7 },
    };
    const transform = resolveTransform('auto', values, 151, 7);
    const p = prepareSeries(daily, { lookback: 5, transform });
    expect(p.transform).toBe('seasonal');
    expect(p.season).toBe(7);
    expect(p.baseLag).toBe(7);
    // Labels need y[t − 7], so the first usable row is 7 (not the lookback's 5).
    expect(p.firstRow).toBe(7);
    expect(p.inputs[20]).toBeCloseTo(scaleValue(p.inputScaler, values[20]!), 5);
    expect(p.targets[20]).toBeCloseTo(scaleValue(p.targetScaler, values[20]! - values[13]!), 5);
    expect(Number.isNaN(p.targets[6]!)).toBe(true);
  });

  it('keeps persistence as the base when the season does not beat it on the training rows', () => {
    // A smooth slow wave with a weak 7-row ripple: y[t − 1] is much closer than y[t − 7].
    const values = Array.from(
      { length: 210 },
      (_, t) => 20 + 5 * Math.sin(t / 15) + 0.2 * Math.sin((2 * Math.PI * t) / 7),
    );
    const daily = {
      ...seriesOf(values),
      frequency: { unit: 'day' as const, step: 1, label: 'daily', seasonPeriod: 7 },
    };
    const transform = resolveTransform('auto', values, 151, 7);
    const p = prepareSeries(daily, { lookback: 5, transform });
    expect(p.transform).toBe('residual');
    expect(p.baseLag).toBe(1);
    expect(p.season).toBe(7);
  });

  it('auto learns corrections to AutoARIMA, fitted on the training rows, when it beats persistence there', () => {
    // A noisy weekly cycle: AutoARIMA finds the season, persistence cannot.
    const random = createRandom(11);
    const pattern = [0, 12, 9, 7, 14, 25, -20];
    const values = Array.from({ length: 280 }, (_, t) => 200 + pattern[t % 7]! + random.normal());
    const daily = {
      ...seriesOf(values),
      frequency: { unit: 'day' as const, step: 1, label: 'daily', seasonPeriod: 7 },
    };
    const p = prepareSeries(daily, { lookback: 5 });
    expect(p.transform).toBe('arima');
    expect(p.arima).not.toBeNull();
    const { fit } = p.arima!;
    expect(fit.order.season).toBe(7);
    expect(fit.order.D + fit.order.P).toBeGreaterThan(0);
    // The reason names the model and both training-rows errors: ARIMA's is the smaller one.
    const [, arimaMae, persistenceMae] = /one-step MAE ([\d.]+), persistence ([\d.]+)/
      .exec(p.transformReason)!
      .map(Number);
    expect(p.transformReason).toMatch(/^auto: corrections to AutoARIMA's forecast \(on the 201 /);
    expect(arimaMae).toBeLessThan(persistenceMae! / 3);
    // Row 100's label is y[100] − â[100], â from a model fitted on rows before 201 only.
    const base = makeArimaBase(fit, values).oneStep;
    expect(p.targets[100]).toBeCloseTo(scaleValue(p.targetScaler, values[100]! - base[100]!), 5);
    expect(fit.rows).toBeLessThanOrEqual(201);
  });

  it('auto falls back to the naive rule where AutoARIMA is no better than persistence', () => {
    const random = createRandom(4);
    const walk = [0];
    for (let t = 1; t < 200; t++) walk.push(walk[t - 1]! + random.normal());
    const p = prepareSeries(seriesOf(walk), { lookback: 5 });
    expect(p.transform).not.toBe('arima');
    expect(p.transformReason).toMatch(/AutoARIMA did not beat persistence/);
  });

  it('refuses the seasonal transform when the data has no season to offer', () => {
    const values = Array.from({ length: 100 }, (_, t) => 20 + 3 * Math.sin(t / 3));
    expect(() =>
      prepareSeries(seriesOf(values), { lookback: 4, transform: 'seasonal', season: 1 }),
    ).toThrow(/needs a season of 2 rows or more/);
  });

  it('produces long series batch by batch with a smaller last batch', () => {
    const values = Array.from({ length: 1000 }, (_, t) => Math.sin(t));
    const p = prepareSeries(seriesOf(values), { lookback: 10, transform: 'none' });
    const sizes = [...windowBatches(p, p.trainRows, 256)].map((b) => b.size);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(p.trainRows.length);
    expect(sizes.slice(0, -1).every((s) => s === 256)).toBe(true);
  });

  it('refuses a series too short for the lookback with an actionable message', () => {
    expect(() => prepareSeries(seriesOf([1, 2, 3, 4, 5, 6]), { lookback: 10 })).toThrow(
      /shorter lookback or more data/,
    );
  });
});
