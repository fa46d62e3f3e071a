import {
  differencePolynomial,
  differenceSeries,
  residuals,
  termsOf,
  type ArimaFit,
} from './arima-model';

/**
 * A fitted ARIMA model's one-step forecasts as the base of the network's `arima` target transform:
 * for the actual series (each row forecast from the actual rows before it), and along a closed-loop
 * path, where the rows from an origin on are the network's own forecasts. Along a path the ARIMA
 * residual of a forecast row is the network's correction there (its level minus the base), so the
 * base of the next row follows from the same linear recursion in O(terms) per row.
 */
export interface ArimaBase {
  /** base[t] = the one-step forecast of row t from the actual rows before it (NaN before the first difference). */
  oneStep: Float64Array;
  /** The first row with a forecast: d + s·D. */
  firstRow: number;
  /**
   * The base of row origin + path.length, where rows before `origin` are actual and rows from it
   * are `path` (levels) whose own bases were `pathBase`.
   */
  next(origin: number, path: ArrayLike<number>, pathBase: ArrayLike<number>): number;
}

export function makeArimaBase(fit: ArimaFit, values: ArrayLike<number>): ArimaBase {
  const { order } = fit;
  const poly = differencePolynomial(order.d, order.D, order.season);
  const start = poly.length - 1;
  const w = differenceSeries(values, poly);
  const { ar, ma } = termsOf(fit, order.season);
  const e = new Float64Array(values.length);
  residuals(w, start, fit.mean, ar, ma, e);
  const oneStep = new Float64Array(values.length).fill(Number.NaN);
  for (let t = start; t < values.length; t++) oneStep[t] = values[t]! - e[t]!;
  // The differencing polynomial's nonzero lags: (1 − B)(1 − B¹²) has 4 of its 14 coefficients.
  const polyLags = Array.from(poly.keys()).filter((k) => poly[k] !== 0);

  const next = (origin: number, path: ArrayLike<number>, pathBase: ArrayLike<number>): number => {
    const t = origin + path.length;
    const level = (s: number): number => (s < origin ? values[s]! : path[s - origin]!);
    const residual = (s: number): number =>
      s < origin ? e[s]! : path[s - origin]! - pathBase[s - origin]!;
    const differenced = (s: number): number => {
      let sum = 0;
      for (const k of polyLags) sum += poly[k]! * level(s - k);
      return sum;
    };
    let predicted = fit.mean;
    for (let k = 0; k < ar.lags.length; k++) {
      const s = t - ar.lags[k]!;
      if (s >= start) predicted += ar.coefs[k]! * (differenced(s) - fit.mean);
    }
    for (let k = 0; k < ma.lags.length; k++) {
      const s = t - ma.lags[k]!;
      if (s >= start) predicted += ma.coefs[k]! * residual(s);
    }
    for (const k of polyLags) if (k > 0) predicted -= poly[k]! * level(t - k);
    return predicted;
  };
  return { oneStep, firstRow: start, next };
}

/**
 * One-step-ahead forecasts with the fitted coefficients held fixed (no re-estimation), for rows
 * `from` .. n − 1 of `values` (the whole series, finite): ŷ[t] uses every actual value before t,
 * as R's `fitted(Arima(full, model = fit))` does. Returns n − from values; rows before the first
 * difference have no forecast, and persistence stands in for them.
 */
export function arimaOneStep(fit: ArimaFit, values: ArrayLike<number>, from: number): Float64Array {
  const { oneStep, firstRow } = makeArimaBase(fit, values);
  const out = new Float64Array(values.length - from);
  for (let t = from; t < values.length; t++) {
    out[t - from] = t >= firstRow ? oneStep[t]! : t > 0 ? values[t - 1]! : values[0]!;
  }
  return out;
}

/**
 * Closed-loop forecast of `steps` rows after `history` (finite, original units): each forecast is
 * fed back as if observed, with a residual of zero (the base's path with no correction).
 */
export function arimaForecast(
  fit: ArimaFit,
  history: ArrayLike<number>,
  steps: number,
): Float64Array {
  const base = makeArimaBase(fit, history);
  const path = new Float64Array(steps);
  for (let h = 0; h < steps; h++) {
    const sofar = path.subarray(0, h);
    path[h] = base.next(history.length, sofar, sofar);
  }
  return path;
}
