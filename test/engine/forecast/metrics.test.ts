import { describe, expect, it } from 'vitest';
import { computeMetrics, naiveScale } from '../../../src-main/engine/forecast/metrics';
import { EngineError } from '../../../src-main/engine/util/engine-error';

function expectInvalidOptions(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('INVALID_OPTIONS');
    return;
  }
  expect.fail('expected an EngineError with code INVALID_OPTIONS');
}

describe('computeMetrics', () => {
  it('matches hand-computed values', () => {
    // errors 1, 0, 2
    const metrics = computeMetrics([1, 2, 4], [2, 2, 2], { masScale: 2 });
    expect(metrics.mae).toBeCloseTo(1, 12);
    expect(metrics.rmse).toBeCloseTo(Math.sqrt(5 / 3), 12); // 1.2910
    expect(metrics.mape).toBeCloseTo(50, 10); // (1/1 + 0/2 + 2/4) / 3
    expect(metrics.smape).toBeCloseTo(400 / 9, 10); // (2/3 + 0 + 4/6) / 3 = 44.44 %
    expect(metrics.mase).toBeCloseTo(0.5, 12); // 1 / 2
  });

  it('is zero for a perfect forecast, including 0/0 sMAPE terms', () => {
    const metrics = computeMetrics([0, 3, -2], new Float64Array([0, 3, -2]), { masScale: 1 });
    expect(metrics).toEqual({ rmse: 0, mae: 0, mape: 0, smape: 0, mase: 0 });
  });

  it('skips actual == 0 terms in MAPE but not in sMAPE', () => {
    const metrics = computeMetrics([0, 2], [1, 1], { masScale: 1 });
    expect(metrics.mape).toBeCloseTo(50, 10); // only |2 − 1| / 2
    expect(metrics.smape).toBeCloseTo(400 / 3, 10); // (2·1/1 + 2·1/3) / 2 = 133.33 %
  });

  it('returns null MAPE when every actual is zero and null MASE when the scale is zero', () => {
    const metrics = computeMetrics([0, 0], [0, 1], { masScale: 0 });
    expect(metrics.mape).toBeNull();
    expect(metrics.smape).toBeCloseTo(100, 10); // (0 + 2) / 2
    expect(metrics.mase).toBeNull();
    expect(metrics.mae).toBeCloseTo(0.5, 12);
  });

  it('handles negative values with absolute denominators', () => {
    const metrics = computeMetrics([-4], [-2], { masScale: 4 });
    expect(metrics.mape).toBeCloseTo(50, 10);
    expect(metrics.smape).toBeCloseTo((100 * 4) / 6, 10);
    expect(metrics.mase).toBeCloseTo(0.5, 12);
  });

  it('rejects empty input, mismatched lengths, bad scales and non-finite values', () => {
    expectInvalidOptions(() => computeMetrics([], [], { masScale: 1 }));
    expectInvalidOptions(() => computeMetrics([1, 2], [1], { masScale: 1 }));
    expectInvalidOptions(() => computeMetrics([1], [1], { masScale: -1 }));
    expectInvalidOptions(() => computeMetrics([1], [1], { masScale: Number.NaN }));
    expectInvalidOptions(() => computeMetrics([1, Number.NaN], [1, 1], { masScale: 1 }));
    expectInvalidOptions(() => computeMetrics([1, 1], [1, Infinity], { masScale: 1 }));
  });
});

describe('naiveScale', () => {
  it('is the mean absolute one-step change of the training values', () => {
    expect(naiveScale([1, 3, 2, 5])).toBeCloseTo(2, 12); // (2 + 1 + 3) / 3
    expect(naiveScale(new Float64Array([7, 7, 7]))).toBe(0);
  });

  it('uses the seasonal lag when given', () => {
    expect(naiveScale([1, 2, 3, 5, 4], 2)).toBeCloseTo(2, 12); // (|3−1| + |5−2| + |4−3|) / 3
  });

  it('rejects too few values and bad seasons', () => {
    expectInvalidOptions(() => naiveScale([1]));
    expectInvalidOptions(() => naiveScale([1, 2], 2));
    expectInvalidOptions(() => naiveScale([1, 2, 3], 0));
    expectInvalidOptions(() => naiveScale([1, 2, 3], 1.5));
    expectInvalidOptions(() => naiveScale([1, Number.NaN, 3]));
  });
});
