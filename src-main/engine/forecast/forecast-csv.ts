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
    const interval = band === null ? [] : [band.lower[i]!, band.upper[i]!];
    const row = [evaluation.actual[i]!, evaluation.predicted[i]!, ...interval, persistence[i]!];
    rows.push([stamp(evaluation.testStart + i), ...row]);
  }
  const n = series.target.values.length;
  evaluation.future.forEach((value, h) => {
    const interval = band === null ? [] : [band.futureLower[h]!, band.futureUpper[h]!];
    rows.push([stamp(n + h), '', value, ...interval, '']);
  });
  const bounds = band === null ? [] : ['lower', 'upper'];
  const fields = ['time', 'actual', 'predicted', ...bounds, 'persistence'];
  return Papa.unparse({ fields, data: rows }, { newline: '\n' }) + '\n';
}
