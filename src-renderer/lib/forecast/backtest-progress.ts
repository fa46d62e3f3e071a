import type { BacktestProgressValue } from '../../../src-main/contract/analysis-schemas';

/**
 * How far a backtest has got, 0–1: finished folds, plus the share of the current fold's training.
 * Without retraining only the first fold trains; the others take no time, so its training is
 * nearly the whole job.
 */
export function backtestFraction(progress: BacktestProgressValue | null, retrain: boolean): number {
  if (progress === null || progress.folds < 1) return 0;
  const training =
    progress.progress !== null && progress.progress.totalSteps > 0
      ? Math.min(1, progress.progress.step / progress.progress.totalSteps)
      : 0;
  if (!retrain) return progress.fold > 1 ? 1 : training;
  return Math.min(1, (progress.fold - 1 + training) / progress.folds);
}

/** "Fold 2 of 3 · training step 120 of 300" for the line under the bar. */
export function describeBacktestProgress(progress: BacktestProgressValue | null): string {
  if (progress === null) return 'Starting…';
  const fold = `Fold ${progress.fold} of ${progress.folds}`;
  const p = progress.progress;
  return p === null
    ? `${fold} · predicting`
    : `${fold} · training step ${p.step.toLocaleString()} of ${p.totalSteps.toLocaleString()}`;
}
