/**
 * A target transform keeps trending series learnable. Scaling is fitted on the training rows, so a
 * series that keeps rising (CO2) reaches values in the test rows that the network never saw and
 * its saturating cells cannot produce. Modelling first differences y[t] − y[t−1] instead turns the
 * trend into a roughly constant offset, and the level is restored from the previous actual value.
 */
export type TargetTransform = 'none' | 'difference';
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
  return checkTrend(values, trainEnd).trending ? 'difference' : 'none';
}

/** Model-space target before scaling: the value itself, or its first difference (NaN at row 0). */
export function applyTransform(
  values: ArrayLike<number>,
  transform: TargetTransform,
): Float64Array {
  const out = new Float64Array(values.length);
  if (transform === 'none') {
    for (let t = 0; t < values.length; t++) out[t] = values[t]!;
    return out;
  }
  out[0] = Number.NaN;
  for (let t = 1; t < values.length; t++) out[t] = values[t]! - values[t - 1]!;
  return out;
}

/** Back to the level: `previousLevel` is y[t−1] (actual for one-step, predicted for recursive). */
export function invertTransform(
  transformed: number,
  previousLevel: number,
  transform: TargetTransform,
): number {
  return transform === 'none' ? transformed : previousLevel + transformed;
}
