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
  baselines: {
    persistence: { predicted: ArrayLike<number> };
    /** One-step on the test rows, then its own forecast of the future rows; absent: no column. */
    autoArima?: { predicted: ArrayLike<number>; future: ArrayLike<number> } | null;
  };
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
 * (the prediction interval, only when one was computed), persistence (empty in the future), and
 * autoArima when that baseline was fitted (its one-step forecasts, then its own future forecast).
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
  const arima = evaluation.baselines.autoArima ?? null;
  for (let i = 0; i < evaluation.actual.length; i++) {
    const interval = band === null ? [] : [band.lower[i]!, band.upper[i]!];
    const classical = arima === null ? [] : [arima.predicted[i]!];
    const row = [
      evaluation.actual[i]!,
      evaluation.predicted[i]!,
      ...interval,
      persistence[i]!,
      ...classical,
    ];
    rows.push([stamp(evaluation.testStart + i), ...row]);
  }
  const n = series.target.values.length;
  for (let h = 0; h < evaluation.future.length; h++) {
    const interval = band === null ? [] : [band.futureLower[h]!, band.futureUpper[h]!];
    const classical = arima === null ? [] : [arima.future[h] ?? ''];
    rows.push([stamp(n + h), '', evaluation.future[h]!, ...interval, '', ...classical]);
  }
  const bounds = band === null ? [] : ['lower', 'upper'];
  const classicalField = arima === null ? [] : ['autoArima'];
  const fields = ['time', 'actual', 'predicted', ...bounds, 'persistence', ...classicalField];
  return Papa.unparse({ fields, data: rows }, { newline: '\n' }) + '\n';
}
