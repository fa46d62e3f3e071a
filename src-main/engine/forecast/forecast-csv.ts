import Papa from 'papaparse';
import type { TimeSeries } from '../data/time-series';
import { futureTimes } from '../data/advance-time';

/**
 * What the CSV is written from: an engine evaluation, or the same numbers as a run result carries
 * them (plain arrays), so the app exports exactly what the CLI writes.
 */
export interface ForecastCsvInput {
  testStart: number;
  actual: ArrayLike<number>;
  predicted: ArrayLike<number>;
  future: ArrayLike<number>;
  baselines: { persistence: { predicted: ArrayLike<number> } };
  intervals: {
    lower: ArrayLike<number>;
    upper: ArrayLike<number>;
    futureLower: ArrayLike<number>;
    futureUpper: ArrayLike<number>;
  } | null;
}

/**
 * The forecast as CSV, one row per test row and then one per future step: time (ISO, or the row
 * index when the data has no time axis), actual (empty in the future), predicted, lower and upper
 * (the prediction interval, only when one was computed), persistence (empty in the future).
 * Future times continue on the series' grid (calendar months for monthly data).
 */
export function forecastCsv(series: TimeSeries, evaluation: ForecastCsvInput): string {
  const times = series.times;
  const future =
    times === null ? null : futureTimes(times, series.frequency, evaluation.future.length);
  const stamp = (row: number): string | number => {
    if (times === null || future === null) return row;
    const time = row < times.length ? times[row]! : future[row - times.length]!;
    return new Date(time).toISOString();
  };
  const rows: (string | number)[][] = [];
  const persistence = evaluation.baselines.persistence.predicted;
  const band = evaluation.intervals;
  for (let i = 0; i < evaluation.actual.length; i++) {
    const interval = band === null ? [] : [band.lower[i]!, band.upper[i]!];
    const row = [evaluation.actual[i]!, evaluation.predicted[i]!, ...interval, persistence[i]!];
    rows.push([stamp(evaluation.testStart + i), ...row]);
  }
  const n = series.target.values.length;
  for (let h = 0; h < evaluation.future.length; h++) {
    const interval = band === null ? [] : [band.futureLower[h]!, band.futureUpper[h]!];
    rows.push([stamp(n + h), '', evaluation.future[h]!, ...interval, '']);
  }
  const bounds = band === null ? [] : ['lower', 'upper'];
  const fields = ['time', 'actual', 'predicted', ...bounds, 'persistence'];
  return Papa.unparse({ fields, data: rows }, { newline: '\n' }) + '\n';
}
