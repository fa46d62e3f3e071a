/**
 * A regular time series ready for modelling: one target column plus optional feature columns, all
 * of the same length, with no missing values left (they are filled or dropped on import).
 */
/** `businessDay`: one row per weekday, Monday to Friday (trading days); weekends are no gap. */
export type FrequencyUnit =
  | 'millisecond'
  | 'second'
  | 'minute'
  | 'hour'
  | 'day'
  | 'businessDay'
  | 'week'
  | 'month'
  | 'quarter'
  | 'year';

export interface Frequency {
  unit: FrequencyUnit;
  /** Multiple of the unit between rows, e.g. 15 for 15-minute data. */
  step: number;
  /** Human label, e.g. "daily", "monthly", "every 15 minutes". */
  label: string;
  /** The natural season in rows (7 for daily, 12 for monthly, 24 for hourly...), null if none. */
  seasonPeriod: number | null;
}

export interface NamedColumn {
  name: string;
  values: Float64Array;
}

export interface TimeSeries {
  /** Row times in ms since epoch (UTC), or null when the data has no time axis. */
  times: Float64Array | null;
  frequency: Frequency | null;
  target: NamedColumn;
  features: NamedColumn[];
  /**
   * Rows (ascending) whose target value the file did not have: inserted dates and filled cells.
   * They are modelled like the others but never scored (absent: none).
   */
  filledTargetRows?: Int32Array;
}
