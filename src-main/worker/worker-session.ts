import type * as tf from '@tensorflow/tfjs';
import type { TimeSeries } from '../engine/data/time-series';
import type { PreparedSeries } from '../engine/data/series/prepare-series';
import type { ModelSpec } from '../engine/model/model-spec';
import { disposeModel } from '../engine/model/dispose-model';
import type { ForecastDataOptions } from '../engine/forecast/train-forecaster';
import type { RunRecord } from '../engine/forecast/forecaster-project';
import { LanguageModelStore } from './language-models';

/** A trained model kept in the worker so that it can be saved or asked for more forecasts. */
export interface KeptRun {
  spec: ModelSpec;
  model: tf.LayersModel;
  series: TimeSeries;
  data: ForecastDataOptions;
  prepared: PreparedSeries;
  record: RunRecord;
}

/**
 * The worker's memory of trained models, by run id. Bounded: the oldest runs are disposed once
 * more than `capacity` are kept (a user comparing runs rarely needs more, and each holds tensors).
 */
export class WorkerSession {
  private readonly runs = new Map<string, KeptRun>();
  /** Language models live apart: they hold a vocabulary, not a series. */
  readonly language = new LanguageModelStore();

  constructor(private readonly capacity = 8) {}

  keep(runId: string, run: KeptRun): void {
    this.discard(runId);
    this.runs.set(runId, run);
    while (this.runs.size > this.capacity) {
      const oldest = this.runs.keys().next().value;
      if (oldest === undefined) break;
      this.discard(oldest);
    }
  }

  get(runId: string): KeptRun | undefined {
    return this.runs.get(runId);
  }

  discard(runId: string): void {
    const run = this.runs.get(runId);
    if (run === undefined) return;
    disposeModel(run.model);
    this.runs.delete(runId);
  }
}
