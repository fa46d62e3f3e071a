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
