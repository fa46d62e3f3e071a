import type { TimeSeries } from '../engine/data/time-series';
import type { DatasetValue } from '../contract/data-schemas';
import type { RunResultValue } from '../contract/train-schemas';
import type { RunningJob } from '../worker/worker-host';

export interface DatasetEntry {
  dataset: DatasetValue;
  series: TimeSeries;
}

export interface ActiveRun {
  runId: string;
  job: RunningJob<unknown>;
}

export interface ActiveBacktest {
  jobId: string;
  job: RunningJob<unknown>;
}

/**
 * What the main process remembers between calls: imported datasets and finished runs (the trained
 * models themselves live in the worker). One instance per app or web-bridge process.
 */
export class AppState {
  readonly datasets = new Map<string, DatasetEntry>();
  readonly runs = new Map<string, RunResultValue>();
  active: ActiveRun | null = null;
  /** The one backtest that may run at a time (it shares the worker with training). */
  backtest: ActiveBacktest | null = null;
}
