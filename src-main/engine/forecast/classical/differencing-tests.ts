/**
 * How many differences a series needs before an ARMA model fits it, decided as R's
 * `forecast::auto.arima` decides by default (Hyndman & Khandakar 2008; Hyndman & Athanasopoulos,
 * "Forecasting: Principles and Practice", §9.5 and §9.9).
 */

/** The KPSS test's 5 % critical value for level stationarity (Kwiatkowski et al. 1992, table 1). */
const KPSS_CRITICAL_5_PERCENT = 0.463;
/** `nsdiffs`' default: one seasonal difference when the seasonal strength reaches this. */
const SEASONAL_STRENGTH_THRESHOLD = 0.64;

/**
 * The KPSS statistic for the null of level stationarity, with a Bartlett-weighted long-run
 * variance over ⌊4 (n / 100)^¼⌋ lags ("short", as R's `tseries::kpss.test` and `urca`).
 */
export function kpssStatistic(x: ArrayLike<number>): number {
  const n = x.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += x[t]!;
  mean /= n;
  const e = new Float64Array(n);
  for (let t = 0; t < n; t++) e[t] = x[t]! - mean;
  let partial = 0;
  let eta = 0;
  for (let t = 0; t < n; t++) {
    partial += e[t]!;
    eta += partial * partial;
  }
  eta /= n * n;
  const lags = Math.floor(4 * Math.pow(n / 100, 0.25));
  let longRun = 0;
  for (let t = 0; t < n; t++) longRun += e[t]! * e[t]!;
  for (let l = 1; l <= lags; l++) {
    let s = 0;
    for (let t = l; t < n; t++) s += e[t]! * e[t - l]!;
    longRun += 2 * (1 - l / (lags + 1)) * s;
  }
  longRun /= n;
  return longRun > 0 ? eta / longRun : 0;
}

function isConstant(x: ArrayLike<number>): boolean {
  for (let t = 1; t < x.length; t++) if (x[t] !== x[0]) return false;
  return true;
}

function lagDifference(x: ArrayLike<number>, lag: number): Float64Array {
  const out = new Float64Array(Math.max(0, x.length - lag));
  for (let t = lag; t < x.length; t++) out[t - lag] = x[t]! - x[t - lag]!;
  return out;
}

/** First differences needed (0 … maxD) for the KPSS test not to reject stationarity at 5 %. */
export function countDifferences(x: ArrayLike<number>, maxD = 2): number {
  let current: Float64Array = Float64Array.from(x);
  let d = 0;
  while (
    d < maxD &&
    current.length > 4 &&
    !isConstant(current) &&
    kpssStatistic(current) > KPSS_CRITICAL_5_PERCENT
  ) {
    current = lagDifference(current, 1);
    d++;
  }
  return d;
}

/**
 * Seasonal strength max(0, 1 − Var(R) / Var(S + R)) of an additive decomposition: the trend is a
 * centred moving average over one season, S a local mean of the detrended values at the same
 * position in the season, R what is left. R's `nsdiffs` takes the same ratio from an STL
 * decomposition; this simpler estimate agrees with it on the shared series' D.
 */
export function seasonalStrength(x: ArrayLike<number>, season: number): number {
  const n = x.length;
  if (season < 2 || n < 2 * season + 1) return 0;
  const half = Math.floor(season / 2);
  const detrended = new Float64Array(n).fill(Number.NaN);
  for (let t = half; t < n - half; t++) {
    let sum = 0;
    if (season % 2 === 1) {
      for (let k = -half; k <= half; k++) sum += x[t + k]!;
      sum /= season;
    } else {
      // The 2 × s moving average: half weight on the two ends.
      for (let k = -half + 1; k < half; k++) sum += x[t + k]!;
      sum += 0.5 * (x[t - half]! + x[t + half]!);
      sum /= season;
    }
    detrended[t] = x[t]! - sum;
  }
  // The seasonal value of row t: the mean detrended value at the same position in the nearest
  // seasons (±3), so a pattern that grows or changes over the years stays seasonal, as STL's
  // local seasonal smoother lets it (a fixed index per position would call a growing
  // multiplicative pattern, UK gas, remainder).
  const remainder: number[] = [];
  const combined: number[] = [];
  for (let t = 0; t < n; t++) {
    if (Number.isNaN(detrended[t]!)) continue;
    let sum = 0;
    let count = 0;
    for (let k = -SEASON_WINDOW; k <= SEASON_WINDOW; k++) {
      const u = t + k * season;
      if (u < 0 || u >= n || Number.isNaN(detrended[u]!)) continue;
      sum += detrended[u]!;
      count++;
    }
    combined.push(detrended[t]!);
    remainder.push(detrended[t]! - sum / count);
  }
  const variance = (v: number[]): number => {
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    return v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length;
  };
  const total = variance(combined);
  if (!(total > 0)) return 0;
  return Math.max(0, Math.min(1, 1 - variance(remainder) / total));
}

/** Seasons each side averaged into a row's seasonal value (STL's s.window = 7 is ±3). */
const SEASON_WINDOW = 3;

/** Seasonal differences (0 or 1) as `nsdiffs` decides them by seasonal strength. */
export function countSeasonalDifferences(x: ArrayLike<number>, season: number): number {
  return seasonalStrength(x, season) >= SEASONAL_STRENGTH_THRESHOLD ? 1 : 0;
}

export { lagDifference };
