import type { TimeSeries } from '../engine/data/time-series';
import { futureTimes } from '../engine/data/advance-time';
import type { AutoArimaResult, BaselineResult } from '../engine/forecast/evaluate-forecaster';
import type { ForecastJobResult } from '../worker/worker-jobs';
import type { ModelSpec } from '../engine/model/model-spec';
import type { RunResultValue } from '../contract/train-schemas';

function baseline(b: BaselineResult): RunResultValue['baselines']['persistence'] {
  return {
    name: b.name,
    season: b.season ?? null,
    predicted: Array.from(b.predicted),
    metrics: b.metrics,
  };
}

function autoArimaBaseline(b: AutoArimaResult | null): RunResultValue['baselines']['autoArima'] {
  if (b === null) return null;
  return {
    ...baseline(b),
    model: b.model,
    closedLoop: Array.from(b.closedLoop),
    closedLoopMetrics: b.closedLoopMetrics,
    future: Array.from(b.future),
  };
}

/** The worker's result in the contract's JSON shape (typed arrays become number arrays). */
export function toRunResult(
  runId: string,
  datasetId: string,
  spec: ModelSpec,
  series: TimeSeries,
  job: Pick<
    ForecastJobResult,
    'backend' | 'outcome' | 'evaluation' | 'paramCount' | 'transform' | 'transformReason' | 'split'
  >,
): RunResultValue {
  const { evaluation, outcome } = job;
  const times = series.times;
  return {
    runId,
    datasetId,
    spec,
    backend: job.backend,
    status: outcome.status,
    message: outcome.message,
    steps: outcome.steps,
    seconds: outcome.seconds,
    paramCount: job.paramCount,
    history: outcome.history,
    transform: job.transform,
    ...(job.transformReason === undefined ? {} : { transformReason: job.transformReason }),
    split: job.split,
    test: {
      startRow: evaluation.testStart,
      times: times === null ? null : Array.from(times.subarray(evaluation.testStart)),
      actual: Array.from(evaluation.actual),
      predicted: Array.from(evaluation.predicted),
      ...(evaluation.filledTestRows.length === 0 ? {} : { filledRows: evaluation.filledTestRows }),
    },
    metrics: evaluation.metrics,
    baselines: {
      persistence: baseline(evaluation.baselines.persistence),
      seasonalNaive: baseline(evaluation.baselines.seasonalNaive),
      drift: baseline(evaluation.baselines.drift),
      autoArima: autoArimaBaseline(evaluation.baselines.autoArima),
    },
    autoArimaNote: evaluation.autoArimaNote,
    ...(evaluation.intervalsNote === null ? {} : { intervalsNote: evaluation.intervalsNote }),
    future: {
      times:
        times === null
          ? null
          : Array.from(futureTimes(times, series.frequency, evaluation.future.length)),
      values: Array.from(evaluation.future),
    },
    covariatesNote: evaluation.covariatesNote,
    warnings: evaluation.lag.warnings,
    lag: {
      maeToActual: evaluation.lag.maeToActual,
      maeToPrevious: evaluation.lag.maeToPrevious,
      laggedCopy: evaluation.lag.laggedCopy,
    },
    horizonErrors: evaluation.horizonErrors,
    intervals:
      evaluation.intervals === null
        ? null
        : {
            ...evaluation.intervals,
            lower: Array.from(evaluation.intervals.lower),
            upper: Array.from(evaluation.intervals.upper),
            futureLower: Array.from(evaluation.intervals.futureLower),
            futureUpper: Array.from(evaluation.intervals.futureUpper),
          },
  };
}
