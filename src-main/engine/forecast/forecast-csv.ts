import Papa from 'papaparse';
import type { TimeSeries } from '../data/time-series';
import type { ForecastEvaluation } from './evaluate-forecaster';
import { futureTimes } from '../data/advance-time';

/**
 * The forecast as CSV, one row per test row and then one per future step: time (ISO, or the row
 * index when the data has no time axis), actual (empty in the future), predicted, lower and upper
 * (the prediction interval, only when one was computed), persistence (empty in the future).
 * Future times continue on the series' grid (calendar months for monthly data).
 */
export function forecastCsv(series: TimeSeries, evaluation: ForecastEvaluation): string {
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
    const row = evaluation.testStart + i;
    rows.push([
      stamp(row),
      evaluation.actual[i]!,
      evaluation.predicted[i]!,
      band?.lower[i] ?? '',
      band?.upper[i] ?? '',
      persistence[i]!,
    ]);
  }
  const n = series.target.values.length;
  evaluation.future.forEach((value, h) =>
    rows.push([
      stamp(n + h),
      '',
      value,
      band?.futureLower[h] ?? '',
      band?.futureUpper[h] ?? '',
      '',
    ]),
  );
  return (
    Papa.unparse(
      { fields: ['time', 'actual', 'predicted', 'lower', 'upper', 'persistence'], data: rows },
      { newline: '\n' },
    ) + '\n'
  );
}
