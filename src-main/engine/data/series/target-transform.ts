/**
 * What the network sees and predicts for the target column:
 * - `none`: levels in, the level y[t] out.
 * - `residual`: levels in, the change y[t] − y[t−1] out. An output of 0 is exactly the persistence
 *   forecast, so the network only has to learn corrections to it (mean reversion, seasonality).
 *   On noisy real series (daily temperature) this keeps it from doing worse than persistence.
 * - `seasonal`: levels in, the change over one season y[t] − y[t−s] out. An output of 0 is the
 *   seasonal-naive forecast: on series with a strong weekly or daily cycle (shop sales, traffic,
 *   power load) y[t−s] is a far better starting point than y[t−1], and the network again only
 *   learns corrections to it.
 * - `difference`: changes in, the change out. Scaling is fitted on the training rows, so a series
 *   that keeps rising (CO2) reaches levels in the test rows that the network never saw and its
 *   saturating cells cannot produce; its differences stay in range.
 * - `arima`: levels in, y[t] − â[t] out, where â[t] is the one-step forecast of an AutoARIMA model
 *   chosen and fitted on the training rows only. An output of 0 is that forecast: the network
 *   learns what the linear model misses (a hybrid as in Zhang 2003, "Time series forecasting using
 *   a hybrid ARIMA and neural network model"), and on short seasonal series, where a network alone
 *   has too few rows to find the season, it starts from the classical model instead of persistence.
 * In the change modes the level is restored from its base value y[t − lag] (lag = the season for
 * `seasonal`, else 1; â[t] for `arima`): actual for one-step predictions, predicted for a
 * recursive forecast.
 */
export type TargetTransform = 'none' | 'residual' | 'seasonal' | 'difference' | 'arima';
export type TargetTransformChoice = TargetTransform | 'auto';

export interface TrendCheck {
  trending: boolean;
  /** Share of the training variance explained by a straight line in time (R²). */
  rSquared: number;
}

/**
 * A series "trends" when a straight line explains at least half of its training variance. Seasonal
 * or mean-reverting series (daily temperature, a sine) have R² near 0; CO2 has R² ≈ 0.97.
 */
export const TREND_R_SQUARED = 0.5;

export function checkTrend(values: ArrayLike<number>, trainEnd: number): TrendCheck {
  const n = trainEnd;
  if (n < 3) return { trending: false, rSquared: 0 };
  let sumT = 0;
  let sumY = 0;
  for (let t = 0; t < n; t++) {
    sumT += t;
    sumY += values[t]!;
  }
  const meanT = sumT / n;
  const meanY = sumY / n;
  let sTT = 0;
  let sTY = 0;
  let sYY = 0;
  for (let t = 0; t < n; t++) {
    const dt = t - meanT;
    const dy = values[t]! - meanY;
    sTT += dt * dt;
    sTY += dt * dy;
    sYY += dy * dy;
  }
  const rSquared = sYY > 0 ? (sTY * sTY) / (sTT * sYY) : 0;
  return { trending: rSquared >= TREND_R_SQUARED, rSquared };
}

/**
 * The seasonal transform is chosen only when the seasonal-naive forecast is clearly better than
 * persistence on the training rows (mean absolute error at most this share of persistence's):
 * on series where the two are close, persistence's base is the safer one for a recursive forecast.
 */
export const SEASONAL_ADVANTAGE = 0.8;

/**
 * `auto`: first differences when the series trends; otherwise corrections to the seasonal-naive
 * forecast when `season` ≥ 2 and that forecast clearly beats persistence on the training rows;
 * otherwise corrections to persistence. Only rows before `trainEnd` are read.
 */
export function resolveTransform(
  choice: TargetTransformChoice,
  values: ArrayLike<number>,
  trainEnd: number,
  season = 1,
): TargetTransform {
  if (choice !== 'auto') return choice;
  if (checkTrend(values, trainEnd).trending) return 'difference';
  if (season >= 2 && trainEnd >= 2 * season) {
    const seasonal = meanAbsoluteChange(values, trainEnd, season, season);
    const persistence = meanAbsoluteChange(values, trainEnd, 1, season);
    if (seasonal <= SEASONAL_ADVANTAGE * persistence) return 'seasonal';
  }
  return 'residual';
}

/** Mean |y[t] − y[t − lag]| over training rows `from` .. trainEnd − 1. */
function meanAbsoluteChange(
  values: ArrayLike<number>,
  trainEnd: number,
  lag: number,
  from: number,
): number {
  let sum = 0;
  for (let t = from; t < trainEnd; t++) sum += Math.abs(values[t]! - values[t - lag]!);
  return sum / (trainEnd - from);
}

/** How many rows back a label's base value lies: the season for `seasonal`, else 1. */
export function baseLagOf(transform: TargetTransform, season: number): number {
  return transform === 'seasonal' ? season : 1;
}

/** y[t] − y[t − lag], NaN for the first `lag` rows. */
function laggedDifferences(values: ArrayLike<number>, lag: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let t = 0; t < Math.min(lag, values.length); t++) out[t] = Number.NaN;
  for (let t = lag; t < values.length; t++) out[t] = values[t]! - values[t - lag]!;
  return out;
}

/**
 * The target channel before scaling: `inputs` is what the network reads for each row, `labels`
 * what it predicts for each row (NaN where undefined, i.e. row 0 of a change).
 */
export function applyTransform(
  values: ArrayLike<number>,
  transform: TargetTransform,
  season = 1,
  arimaBase: ArrayLike<number> | null = null,
): { inputs: Float64Array; labels: Float64Array } {
  const levels = Float64Array.from(values);
  if (transform === 'none') return { inputs: levels, labels: levels };
  if (transform === 'arima') {
    if (arimaBase === null) throw new Error('the arima transform needs its one-step base');
    return { inputs: levels, labels: levels.map((y, t) => y - arimaBase[t]!) };
  }
  const changes = laggedDifferences(values, baseLagOf(transform, season));
  return { inputs: transform === 'difference' ? changes : levels, labels: changes };
}

/**
 * A label back to the level: `baseLevel` is y[t − lag] (see baseLagOf), actual, or predicted
 * when recursive.
 */
export function invertTransform(
  transformed: number,
  baseLevel: number,
  transform: TargetTransform,
): number {
  return transform === 'none' ? transformed : baseLevel + transformed;
}

/** The target channel's input value for a row whose level is `level`. */
export function inputOf(level: number, previousLevel: number, transform: TargetTransform): number {
  return transform === 'difference' ? level - previousLevel : level;
}
