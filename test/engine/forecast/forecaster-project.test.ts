import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src-main/engine/backend/select-backend';
import { TUTORIAL_SINE_SPEC } from '../../../src-main/engine/model/model-spec';
import { trainForecaster } from '../../../src-main/engine/forecast/train-forecaster';
import { evaluateForecaster } from '../../../src-main/engine/forecast/evaluate-forecaster';
import {
  hashSeries,
  openForecasterProject,
  saveForecasterProject,
} from '../../../src-main/engine/forecast/forecaster-project';
import { disposeModel } from '../../../src-main/engine/model/dispose-model';
import type { TimeSeries } from '../../../src-main/engine/data/time-series';
import type { ForecastDataOptions } from '../../../src-main/engine/forecast/train-forecaster';

const dir = mkdtempSync(join(tmpdir(), 'rnn-project-'));

function trendingSeries(): TimeSeries {
  const values = Float64Array.from(
    { length: 240 },
    (_, t) => 300 + 0.1 * t + 2 * Math.sin((2 * Math.PI * t) / 12),
  );
  return { times: null, frequency: null, target: { name: 'co2', values }, features: [] };
}

describe('forecaster projects', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Train briefly, save, open; both evaluations and the opened project for further checks. */
  async function saveAndOpen(
    series: TimeSeries,
    name: string,
    lookback: number,
    data: ForecastDataOptions = {},
  ) {
    const spec = {
      ...TUTORIAL_SINE_SPEC,
      layers: [6],
      lookback,
      budget: { kind: 'steps' as const, steps: 30 },
    };
    const trained = await trainForecaster(series, spec, data);
    const before = evaluateForecaster(trained.model, trained.prepared, { horizon: 6 });
    const record = {
      kind: 'forecast' as const,
      createdAt: new Date().toISOString(),
      backend: { name: 'cpu' as const, version: 'tfjs', fallbackReason: null },
      versions: { tfjs: '4.22.0' },
      seed: spec.seed,
      dataHash: hashSeries(series),
      seconds: trained.outcome.seconds,
      steps: trained.outcome.steps,
      status: trained.outcome.status,
      metrics: before.metrics,
    };
    const path = join(dir, name);
    await saveForecasterProject(path, {
      spec,
      model: trained.model,
      series,
      data,
      prepared: trained.prepared,
      record,
    });
    disposeModel(trained.model);
    const opened = await openForecasterProject(path);
    const after = evaluateForecaster(opened.model, opened.prepared, { horizon: 6 });
    disposeModel(opened.model);
    return { before, after, opened };
  }

  it('save → open gives identical predictions, the same transform and the run record', async () => {
    const series = trendingSeries();
    const { before, after, opened } = await saveAndOpen(series, 'co2-run', 12, {
      transform: 'difference',
    });
    expect(opened.prepared.transform).toBe('difference');
    expect(opened.record.dataHash).toBe(hashSeries(series));
    expect(opened.record.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Array.from(after.predicted)).toEqual(Array.from(before.predicted));
    expect(Array.from(after.future)).toEqual(Array.from(before.future));
  });

  it('keeps the seasonal transform and its season across save → open', async () => {
    const pattern = [0, 12, 9, 7, 14, 25, -20];
    const values = Float64Array.from(
      { length: 280 },
      (_, t) => 200 + pattern[t % 7]! + 2 * Math.sin(t * 1.7),
    );
    const series: TimeSeries = {
      times: null,
      frequency: { unit: 'day', step: 1, label: 'daily', seasonPeriod: 7 },
      target: { name: 'sales', values },
      features: [],
    };
    const { before, after, opened } = await saveAndOpen(series, 'sales-run', 5, {
      transform: 'seasonal',
    });
    expect(opened.prepared.transform).toBe('seasonal');
    expect(opened.prepared.season).toBe(7);
    expect(opened.data.season).toBe(7);
    expect(Array.from(after.predicted)).toEqual(Array.from(before.predicted));
    expect(Array.from(after.future)).toEqual(Array.from(before.future));
  });

  it('keeps both AutoARIMA fits of the arima transform across save → open', async () => {
    const series = trendingSeries();
    const { before, after, opened } = await saveAndOpen(series, 'arima-run', 12);
    // auto: AutoARIMA beats persistence on this trend × season; training fit on rows < 172,
    // forecast fit on rows < 192, both saved and reused, never refitted on open.
    expect(opened.prepared.transform).toBe('arima');
    expect(opened.data.transform).toBe('arima');
    expect(opened.data.arima?.training.order.season).toBe(12);
    expect(opened.prepared.arima!.fit).toEqual(opened.data.arima!.forecast);
    expect(before.baselines.autoArima!.model).toMatch(/^ARIMA\(\d,\d,\d\)\(\d,1,\d\)\[12\]/);
    expect(after.baselines.autoArima!.model).toBe(before.baselines.autoArima!.model);
    expect(Array.from(after.predicted)).toEqual(Array.from(before.predicted));
    expect(Array.from(after.future)).toEqual(Array.from(before.future));
  });

  it('refuses a model project that is not a forecaster with a clear error', async () => {
    const path = join(dir, 'co2-run');
    const text =
      '{"format":"rnn-studio-project","version":1,"spec":' +
      JSON.stringify(TUTORIAL_SINE_SPEC) +
      ',"extras":{}}';
    writeFileSync(join(path, 'project.json'), text);
    await expect(openForecasterProject(path)).rejects.toMatchObject({ code: 'PROJECT_CORRUPT' });
  });
});
