// Pure logic: no DOM needed, so skip the cost of starting jsdom.
// @vitest-environment node
import type { BarSeriesOption, LineSeriesOption } from 'echarts';
import { describe, expect, it } from 'vitest';
import type {
  BacktestResultValue,
  HistoryRowValue,
} from '../../src-main/contract/analysis-schemas';
import { chartPalette } from '../../src-renderer/lib/charts/chart-theme';
import { buildBacktestOption } from '../../src-renderer/lib/charts/backtest-option';
import { buildClosedLoopOption } from '../../src-renderer/lib/charts/closed-loop-option';
import { buildHorizonErrorOption } from '../../src-renderer/lib/charts/horizon-error-option';
import {
  backtestFraction,
  describeBacktestProgress,
} from '../../src-renderer/lib/forecast/backtest-progress';
import { backtestBars, foldRowsLabel } from '../../src-renderer/lib/forecast/backtest-rows';
import {
  clampRequest,
  closedLoopWindow,
  compareLoops,
  defaultHorizon,
  originRange,
} from '../../src-renderer/lib/forecast/closed-loop';
import { stepsBeatingPersistence } from '../../src-renderer/lib/forecast/horizon-summary';
import {
  bestRunByData,
  rmseRatio,
  shortHash,
} from '../../src-renderer/lib/forecast/run-comparison';
import { TUTORIAL_SINE_SPEC } from '../../src-renderer/lib/presets';
import { makeRun } from './helpers/fixtures';

const palette = chartPalette('light');
const lines = (option: { series?: unknown }): LineSeriesOption[] =>
  option.series as LineSeriesOption[];
const metrics = (rmse: number) => ({ rmse, mae: rmse / 2, mape: null, smape: 1, mase: 1 });

/** 20 test rows from row 80, actual = row, one-step = row + 0.5. */
const RUN = makeRun({
  split: { n: 100, valStart: 70, testStart: 80 },
  test: {
    startRow: 80,
    times: null,
    actual: Array.from({ length: 20 }, (_, i) => 80 + i),
    predicted: Array.from({ length: 20 }, (_, i) => 80.5 + i),
  },
});

describe('error by horizon chart', () => {
  const errors = [
    { step: 1, mae: 1, rmse: 1.5, origins: 30, persistenceMae: 2, persistenceRmse: 2.5 },
    { step: 2, mae: 2, rmse: 2.5, origins: 30, persistenceMae: 2.1, persistenceRmse: 2.6 },
    { step: 3, mae: 3, rmse: 3.5, origins: 30, persistenceMae: 2.2, persistenceRmse: 2.7 },
  ];

  it('draws model RMSE and MAE against the step, with persistence from the same origins dashed', () => {
    const option = buildHorizonErrorOption(errors, palette);
    const series = lines(option);
    expect(series.map((s) => s.name)).toEqual([
      'model RMSE',
      'model MAE',
      'persistence RMSE',
      'persistence MAE',
    ]);
    expect(series[0]!.data).toEqual([
      [1, 1.5],
      [2, 2.5],
      [3, 3.5],
    ]);
    expect(series[2]!.data).toEqual([
      [1, 2.5],
      [2, 2.6],
      [3, 2.7],
    ]);
    expect(series[2]!.lineStyle!.type).toBe('dashed');
    expect(option.xAxis).toMatchObject({ name: 'steps ahead', min: 1, max: 3, minInterval: 1 });
    expect(option.yAxis).toMatchObject({ min: 0 });
  });

  it('leaves persistence out for runs saved before it was reported', () => {
    const old = errors.map(({ step, mae, rmse }) => ({ step, mae, rmse }));
    expect(lines(buildHorizonErrorOption(old, palette)).map((s) => s.name)).toEqual([
      'model RMSE',
      'model MAE',
    ]);
    expect(stepsBeatingPersistence(old)).toBeNull();
  });

  it('counts the leading steps where the model beats persistence', () => {
    expect(stepsBeatingPersistence(errors)).toBe(2);
    expect(stepsBeatingPersistence(errors.slice(0, 1))).toBe(1);
    expect(stepsBeatingPersistence([{ ...errors[0]!, rmse: 9 }])).toBe(0);
    expect(stepsBeatingPersistence([])).toBeNull();
  });
});

describe('backtest chart and table', () => {
  const result: BacktestResultValue = {
    jobId: 'j',
    retrain: true,
    cancelled: false,
    seconds: 4,
    overall: { metrics: metrics(2), persistence: metrics(3) },
    folds: [
      {
        fold: 1,
        trainEnd: 80,
        testStart: 80,
        testEnd: 90,
        startTime: Date.UTC(2019, 0, 1),
        endTime: Date.UTC(2019, 9, 1),
        metrics: metrics(1),
        persistence: metrics(3),
      },
      {
        fold: 2,
        trainEnd: 90,
        testStart: 90,
        testEnd: 100,
        startTime: null,
        endTime: null,
        metrics: metrics(3),
        persistence: metrics(3.1),
      },
    ],
  };

  it('puts model and persistence RMSE side by side per fold and for all folds', () => {
    const bars = backtestBars(result);
    expect(bars).toEqual([
      { label: 'Fold 1', rmse: 1, persistenceRmse: 3 },
      { label: 'Fold 2', rmse: 3, persistenceRmse: 3.1 },
      { label: 'All', rmse: 2, persistenceRmse: 3 },
    ]);
    const option = buildBacktestOption(bars, palette);
    const series = option.series as BarSeriesOption[];
    expect(series.map((s) => [s.type, s.name, s.data])).toEqual([
      ['bar', 'model', [1, 3, 2]],
      ['bar', 'persistence', [3, 3.1, 3]],
    ]);
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['Fold 1', 'Fold 2', 'All'] });
  });

  it('labels a fold by its dates, or by its rows without a time axis', () => {
    expect(foldRowsLabel(result.folds[0]!)).toBe('2019-01-01 – 2019-10-01');
    expect(foldRowsLabel(result.folds[1]!)).toBe('rows 90 – 99');
  });

  it('reports progress as finished folds plus the share of the current fold’s training', () => {
    const step = (fold: number, s: number | null) => ({
      jobId: 'j',
      fold,
      folds: 4,
      progress:
        s === null
          ? null
          : {
              step: s,
              totalSteps: 100,
              epoch: 1,
              totalEpochs: 1,
              loss: 1,
              valLoss: null,
              samplesPerSecond: 1,
              elapsedSeconds: 1,
              etaSeconds: 1,
            },
    });
    expect(backtestFraction(null, true)).toBe(0);
    expect(backtestFraction(step(1, 50), true)).toBeCloseTo(0.125);
    expect(backtestFraction(step(3, null), true)).toBeCloseTo(0.5);
    // Without retraining only fold 1 trains; the later folds are instant.
    expect(backtestFraction(step(1, 50), false)).toBeCloseTo(0.5);
    expect(backtestFraction(step(2, null), false)).toBe(1);
    expect(describeBacktestProgress(step(2, 50))).toBe('Fold 2 of 4 · training step 50 of 100');
    expect(describeBacktestProgress(step(3, null))).toBe('Fold 3 of 4 · predicting');
  });
});

describe('open loop against closed loop', () => {
  it('starts at the first test row with the run’s horizon, and keeps requests in range', () => {
    expect(originRange(RUN)).toEqual({ min: 80, max: 100 });
    expect(defaultHorizon(RUN)).toBe(2); // the fixture's seasonal baseline: season 2
    expect(defaultHorizon({ ...RUN, horizonErrors: [] })).toBe(2);
    expect(
      defaultHorizon({
        ...RUN,
        horizonErrors: Array.from({ length: 6 }, (_, i) => ({
          step: i + 1,
          mae: 1,
          rmse: 1,
          origins: 3,
        })),
      }),
    ).toBe(6);
    expect(
      defaultHorizon({
        ...RUN,
        baselines: {
          ...RUN.baselines,
          seasonalNaive: { ...RUN.baselines.seasonalNaive, season: null },
        },
      }),
    ).toBe(12);
    expect(clampRequest(RUN, 10, 0)).toEqual({ origin: 80, horizon: 1 });
    expect(clampRequest(RUN, 150, 5.6)).toEqual({ origin: 100, horizon: 6 });
    expect(clampRequest(RUN, Number.NaN, Number.NaN)).toEqual({ origin: 80, horizon: 2 });
  });

  it('shows context before the origin and the rows the forecast covers', () => {
    const window = closedLoopWindow(RUN, 90, 4);
    // At least 12 rows of context: from row 80 (the test start) to 94.
    expect(window.start).toBe(80);
    expect(window.actual).toEqual(RUN.test.actual.slice(0, 14));
    expect(window.oneStep).toEqual(RUN.test.predicted.slice(0, 14));
    // From the end of the data there are no rows ahead: the last rows stay in view.
    const end = closedLoopWindow(RUN, 100, 5);
    expect(end.actual.length).toBeGreaterThan(0);
    expect(end.start + end.actual.length).toBe(100);
  });

  it('overlays the closed-loop forecast from its origin, marked, on the one-step predictions', () => {
    const option = buildClosedLoopOption(
      {
        valueName: 'y',
        window: closedLoopWindow(RUN, 90, 4),
        closedLoop: { origin: 90, times: null, predicted: [90, 90.5, 91, 91.5] },
      },
      palette,
    );
    const series = lines(option);
    expect(series.map((s) => s.name)).toEqual(['actual', 'one step (open loop)', 'closed loop']);
    expect(series[1]!.data).toHaveLength(14);
    expect((series[1]!.data as number[][])[0]).toEqual([80, 80.5]);
    expect(series[2]!.data).toEqual([
      [90, 90],
      [91, 90.5],
      [92, 91],
      [93, 91.5],
    ]);
    expect(series[2]!.markLine!.data).toEqual([{ xAxis: 90 }]);
    // Times, when the series has them, are the x values of both parts.
    const timed = buildClosedLoopOption(
      {
        valueName: 'y',
        window: { start: 5, times: [1000, 2000], actual: [1, 2], oneStep: [1, 2] },
        closedLoop: { origin: 6, times: [2000, 3000], predicted: [2, 3] },
      },
      palette,
    );
    expect((timed.xAxis as { type: string }).type).toBe('time');
    expect(lines(timed)[2]!.data).toEqual([
      [2000, 2],
      [3000, 3],
    ]);
    const none = buildClosedLoopOption(
      { valueName: 'y', window: closedLoopWindow(RUN, 90, 4), closedLoop: null },
      palette,
    );
    expect(lines(none)).toHaveLength(2);
  });

  it('compares one-step and closed-loop errors on the same rows', () => {
    const comparison = compareLoops(RUN, {
      origin: 98,
      actual: [98, 99],
      predicted: [100, 101],
    });
    // One-step is off by 0.5 on every row; this closed loop by 2.
    expect(comparison).toEqual({ rows: 2, oneStepMae: 0.5, closedLoopMae: 2 });
    expect(compareLoops(RUN, { origin: 100, actual: [], predicted: [1, 2] })).toBeNull();
  });
});

describe('run comparison', () => {
  const row = (runId: string, dataHash: string, rmse: number | null): HistoryRowValue => ({
    runId,
    createdAt: '2026-01-01T00:00:00.000Z',
    datasetId: 'd',
    datasetName: 'co2',
    dataHash,
    spec: TUTORIAL_SINE_SPEC,
    seed: 1,
    backend: { name: 'cpu', version: '4.22.0', fallbackReason: null },
    versions: {},
    status: 'completed',
    steps: 10,
    seconds: 1,
    metrics: rmse === null ? null : metrics(rmse),
    persistence: metrics(2),
    source: 'trained',
    available: true,
  });

  it('gives the RMSE ratio to persistence and the best run on each dataset', () => {
    expect(rmseRatio(row('a', 'h1', 1))).toBe(0.5);
    expect(rmseRatio(row('a', 'h1', null))).toBeNull();
    expect(shortHash('0123456789abcdef')).toBe('01234567');
    const best = bestRunByData([
      row('a', 'h1', 1.2),
      row('b', 'h1', 0.9),
      row('c', 'h2', 3),
      row('d', 'h2', null),
    ]);
    expect([...best].sort()).toEqual(['b', 'c']);
  });
});
