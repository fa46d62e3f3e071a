import { randomUUID } from 'node:crypto';
import type { EventName, EventOf, ParsedRequestOf, ResponseOf } from '../contract/api-contract';
import type { BacktestResultValue } from '../contract/analysis-schemas';
import type { DataSettingsValue, RunResultValue } from '../contract/train-schemas';
import { futureTimes } from '../engine/data/advance-time';
import type { TimeSeries } from '../engine/data/time-series';
import { forecastCsv } from '../engine/forecast/forecast-csv';
import type { ForecastDataOptions } from '../engine/forecast/train-forecaster';
import { EngineError } from '../engine/util/engine-error';
import type { BacktestJob, BacktestJobResult } from '../worker/analysis-jobs';
import type { WorkerHost } from '../worker/worker-host';
import type { AppState } from './app-state';
import type { RunHistory } from './run-history';

export type AnalysisChannel =
  'forecast:closed-loop' | 'forecast:csv' | 'backtest:start' | 'backtest:stop' | 'history:list';

export type AnalysisHandlers = {
  [C in AnalysisChannel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
};

export interface AnalysisDeps {
  host: WorkerHost;
  state: AppState;
  history: RunHistory;
  emit: <E extends EventName>(event: E, payload: EventOf<E>) => void;
  backend: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
}

/** The data settings of the contract as the engine's preparation options (as train:start does). */
export function forecastDataOptions(data: DataSettingsValue): ForecastDataOptions {
  return {
    split: { testFraction: data.testFraction, valFraction: data.valFraction },
    scaling: data.scaling,
    transform: data.transform,
    ...(data.season === null ? {} : { season: data.season }),
  };
}

/** Times of rows [from, from + count): the series' own, then on its grid past the end. */
export function rowTimes(series: TimeSeries, from: number, count: number): number[] | null {
  const times = series.times;
  if (times === null) return null;
  const n = times.length;
  const inside = Array.from(times.subarray(Math.min(from, n), Math.min(n, from + count)));
  const beyond = from + count - Math.max(n, from);
  if (beyond <= 0) return inside;
  const future = futureTimes(times, series.frequency, from + count - n);
  return [...inside, ...Array.from(future.subarray(Math.max(0, from - n)))];
}

/** The worker's backtest in the contract's shape, with the times of each fold's rows. */
export function toBacktestResult(
  jobId: string,
  series: TimeSeries,
  result: BacktestJobResult,
): BacktestResultValue {
  const times = series.times;
  return {
    jobId,
    retrain: result.retrain,
    cancelled: result.cancelled,
    seconds: result.seconds,
    overall: result.overall,
    folds: result.folds.map((fold) => ({
      ...fold,
      startTime: times === null ? null : times[fold.testStart]!,
      endTime: times === null ? null : times[fold.testEnd - 1]!,
    })),
  };
}

/**
 * The forecast view's questions about a finished run: closed-loop forecasts from any origin, a
 * rolling-origin backtest (in the worker, with progress events and stop), the forecast as the
 * engine's CSV, and the run history. Transport-free, like every handler.
 */
export function createAnalysisHandlers(deps: AnalysisDeps): AnalysisHandlers {
  const { state, host } = deps;

  const requireRun = (runId: string): RunResultValue => {
    const run = state.runs.get(runId);
    if (run === undefined) {
      throw new EngineError('INVALID_OPTIONS', 'that run is not finished or no longer loaded');
    }
    return run;
  };
  const requireSeries = (datasetId: string): TimeSeries => {
    const entry = state.datasets.get(datasetId);
    if (entry === undefined) {
      throw new EngineError(
        'INVALID_OPTIONS',
        'the data of that run is no longer loaded; load it again from the Data view',
      );
    }
    return entry.series;
  };
  const refuseWhileBusy = (): void => {
    if (state.active !== null || state.backtest !== null) {
      throw new EngineError(
        'BUSY',
        state.active !== null
          ? 'a model is training; try again when it has finished (or stop it)'
          : 'a backtest is running; try again when it has finished (or stop it)',
      );
    }
  };

  return {
    async 'forecast:closed-loop'({ runId, origin, horizon }) {
      const run = requireRun(runId);
      const series = requireSeries(run.datasetId);
      refuseWhileBusy();
      const result = await host.run('closed-loop', { runId, origin, horizon }).result;
      return {
        origin,
        times: rowTimes(series, origin, horizon),
        actual: Array.from(result.actual),
        predicted: Array.from(result.predicted),
      };
    },

    async 'forecast:csv'({ runId }) {
      const run = requireRun(runId);
      const series = requireSeries(run.datasetId);
      const csv = forecastCsv(series, {
        testStart: run.test.startRow,
        actual: run.test.actual,
        predicted: run.test.predicted,
        future: run.future.values,
        baselines: {
          persistence: { predicted: run.baselines.persistence.predicted },
          autoArima: run.baselines.autoArima ?? null,
        },
        intervals: run.intervals ?? null,
      });
      return { csv };
    },

    async 'backtest:start'(request) {
      refuseWhileBusy();
      let series: TimeSeries;
      let source: BacktestJob['source'];
      if ('runId' in request) {
        const run = requireRun(request.runId);
        series = requireSeries(run.datasetId);
        source = { runId: request.runId };
      } else {
        series = requireSeries(request.datasetId);
        source = { series, spec: request.spec, data: forecastDataOptions(request.data) };
      }
      const jobId = randomUUID();
      const job = host.run(
        'backtest',
        {
          backend: request.backend ?? deps.backend,
          source,
          folds: request.folds,
          retrain: request.retrain,
        },
        (progress) => deps.emit('backtest:progress', { jobId, ...progress }),
      );
      state.backtest = { jobId, job };
      job.result.then(
        (value) => {
          state.backtest = null;
          deps.emit('backtest:done', { jobId, result: toBacktestResult(jobId, series, value) });
        },
        (error: unknown) => {
          state.backtest = null;
          const e =
            error instanceof EngineError ? error : new EngineError('INTERNAL', String(error));
          deps.emit('backtest:failed', { jobId, error: { code: e.code, message: e.message } });
        },
      );
      return { jobId };
    },

    async 'backtest:stop'({ jobId }) {
      if (state.backtest?.jobId !== jobId) return { stopping: false };
      state.backtest.job.cancel();
      return { stopping: true };
    },

    async 'history:list'() {
      return deps.history.list((runId) => state.runs.has(runId));
    },
  };
}
