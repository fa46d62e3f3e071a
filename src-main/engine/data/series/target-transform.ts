/**
 * What the network sees and predicts for the target column:
 * - `none`: levels in, the level y[t] out.
 * - `residual`: levels in, the change y[t] − y[t−1] out. An output of 0 is exactly the persistence
 *   forecast, so the network only has to learn corrections to it (mean reversion, seasonality).
 *   On noisy real series (daily temperature) this keeps it from doing worse than persistence.
 * - `difference`: changes in, the change out. Scaling is fitted on the training rows, so a series
 *   that keeps rising (CO2) reaches levels in the test rows that the network never saw and its
 *   saturating cells cannot produce; its differences stay in range.
 * In both change modes the level is restored from the previous value (actual for one-step
 * predictions, predicted for a recursive forecast).
 */
export type TargetTransform = 'none' | 'residual' | 'difference';
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

export function resolveTransform(
  choice: TargetTransformChoice,
  values: ArrayLike<number>,
  trainEnd: number,
): TargetTransform {
  if (choice !== 'auto') return choice;
  return checkTrend(values, trainEnd).trending ? 'difference' : 'residual';
}

function firstDifferences(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  out[0] = Number.NaN;
  for (let t = 1; t < values.length; t++) out[t] = values[t]! - values[t - 1]!;
  return out;
}

/**
 * The target channel before scaling: `inputs` is what the network reads for each row, `labels`
 * what it predicts for each row (NaN where undefined, i.e. row 0 of a change).
 */
export function applyTransform(
  values: ArrayLike<number>,
  transform: TargetTransform,
): { inputs: Float64Array; labels: Float64Array } {
  const levels = Float64Array.from(values);
  if (transform === 'none') return { inputs: levels, labels: levels };
  const changes = firstDifferences(values);
  return { inputs: transform === 'residual' ? levels : changes, labels: changes };
}

/** A label back to the level: `previousLevel` is y[t−1] (actual, or predicted when recursive). */
export function invertTransform(
  transformed: number,
  previousLevel: number,
  transform: TargetTransform,
): number {
  return transform === 'none' ? transformed : previousLevel + transformed;
}

/** The target channel's input value for a row whose level is `level`. */
export function inputOf(level: number, previousLevel: number, transform: TargetTransform): number {
  return transform === 'difference' ? level - previousLevel : level;
}
