import Papa from 'papaparse';
import type { TimeSeries } from '../data/time-series';
import type { ForecastEvaluation } from './evaluate-forecaster';

/**
 * The forecast as CSV, one row per test row and then one per future step: time (ISO, or the row
 * index when the data has no time axis), actual (empty in the future), predicted, persistence.
 * Future times continue from the last row at the series' median spacing.
 */
export function forecastCsv(series: TimeSeries, evaluation: ForecastEvaluation): string {
  const times = series.times;
  const stamp = (row: number): string | number => {
    if (times === null) return row;
    if (row < times.length) return new Date(times[row]!).toISOString();
    const n = times.length;
    const spacing = n > 1 ? (times[n - 1]! - times[0]!) / (n - 1) : 0;
    return new Date(times[n - 1]! + spacing * (row - n + 1)).toISOString();
  };
  const rows: (string | number)[][] = [];
  const persistence = evaluation.baselines.persistence.predicted;
  for (let i = 0; i < evaluation.actual.length; i++) {
    const row = evaluation.testStart + i;
    rows.push([stamp(row), evaluation.actual[i]!, evaluation.predicted[i]!, persistence[i]!]);
  }
  const n = series.target.values.length;
  evaluation.future.forEach((value, h) => rows.push([stamp(n + h), '', value, '']));
  return (
    Papa.unparse(
      { fields: ['time', 'actual', 'predicted', 'persistence'], data: rows },
      { newline: '\n' },
    ) + '\n'
  );
}
