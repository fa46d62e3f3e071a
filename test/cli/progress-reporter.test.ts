import { describe, expect, it } from 'vitest';
import {
  formatSeconds,
  makeProgressReporter,
  progressFraction,
} from '../../src-main/cli/progress-reporter';
import type { TrainProgress } from '../../src-main/engine/train/train-progress';

function progress(overrides: Partial<TrainProgress>): TrainProgress {
  return {
    step: 100,
    totalSteps: 1000,
    epoch: 1,
    totalEpochs: 10,
    loss: 0.5,
    valLoss: null,
    samplesPerSecond: 64,
    elapsedSeconds: 10,
    etaSeconds: 90,
    ...overrides,
  };
}

describe('CLI progress', () => {
  it('goes by steps when the steps end the run', () => {
    expect(progressFraction(progress({}))).toBeCloseTo(0.1, 10);
  });

  it('goes by time when a time budget ends the run first', () => {
    // 1594 of 7140 steps when 540 s of a 540 s budget are gone: the bar is full, not at 22 %.
    const p = progress({ step: 1594, totalSteps: 7140, elapsedSeconds: 540, etaSeconds: 0 });
    expect(progressFraction(p)).toBe(1);
    const half = progress({ step: 800, totalSteps: 7140, elapsedSeconds: 270, etaSeconds: 270 });
    expect(progressFraction(half)).toBeCloseTo(0.5, 10);
  });

  it('writes a plain line with the percentage on a pipe', () => {
    const lines: string[] = [];
    const stream = {
      isTTY: false,
      write: (text: string) => lines.push(text),
    } as unknown as NodeJS.WriteStream;
    const reporter = makeProgressReporter('lm', stream);
    reporter.update(
      progress({ step: 800, totalSteps: 7140, elapsedSeconds: 270, etaSeconds: 270 }),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(' 50% step 800/7140 epoch 1 loss 0.500');
    expect(lines[0]).toContain('ETA 4m30s');
  });

  it('formats seconds as the bar shows them', () => {
    expect(formatSeconds(59.4)).toBe('59s');
    expect(formatSeconds(61)).toBe('1m01s');
    expect(formatSeconds(Number.POSITIVE_INFINITY)).toBe('--');
  });
});
