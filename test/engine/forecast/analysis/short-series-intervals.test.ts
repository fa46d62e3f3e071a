import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../src-main/engine/backend/select-backend';
import { readCsvFile, toTimeSeries } from '../../../../src-main/engine/data/csv';
import { conformalHalfWidth } from '../../../../src-main/engine/forecast/analysis/conformal-intervals';
import { trainForecaster } from '../../../../src-main/engine/forecast/train-forecaster';
import { evaluateForecaster } from '../../../../src-main/engine/forecast/evaluate-forecaster';
import { forecastCsv } from '../../../../src-main/engine/forecast/forecast-csv';
import { DEFAULT_FORECAST_SPEC } from '../../../../src-main/engine/model/model-spec';
import { disposeModel } from '../../../../src-main/engine/model/dispose-model';

describe('prediction intervals with too few calibration rows', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  it('fall back to the largest error and say what that promises', () => {
    // m = 4 errors cannot give a 90 % quantile (rank 5 > 4): the largest, promising 4 / 5.
    expect(conformalHalfWidth([1, 4, 2, 3], 0.9)).toEqual({ halfWidth: 4, level: 0.8 });
    expect(conformalHalfWidth([5, 1, 9, 3, 7, 2, 8, 4, 6], 0.8)).toEqual({
      halfWidth: 8,
      level: 0.8,
    });
  });

  it('are finite on a 72-row monthly series, with a stated lower level, or absent and said so', async () => {
    const path = fileURLToPath(
      new URL('../../../fixtures/timeseries/us-accidental-deaths.csv', import.meta.url),
    );
    const { series } = toTimeSeries(await readCsvFile(path), {
      target: 'deaths',
      date: 'month',
      features: [],
    });
    const spec = { ...DEFAULT_FORECAST_SPEC, budget: { kind: 'steps' as const, steps: 60 } };
    const trained = await trainForecaster(series, spec);
    const evaluation = evaluateForecaster(trained.model, trained.prepared, {
      horizon: 3,
      intervals: 0.9,
    });
    // A year ahead the training tail has no origin left to calibrate on: no band, the reason.
    const yearAhead = evaluateForecaster(trained.model, trained.prepared, {
      horizon: 12,
      intervals: 0.9,
    });
    disposeModel(trained.model);
    expect(yearAhead.intervals).toBeNull();
    expect(yearAhead.intervalsNote).toMatch(/^No prediction interval: too few rows to calibrate/);
    expect(yearAhead.future).toHaveLength(12);
    const band = evaluation.intervals!;
    // 6 validation rows cannot hold a 12-step horizon: the training tail's few origins calibrate.
    expect(band.calibratedOn).toBe('training tail');
    expect(band.halfWidths.every((w) => Number.isFinite(w) && w > 0)).toBe(true);
    expect(band.guaranteedLevel).toBeLessThan(0.9);
    expect(band.guaranteedLevel).toBeGreaterThan(0.5);
    expect(band.note).toMatch(/^Only \d+ calibration origins: a 90 % interval needs 9/);
    const csv = forecastCsv(series, evaluation);
    expect(csv).not.toMatch(/Infinity/);
    expect(csv.split('\n')[0]).toBe('time,actual,predicted,lower,upper,persistence,autoArima');
  });
});
