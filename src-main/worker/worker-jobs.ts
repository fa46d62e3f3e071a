import type { BackendChoice, BackendInfo } from '../engine/backend/select-backend';
import { selectBackend } from '../engine/backend/select-backend';
import type { ModelSpec } from '../engine/model/model-spec';
import type { TimeSeries } from '../engine/data/time-series';
import { runSineExperiment } from '../engine/experiments/sine-experiment';
import {
  trainForecaster,
  type ForecastDataOptions,
  type TrainHooks,
} from '../engine/forecast/train-forecaster';
import {
  evaluateForecaster,
  type EvaluateOptions,
  type ForecastEvaluation,
} from '../engine/forecast/evaluate-forecaster';
import type { TrainOutcome } from '../engine/train/train-progress';
import { disposeModel } from '../engine/model/dispose-model';

/** The jobs the worker runs: a request type and a result type per kind, all plain data. */
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
}
export interface ForecastJobResult {
  backend: BackendInfo;
  outcome: TrainOutcome;
  evaluation: ForecastEvaluation;
  paramCount: number;
  transform: string;
}

export interface JobTypes {
  sine: { request: SineJob; result: SineJobResult };
  forecast: { request: ForecastJob; result: ForecastJobResult };
  /** Test hook: kills the worker thread, to prove the host recovers. */
  crash: { request: Record<string, never>; result: never };
}
export type JobKind = keyof JobTypes;

export type JobHandler<K extends JobKind> = (
  request: JobTypes[K]['request'],
  hooks: TrainHooks,
) => Promise<JobTypes[K]['result']>;

export const JOB_HANDLERS: { [K in JobKind]: JobHandler<K> } = {
  async sine(request, hooks) {
    const backend = await selectBackend(request.backend);
    const result = await runSineExperiment({ ...request, ...hooks });
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
  async forecast(request, hooks) {
    const backend = await selectBackend(request.backend);
    const trained = await trainForecaster(request.series, request.spec, request.data, hooks);
    try {
      return {
        backend,
        outcome: trained.outcome,
        evaluation: evaluateForecaster(trained.model, trained.prepared, request.evaluate),
        paramCount: trained.model.countParams(),
        transform: trained.prepared.transform,
      };
    } finally {
      disposeModel(trained.model);
    }
  },
  crash() {
    process.exit(70);
  },
};
