import type { ProgressValue, RunResultValue } from '../../../src-main/contract/train-schemas';

/**
 * The progress numbers of a finished run, for when no live progress is at hand (after a reload,
 * an opened project, or once the run is done): where it ended, how long it took, its last losses.
 */
export function progressFromRun(run: RunResultValue): ProgressValue {
  const last = run.history.at(-1);
  const lastVal = run.history.findLast((point) => point.valLoss !== null);
  const samples = run.steps * run.spec.batchSize;
  return {
    step: run.steps,
    totalSteps: run.steps,
    epoch: last?.epoch ?? 0,
    totalEpochs: last?.epoch ?? 0,
    loss: last?.loss ?? Number.NaN,
    valLoss: lastVal?.valLoss ?? null,
    samplesPerSecond: run.seconds > 0 ? samples / run.seconds : 0,
    elapsedSeconds: run.seconds,
    etaSeconds: 0,
  };
}

/**
 * The epoch counter as shown: "2 / 2", never "2 / 1". The engine reports the total as a fraction
 * (totalSteps / stepsPerEpoch, e.g. 1.4 when the budget ends in the second epoch); the epoch being
 * run counts, so the total is rounded up, and never shown below the current epoch.
 */
export function epochCounter(progress: Pick<ProgressValue, 'epoch' | 'totalEpochs'>): {
  epoch: number;
  total: number;
} {
  const epoch = Math.max(0, Math.ceil(progress.epoch));
  // A hair over a whole number is floating-point noise (3000 / 1000.0000001), not another epoch.
  const total = Math.ceil(progress.totalEpochs - 1e-9);
  return { epoch, total: Math.max(epoch, Number.isFinite(total) ? total : epoch) };
}
