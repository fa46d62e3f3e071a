import type { RunResultValue } from '../../../src-main/contract/train-schemas';
import type { ClosedLoopChartInput } from '../charts/closed-loop-option';

/** Longest closed-loop forecast the panel asks for (the engine allows more; a chart does not). */
export const MAX_CLOSED_LOOP_HORIZON = 500;

/**
 * Steps ahead shown by default: the run's own error-by-horizon length when it has one, else the
 * season of its seasonal baseline, else 12.
 */
export function defaultHorizon(run: RunResultValue): number {
  const fromRun = run.horizonErrors?.length ?? 0;
  if (fromRun > 0) return fromRun;
  const season = run.baselines.seasonalNaive.season;
  return season !== null && season >= 2 ? Math.min(season, MAX_CLOSED_LOOP_HORIZON) : 12;
}

/** Rows a closed-loop forecast can start from in the panel: the test rows, and the very end. */
export function originRange(run: RunResultValue): { min: number; max: number } {
  const min = run.test.startRow;
  return { min, max: min + run.test.actual.length };
}

/** An origin and horizon the engine will accept, from whatever the inputs hold. */
export function clampRequest(
  run: RunResultValue,
  origin: number,
  horizon: number,
): { origin: number; horizon: number } {
  const { min, max } = originRange(run);
  const o = Number.isFinite(origin) ? Math.round(origin) : min;
  const h = Number.isFinite(horizon) ? Math.round(horizon) : defaultHorizon(run);
  return {
    origin: Math.min(max, Math.max(min, o)),
    horizon: Math.min(MAX_CLOSED_LOOP_HORIZON, Math.max(1, h)),
  };
}

/**
 * The test rows the open-vs-closed chart shows: some rows before the origin for context (as many
 * as the horizon, at least 12), then the rows the closed-loop forecast covers that have actuals.
 */
export function closedLoopWindow(
  run: RunResultValue,
  origin: number,
  horizon: number,
): ClosedLoopChartInput['window'] {
  const { min, max } = originRange(run);
  const context = Math.max(12, horizon);
  const to = Math.min(max, Math.max(origin + horizon, min + 1));
  const from = Math.max(min, Math.min(origin, to - 1) - context);
  const slice = <T>(values: readonly T[]): T[] => values.slice(from - min, to - min);
  return {
    start: from,
    times: run.test.times === null ? null : slice(run.test.times),
    actual: slice(run.test.actual),
    oneStep: slice(run.test.predicted),
  };
}

export interface LoopComparison {
  /** Rows with an actual value that both forecasts cover. */
  rows: number;
  oneStepMae: number;
  closedLoopMae: number;
}

/**
 * One-step and closed-loop errors on the rows the closed-loop forecast covers that have actual
 * values: the same rows, so the two numbers compare directly. Null when no row has both.
 */
export function compareLoops(
  run: RunResultValue,
  closedLoop: { origin: number; actual: readonly number[]; predicted: readonly number[] },
): LoopComparison | null {
  const start = run.test.startRow;
  let rows = 0;
  let oneStep = 0;
  let closed = 0;
  for (let i = 0; i < closedLoop.actual.length; i++) {
    const row = closedLoop.origin + i - start;
    const open = run.test.predicted[row];
    const predicted = closedLoop.predicted[i];
    if (open === undefined || predicted === undefined || row < 0) continue;
    const actual = closedLoop.actual[i]!;
    oneStep += Math.abs(actual - open);
    closed += Math.abs(actual - predicted);
    rows++;
  }
  return rows === 0 ? null : { rows, oneStepMae: oneStep / rows, closedLoopMae: closed / rows };
}
