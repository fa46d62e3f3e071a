import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src-main/engine/backend/select-backend';
import { readCsvText, toTimeSeries } from '../../../src-main/engine/data/csv';
import { trainForecaster } from '../../../src-main/engine/forecast/train-forecaster';
import { evaluateForecaster } from '../../../src-main/engine/forecast/evaluate-forecaster';
import { computeMetrics, naiveScale } from '../../../src-main/engine/forecast/metrics';
import { TUTORIAL_SINE_SPEC } from '../../../src-main/engine/model/model-spec';
import { disposeModel } from '../../../src-main/engine/model/dispose-model';

/**
 * Daily rows from 2020-01-01 for 250 days; in the test part (the last 50 days) three dates are
 * missing from the file and one has an empty value: the importer fills all four.
 */
function csvWithGaps(): { text: string; gapDays: number[] } {
  const gapDays = [215, 216, 230, 240];
  const lines = ['date,value'];
  for (let day = 0; day < 250; day++) {
    if (day === 215 || day === 216 || day === 230) continue;
    const date = new Date(Date.UTC(2020, 0, 1 + day)).toISOString().slice(0, 10);
    const value = day === 240 ? '' : (20 + 5 * Math.sin(day / 4) + (day % 7)).toFixed(3);
    lines.push(`${date},${value}`);
  }
  return { text: `${lines.join('\n')}\n`, gapDays };
}

describe('test rows the file did not have', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  it('are predicted but never scored, for the model and every baseline', async () => {
    const { text, gapDays } = csvWithGaps();
    const { series, report } = toTimeSeries(await readCsvText(text), {
      target: 'value',
      features: [],
      date: 'date',
    });
    expect(report.insertedDates).toBe(3);
    expect(Array.from(series.filledTargetRows!)).toEqual(gapDays);
    const spec = {
      ...TUTORIAL_SINE_SPEC,
      layers: [4],
      budget: { kind: 'steps' as const, steps: 20 },
    };
    const trained = await trainForecaster(series, spec, { transform: 'residual' });
    const evaluation = evaluateForecaster(trained.model, trained.prepared);
    disposeModel(trained.model);
    expect(evaluation.testStart).toBe(200);
    expect(evaluation.filledTestRows).toEqual(gapDays);
    expect(evaluation.predicted).toHaveLength(50);

    const keep = Array.from({ length: 50 }, (_, i) => i).filter((i) => !gapDays.includes(200 + i));
    expect(keep).toHaveLength(46);
    const masScale = naiveScale(series.target.values.subarray(0, trained.prepared.split.valStart));
    const scoreOn = (p: Float64Array) =>
      computeMetrics(
        keep.map((i) => evaluation.actual[i]!),
        keep.map((i) => p[i]!),
        { masScale },
      );
    expect(evaluation.metrics).toEqual(scoreOn(evaluation.predicted));
    const { persistence, autoArima } = evaluation.baselines;
    expect(persistence.metrics).toEqual(scoreOn(persistence.predicted));
    expect(autoArima!.metrics).toEqual(scoreOn(autoArima!.predicted));
    // All 50 rows scored would differ: the filled values are straight lines, easy to "predict".
    expect(persistence.metrics.rmse).not.toBeCloseTo(
      computeMetrics(evaluation.actual, persistence.predicted, { masScale }).rmse,
      6,
    );
  });
});
