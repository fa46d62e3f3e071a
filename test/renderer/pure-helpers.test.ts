// Pure logic: no DOM needed, so skip the cost of starting jsdom.
// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { gapBins } from '../../src-renderer/lib/data/gap-bins';
import { parseDateInput } from '../../src-renderer/lib/data/frequency';
import {
  formatBytes,
  formatDuration,
  formatPercent,
  formatValue,
} from '../../src-renderer/lib/format';
import { bestRows, hasSeason, metricRows } from '../../src-renderer/lib/forecast/metric-rows';
import {
  describeBudget,
  describeSpec,
  dropoutDisabledReason,
} from '../../src-renderer/lib/spec/describe-spec';
import {
  friendlyMessage,
  issuesAt,
  summaryIssues,
  unplacedIssues,
} from '../../src-renderer/lib/spec/spec-issues';
import { TUTORIAL_SINE_SPEC } from '../../src-renderer/lib/presets';
import { throttle, type Timers } from '../../src-renderer/lib/stores/throttle';
import { epochCounter, progressFromRun } from '../../src-renderer/lib/train/run-progress';
import { makeRun } from './helpers/fixtures';

describe('spec issues', () => {
  const issues = summaryIssues({
    valid: false,
    errors: [
      { path: 'layers.1', message: 'each layer needs at least 1 unit' },
      { path: 'lookback', message: 'Invalid input: expected number, received null' },
      { path: '', message: 'something about the whole spec' },
    ],
    warnings: [{ path: 'dropout', message: 'no effect with one layer' }],
    layers: [],
    totalParams: 0,
  });

  it('turns zod’s wording for an empty number field into an instruction', () => {
    expect(issuesAt(issues, 'lookback')[0]!.message).toBe('enter a number');
    expect(friendlyMessage('learning rate must be > 0')).toBe('learning rate must be > 0');
  });

  it('finds issues by path, nested or exact', () => {
    expect(issuesAt(issues, 'layers').map((i) => i.path)).toEqual(['layers.1']);
    expect(issuesAt(issues, 'layers', false)).toEqual([]);
    expect(issuesAt(issues, 'dropout')[0]!.severity).toBe('warning');
  });

  it('lists the issues no field shows', () => {
    expect(unplacedIssues(issues).map((i) => i.message)).toEqual([
      'something about the whole spec',
    ]);
    expect(summaryIssues(null)).toEqual([]);
  });
});

describe('spec descriptions', () => {
  it('describes the tutorial network in one line', () => {
    expect(describeSpec(TUTORIAL_SINE_SPEC)).toBe('2 × LSTM (30, 30), lookback 10');
    expect(describeBudget({ kind: 'epochs', epochs: 1 })).toBe('1 epoch');
    expect(dropoutDisabledReason(1)).toMatch(/between stacked layers/);
    expect(dropoutDisabledReason(2)).toBeNull();
  });
});

describe('gap bins', () => {
  it('folds filled rows into bins as fractions', () => {
    expect(gapBins([0, 1, 9], 10, 5)).toEqual([1, 0, 0, 0, 0.5]);
    expect(gapBins([], 3, 10)).toEqual([0, 0, 0]);
    expect(gapBins([5], 0, 10)).toEqual([]);
  });

  it('keeps every fraction in [0, 1] for uneven bins and ignores rows out of range', () => {
    const filled = Array.from({ length: 1000 }, (_, i) => i);
    const bins = gapBins([...filled, -1, 5000], 1000, 7);
    expect(bins).toHaveLength(7);
    expect(bins.every((b) => b === 1)).toBe(true);
  });
});

describe('formatting', () => {
  it('formats durations, bytes, percents and values', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 kB');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(12.345)).toBe('12.3 %');
    expect(formatValue(Number.NaN)).toBe('—');
    expect(formatValue(0.00001234)).toBe('1.23e-5');
  });

  it('reads a date input as UTC midnight', () => {
    expect(parseDateInput('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseDateInput('')).toBeNull();
  });
});

describe('epoch counter', () => {
  it('rounds the fractional total up and never shows it below the current epoch', () => {
    // 1 400 steps of 1 000 per epoch: the run ends in its second epoch ("2 / 1" before).
    expect(epochCounter({ epoch: 2, totalEpochs: 1.4 })).toEqual({ epoch: 2, total: 2 });
    expect(epochCounter({ epoch: 1, totalEpochs: 1.4 })).toEqual({ epoch: 1, total: 2 });
    expect(epochCounter({ epoch: 3, totalEpochs: 3 })).toEqual({ epoch: 3, total: 3 });
    expect(epochCounter({ epoch: 3, totalEpochs: 3.0000000001 })).toEqual({ epoch: 3, total: 3 });
    // A finished run's total is its last epoch; a budget shorter than one epoch still shows 1 / 1.
    expect(epochCounter({ epoch: 4, totalEpochs: 2 })).toEqual({ epoch: 4, total: 4 });
    expect(epochCounter({ epoch: 1, totalEpochs: 0.3 })).toEqual({ epoch: 1, total: 1 });
  });
});

describe('metric rows', () => {
  it('puts the model first and finds the best row of each metric, skipping nulls', () => {
    const rows = metricRows(makeRun());
    expect(rows.map((r) => r.id)).toEqual(['model', 'persistence', 'seasonalNaive', 'drift']);
    expect(rows[2]!.detail).toBe('season 2');
    const best = bestRows(rows);
    expect(best.rmse).toBe(2);
    expect(best.mape).toBe(0);
  });

  it('says when the engine found no season instead of naming season 1', () => {
    const run = makeRun();
    const noSeason = makeRun({
      baselines: {
        ...run.baselines,
        seasonalNaive: { ...run.baselines.seasonalNaive, season: 1 },
      },
    });
    expect(metricRows(noSeason)[2]!.detail).toBe('no season found: same as persistence');
    expect([null, 1, 2, 628].map(hasSeason)).toEqual([false, false, true, true]);
  });

  it('lists AutoARIMA with its order after the naive baselines when the run has it', () => {
    const run = makeRun();
    const metrics = { rmse: 0.01, mae: 0.01, mape: 1, smape: 1, mase: 0.3 };
    const withArima = makeRun({
      baselines: {
        ...run.baselines,
        autoArima: {
          name: 'autoArima',
          season: 12,
          model: 'ARIMA(0,1,1)(0,1,1)[12]',
          predicted: run.baselines.persistence.predicted,
          metrics,
          closedLoop: run.baselines.persistence.predicted,
          closedLoopMetrics: metrics,
          future: [],
        },
      },
    });
    const rows = metricRows(withArima);
    expect(rows.map((r) => r.id)).toEqual([
      'model',
      'persistence',
      'seasonalNaive',
      'drift',
      'autoArima',
    ]);
    expect(rows[4]!.detail).toBe('ARIMA(0,1,1)(0,1,1)[12], fitted before the test rows');
    expect(bestRows(rows).rmse).toBe(4);
  });
});

describe('throttle', () => {
  function fakeTimers(): Timers & { advance(ms: number): void } {
    let now = 0;
    let pending: { at: number; fn: () => void } | null = null;
    return {
      now: () => now,
      setTimeout: (fn, ms) => (pending = { at: now + ms, fn }),
      clearTimeout: () => (pending = null),
      advance(ms) {
        now += ms;
        if (pending && pending.at <= now) {
          const { fn } = pending;
          pending = null;
          fn();
        }
      },
    };
  }

  it('runs at once, then at most once per interval, never losing the last request', () => {
    const timers = fakeTimers();
    const fn = vi.fn();
    const throttled = throttle(fn, 200, timers);
    throttled.request();
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i++) throttled.request();
    expect(fn).toHaveBeenCalledTimes(1);
    timers.advance(199);
    expect(fn).toHaveBeenCalledTimes(1);
    timers.advance(1);
    expect(fn).toHaveBeenCalledTimes(2);
    throttled.request();
    throttled.flush();
    expect(fn).toHaveBeenCalledTimes(3);
    throttled.request();
    throttled.cancel();
    timers.advance(1000);
    expect(fn).toHaveBeenCalledTimes(3);
  });
});

describe('progress of a finished run', () => {
  it('reports where the run ended, its time, throughput and last losses', () => {
    const run = makeRun({
      steps: 300,
      seconds: 12,
      history: [
        { step: 100, epoch: 1, loss: 0.5, valLoss: 0.6 },
        { step: 300, epoch: 3, loss: 0.2, valLoss: null },
      ],
    });
    expect(progressFromRun(run)).toEqual({
      step: 300,
      totalSteps: 300,
      epoch: 3,
      totalEpochs: 3,
      loss: 0.2,
      valLoss: 0.6,
      samplesPerSecond: (300 * 32) / 12,
      elapsedSeconds: 12,
      etaSeconds: 0,
    });
  });
});
