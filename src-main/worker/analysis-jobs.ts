import {
  selectBackend,
  type BackendChoice,
  type BackendInfo,
} from '../engine/backend/select-backend';
import type { TimeSeries } from '../engine/data/time-series';
import type { ModelSpec } from '../engine/model/model-spec';
import { predictRecursive } from '../engine/forecast/predict-series';
import { backtestForecaster, type BacktestResult } from '../engine/forecast/analysis/backtest';
import type { ForecastDataOptions } from '../engine/forecast/train-forecaster';
import type { TrainProgress } from '../engine/train/train-progress';
import { EngineError } from '../engine/util/engine-error';
import type { KeptRun, WorkerSession } from './worker-session';

/** A closed-loop forecast with a kept run's model: `horizon` rows from row `origin`. */
export interface ClosedLoopJob {
  runId: string;
  origin: number;
  horizon: number;
}
export interface ClosedLoopJobResult {
  /** Actual values of the forecast rows that exist (fewer than `horizon` past the end). */
  actual: Float64Array;
  predicted: Float64Array;
}

/** A rolling-origin backtest of a kept run's setup, or of a spec on a series sent with the job. */
export interface BacktestJob {
  backend: BackendChoice;
  source: { runId: string } | { series: TimeSeries; spec: ModelSpec; data: ForecastDataOptions };
  folds: number;
  retrain: boolean;
}
export interface BacktestJobProgress {
  fold: number;
  folds: number;
  /** Training progress inside the fold; null when the fold starts (or needs no training). */
  progress: TrainProgress | null;
}
export interface BacktestJobResult extends BacktestResult {
  backend: BackendInfo;
  seconds: number;
}

function requireKept(session: WorkerSession, runId: string): KeptRun {
  const run = session.get(runId);
  if (run === undefined) {
    throw new EngineError(
      'INVALID_OPTIONS',
      'the model of this run is no longer in memory; train it again or open its project',
    );
  }
  return run;
}

export function closedLoopJob(session: WorkerSession, request: ClosedLoopJob): ClosedLoopJobResult {
  const { model, prepared } = requireKept(session, request.runId);
  const n = prepared.original.length;
  const { origin, horizon } = request;
  if (!Number.isInteger(origin) || origin < prepared.firstRow || origin > n) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `a closed-loop forecast can start at rows ${prepared.firstRow} to ${n} (got ${origin}): the model needs ${prepared.firstRow} rows of input before it`,
    );
  }
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `the horizon must be at least 1 step (got ${horizon})`,
    );
  }
  return {
    actual: prepared.original.slice(origin, Math.min(n, origin + horizon)),
    predicted: predictRecursive(model, prepared, origin, horizon),
  };
}

export async function backtestJob(
  session: WorkerSession,
  request: BacktestJob,
  hooks: { onProgress: (progress: BacktestJobProgress) => void; isCancelled: () => boolean },
): Promise<BacktestJobResult> {
  const backend = await selectBackend(request.backend);
  const { series, spec, data } =
    'runId' in request.source ? requireKept(session, request.source.runId) : request.source;
  const started = performance.now();
  let fold = 0;
  let folds = request.folds;
  const result = await backtestForecaster(
    series,
    spec,
    data,
    {
      folds: request.folds,
      retrain: request.retrain,
      testFraction: data.split?.testFraction ?? 0.2,
    },
    {
      isCancelled: hooks.isCancelled,
      onFold: (k, total) => {
        fold = k;
        folds = total;
        hooks.onProgress({ fold, folds, progress: null });
      },
      onProgress: (progress) => hooks.onProgress({ fold, folds, progress }),
    },
  );
  return { ...result, backend, seconds: (performance.now() - started) / 1000 };
}
