import * as tf from '@tensorflow/tfjs';
import {
  selectBackend,
  type BackendChoice,
  type BackendInfo,
} from '../engine/backend/select-backend';
import type { ModelSpec } from '../engine/model/model-spec';
import type { TimeSeries } from '../engine/data/time-series';
import { readCsvFile, readCsvText, toTimeSeries, type ImportReport } from '../engine/data/csv';
import type { CsvReadOptions } from '../engine/data/csv';
import type { DateUnit, FillPolicy } from '../engine/data/csv';
import { runSineExperiment } from '../engine/experiments/sine-experiment';
import { trainForecaster, type ForecastDataOptions } from '../engine/forecast/train-forecaster';
import {
  evaluateForecaster,
  type EvaluateOptions,
  type ForecastEvaluation,
} from '../engine/forecast/evaluate-forecaster';
import {
  hashSeries,
  openForecasterProject,
  saveForecasterProject,
  type RunRecord,
} from '../engine/forecast/forecaster-project';
import { disposeModel } from '../engine/model/dispose-model';
import { EngineError } from '../engine/util/engine-error';
import type { TrainOutcome, TrainProgress } from '../engine/train/train-progress';
import type { WorkerSession } from './worker-session';
import type { TargetTransform } from '../engine/data/series/target-transform';
import {
  backtestJob,
  closedLoopJob,
  type BacktestJob,
  type BacktestJobProgress,
  type BacktestJobResult,
  type ClosedLoopJob,
  type ClosedLoopJobResult,
} from './analysis-jobs';
import { LANGUAGE_JOB_HANDLERS, type LanguageJobTypes } from './language-jobs';

/** The jobs the worker runs: request, result and progress types per kind, all plain data. */
export interface SineJob {
  backend: BackendChoice;
  spec?: ModelSpec;
  trainCount?: number;
  testCount?: number;
}
export interface SineJobResult {
  backend: BackendInfo;
  outcome: TrainOutcome;
  rmse: number;
  actual: Float64Array;
  predicted: Float64Array;
  paramCount: number;
}

export interface ForecastJob {
  backend: BackendChoice;
  series: TimeSeries;
  spec: ModelSpec;
  data?: ForecastDataOptions;
  evaluate?: EvaluateOptions;
  /** Keep the trained model in the worker under this id (for saving); disposed otherwise. */
  keepAs?: string;
}
export interface ForecastJobResult {
  backend: BackendInfo;
  outcome: TrainOutcome;
  evaluation: ForecastEvaluation;
  paramCount: number;
  transform: TargetTransform;
  /** Why that transform (absent for a reopened project, which does not re-decide it). */
  transformReason?: string;
  split: { n: number; valStart: number; testStart: number };
  record: RunRecord;
}

export interface ImportJob {
  source: { path: string } | { text: string };
  read?: Omit<CsvReadOptions, 'onProgress' | 'signal'>;
  target: string;
  features: string[];
  date: string | null;
  fill: FillPolicy;
  dateUnit?: DateUnit;
}
export interface ImportJobResult {
  series: TimeSeries;
  report: ImportReport;
}
export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
}

export interface SaveJob {
  runId: string;
  dir: string;
  result?: unknown;
}
export interface OpenJob {
  dir: string;
  keepAs: string;
  evaluate?: EvaluateOptions;
}
export interface OpenJobResult {
  spec: ModelSpec;
  series: TimeSeries;
  record: RunRecord;
  result: unknown;
  evaluation: ForecastEvaluation;
}

export interface JobTypes extends LanguageJobTypes {
  backend: { request: { backend: BackendChoice }; result: BackendInfo; progress: never };
  sine: { request: SineJob; result: SineJobResult; progress: TrainProgress };
  forecast: { request: ForecastJob; result: ForecastJobResult; progress: TrainProgress };
  import: { request: ImportJob; result: ImportJobResult; progress: ImportProgress };
  save: { request: SaveJob; result: { dir: string }; progress: never };
  open: { request: OpenJob; result: OpenJobResult; progress: never };
  'closed-loop': { request: ClosedLoopJob; result: ClosedLoopJobResult; progress: never };
  backtest: { request: BacktestJob; result: BacktestJobResult; progress: BacktestJobProgress };
  /** Test hook: kills the worker thread, to prove the host recovers. */
  crash: { request: Record<string, never>; result: never; progress: never };
}
export type JobKind = keyof JobTypes;

export interface JobContext<P> {
  onProgress: (progress: P) => void;
  isCancelled: () => boolean;
  session: WorkerSession;
}

export type JobHandler<K extends JobKind> = (
  request: JobTypes[K]['request'],
  context: JobContext<JobTypes[K]['progress']>,
) => Promise<JobTypes[K]['result']>;

function versions(): Record<string, string> {
  return { tfjs: tf.version.tfjs, node: process.versions.node };
}

export const JOB_HANDLERS: { [K in JobKind]: JobHandler<K> } = {
  ...LANGUAGE_JOB_HANDLERS,
  backend(request) {
    return selectBackend(request.backend);
  },

  async sine(request, { onProgress, isCancelled }) {
    const backend = await selectBackend(request.backend);
    const result = await runSineExperiment({ ...request, onProgress, isCancelled });
    const paramCount = result.model.countParams();
    disposeModel(result.model);
    return {
      backend,
      outcome: result.outcome,
      rmse: result.rmse,
      actual: result.actual,
      predicted: result.predicted,
      paramCount,
    };
  },

  async forecast(request, { onProgress, isCancelled, session }) {
    const backend = await selectBackend(request.backend);
    const data = request.data ?? {};
    const trained = await trainForecaster(request.series, request.spec, data, {
      onProgress,
      isCancelled,
    });
    let kept = false;
    try {
      const evaluation = evaluateForecaster(trained.model, trained.prepared, request.evaluate);
      const record: RunRecord = {
        kind: 'forecast',
        createdAt: new Date().toISOString(),
        backend,
        versions: versions(),
        seed: request.spec.seed,
        dataHash: hashSeries(request.series),
        seconds: trained.outcome.seconds,
        steps: trained.outcome.steps,
        status: trained.outcome.status,
        metrics: evaluation.metrics,
        ...(trained.outcome.trainingPath ? { trainingPath: trained.outcome.trainingPath } : {}),
      };
      if (request.keepAs !== undefined) {
        session.keep(request.keepAs, {
          spec: request.spec,
          model: trained.model,
          series: request.series,
          data,
          prepared: trained.prepared,
          record,
        });
        kept = true;
      }
      return {
        backend,
        outcome: trained.outcome,
        evaluation,
        paramCount: trained.model.countParams(),
        transform: trained.prepared.transform,
        transformReason: trained.prepared.transformReason,
        split: trained.prepared.split,
        record,
      };
    } finally {
      if (!kept) disposeModel(trained.model);
    }
  },

  async import(request, { onProgress }) {
    const options: CsvReadOptions = {
      ...request.read,
      onProgress: (bytesRead, totalBytes) => onProgress({ bytesRead, totalBytes }),
    };
    const table =
      'path' in request.source
        ? await readCsvFile(request.source.path, options)
        : await readCsvText(request.source.text, options);
    return toTimeSeries(table, {
      target: request.target,
      features: request.features,
      date: request.date,
      fill: request.fill,
      ...(request.dateUnit === undefined ? {} : { dateUnit: request.dateUnit }),
    });
  },

  async save(request, { session }) {
    const run = session.get(request.runId);
    if (run === undefined) {
      throw new EngineError(
        'INVALID_OPTIONS',
        'this run is no longer in memory; train it again to save it',
      );
    }
    await saveForecasterProject(request.dir, { ...run, result: request.result });
    return { dir: request.dir };
  },

  async open(request, { session }) {
    const opened = await openForecasterProject(request.dir);
    session.keep(request.keepAs, opened);
    return {
      spec: opened.spec,
      series: opened.series,
      record: opened.record,
      result: opened.result,
      evaluation: evaluateForecaster(opened.model, opened.prepared, request.evaluate),
    };
  },

  async 'closed-loop'(request, { session }) {
    return closedLoopJob(session, request);
  },

  backtest(request, { session, onProgress, isCancelled }) {
    return backtestJob(session, request, { onProgress, isCancelled });
  },

  crash() {
    process.exit(70);
  },
};
