import { EngineError } from '../util/engine-error';

/**
 * Naive one-step-ahead baselines a model must beat, scored on the same test rows as the model:
 * `values` is the whole series in original units and rows `testStart .. n − 1` are the test part.
 * Like the model, each forecast for row t may use every actual value before t (rolling origin).
 * Every function returns a Float64Array of length n − testStart, aligned with the test rows.
 */

/** Persistence (naive): ŷ[t] = y[t − 1]. Needs testStart ≥ 1. */
export function persistenceForecast(values: ArrayLike<number>, testStart: number): Float64Array {
  return seasonalNaiveForecast(values, testStart, 1);
}

/** Seasonal naive: ŷ[t] = y[t − season], the value one season earlier. Needs testStart ≥ season. */
export function seasonalNaiveForecast(
  values: ArrayLike<number>,
  testStart: number,
  season: number,
): Float64Array {
  if (!Number.isInteger(season) || season < 1) {
    throw new EngineError('INVALID_OPTIONS', `Season must be a whole number ≥ 1 (got ${season}).`);
  }
  checkTestStart(values, testStart, season);
  const forecast = new Float64Array(values.length - testStart);
  for (let t = testStart; t < values.length; t++) {
    forecast[t - testStart] = values[t - season] as number;
  }
  return forecast;
}

/**
 * Drift: the last value plus the average change per step so far,
 * ŷ[t] = y[t − 1] + (y[t − 1] − y[0]) / (t − 1), i.e. the line through the first and the last
 * observed value extended one step. Needs testStart ≥ 2 (two observed values make a slope).
 */
export function driftForecast(values: ArrayLike<number>, testStart: number): Float64Array {
  checkTestStart(values, testStart, 2);
  const first = values[0] as number;
  const forecast = new Float64Array(values.length - testStart);
  for (let t = testStart; t < values.length; t++) {
    const last = values[t - 1] as number;
    forecast[t - testStart] = last + (last - first) / (t - 1);
  }
  return forecast;
}

/** The strongest autocorrelation a lag needs before it is taken as the season. */
const SEASON_MIN_AUTOCORRELATION = 0.3;
/** Longest season searched: a year of daily rows, and the sine sample's 628 (2π / 0.01). */
const SEASON_MAX_LAG = 1000;

/**
 * The season (in rows) for the seasonal naive baseline.
 *
 * - When the data's frequency has a natural period (7 for daily, 12 for monthly...) and the
 *   training part holds at least one full season, that period is used.
 * - Otherwise the lag in 2 .. min(1000, ⌊testStart / 2⌋) with the highest autocorrelation of the
 *   training part is used, if that autocorrelation is above 0.3; else 1 (plain persistence).
 *   Only lags past the autocorrelation's first zero crossing count: up to there it is still
 *   decaying from r[0] = 1, and on a smooth series (a sine sampled finely) lag 2 would win with
 *   r ≈ 1 although it is no season at all.
 *
 * The autocorrelation is taken on the first differences of the training values, not on the raw
 * values: a trend or any smooth series makes the raw autocorrelation fall slowly from lag 1, so
 * lag 2 would always win and no season would ever be found (the CO2 series picks lag 2 raw, 12
 * differenced). Differencing is the usual first step before reading seasonality off an ACF
 * (Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", ch. 9). Only the training
 * part is read, so the test part never leaks into the baseline. Ties go to the shorter lag. The
 * price: differencing amplifies high-frequency noise, so on a very noisy series the pick can be off
 * by a lag or fall back to 1.
 */
export function inferSeason(
  frequencySeasonPeriod: number | null,
  values: ArrayLike<number>,
  testStart: number,
): number {
  if (
    frequencySeasonPeriod !== null &&
    Number.isInteger(frequencySeasonPeriod) &&
    frequencySeasonPeriod >= 1 &&
    frequencySeasonPeriod <= testStart
  ) {
    return frequencySeasonPeriod;
  }
  const trainLength = Math.min(Math.max(0, Math.floor(testStart)), values.length);
  const maxLag = Math.min(SEASON_MAX_LAG, Math.floor(trainLength / 2));
  if (maxLag < 2) return 1;

  const differences = new Float64Array(trainLength - 1);
  for (let t = 1; t < trainLength; t++) {
    differences[t - 1] = (values[t] as number) - (values[t - 1] as number);
  }
  const correlations = autocorrelations(differences, maxLag);
  let firstLag = 1;
  while (firstLag <= maxLag && (correlations[firstLag] as number) > 0) firstLag++;
  let bestLag = 1;
  let bestCorrelation = SEASON_MIN_AUTOCORRELATION;
  for (let lag = Math.max(2, firstLag + 1); lag <= maxLag; lag++) {
    const r = correlations[lag] as number;
    if (r > bestCorrelation) {
      bestCorrelation = r;
      bestLag = lag;
    }
  }
  return bestLag;
}

/**
 * Sample autocorrelation r[k] = Σ (x[t] − x̄)(x[t−k] − x̄) / Σ (x[t] − x̄)² for k = 0 .. maxLag (the
 * usual biased estimator, which keeps |r| ≤ 1). All zeros when the series is constant.
 */
function autocorrelations(x: Float64Array, maxLag: number): Float64Array {
  const n = x.length;
  const result = new Float64Array(maxLag + 1);
  let mean = 0;
  for (let t = 0; t < n; t++) mean += x[t] as number;
  mean /= n;
  let variance = 0;
  for (let t = 0; t < n; t++) variance += ((x[t] as number) - mean) ** 2;
  if (!(variance > 0)) return result;
  for (let k = 0; k <= Math.min(maxLag, n - 1); k++) {
    let sum = 0;
    for (let t = k; t < n; t++) sum += ((x[t] as number) - mean) * ((x[t - k] as number) - mean);
    result[k] = sum / variance;
  }
  return result;
}

function checkTestStart(values: ArrayLike<number>, testStart: number, minimum: number): void {
  const n = values.length;
  if (!Number.isInteger(testStart) || testStart < minimum || testStart >= n) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `Test part must start at a whole row in ${minimum} .. ${n - 1} (got ${testStart} for ${n} rows): this baseline needs ${minimum} earlier value${minimum === 1 ? '' : 's'} and at least one test row.`,
    );
  }
}
