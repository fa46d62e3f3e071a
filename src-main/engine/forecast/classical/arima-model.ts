import { EngineError } from '../../util/engine-error';
import { nelderMead } from './nelder-mead';

/**
 * Seasonal ARIMA(p, d, q)(P, D, Q)[s] in the convention of R's `arima` (and Box & Jenkins):
 *
 *   φ(B) Φ(Bˢ) (w[t] − μ) = θ(B) Θ(Bˢ) e[t],   w = (1 − B)ᵈ (1 − Bˢ)ᴰ y,
 *   φ(B) = 1 − φ₁B − … − φₚBᵖ,   θ(B) = 1 + θ₁B + … + θ_qB^q   (Φ, Θ likewise in Bˢ).
 *
 * μ is the mean of the differenced series: with d + D = 0 it is the series' mean, with d + D = 1
 * the drift per step (per season with D = 1), with d + D ≥ 2 it is left out (`constant` false).
 *
 * Fitted by conditional sum of squares with the pre-sample residuals and deviations set to zero,
 * so every order is scored on the same rows and the AICc of different orders compare. R fits the
 * exact Gaussian likelihood after a CSS start (`method = "CSS-ML"`); CSS is what R itself uses for
 * long series (`approximation = TRUE`), and on the shared series the test RMSEs agree within the
 * tolerances stated in the tests.
 */
export interface ArimaOrder {
  p: number;
  d: number;
  q: number;
  P: number;
  D: number;
  Q: number;
  /** Rows per season; 1 = no seasonal part (P = D = Q = 0). */
  season: number;
  constant: boolean;
}

export interface ArimaFit {
  order: ArimaOrder;
  ar: number[];
  ma: number[];
  seasonalAr: number[];
  seasonalMa: number[];
  /** μ in original units of the differenced series (0 without a constant). */
  mean: number;
  /** Residual variance (CSS / rows scored). */
  sigma2: number;
  aicc: number;
  /** Rows of the differenced training series the fit was scored on. */
  rows: number;
}

/** Sparse lag polynomial: Σ coefs[i] Bˡᵃᵍˢ⁽ⁱ⁾ (the leading 1 left out). */
export interface LagTerms {
  lags: Int32Array;
  coefs: Float64Array;
}

/** R's label, e.g. `ARIMA(0,1,1)(0,1,1)[12]`, with `with drift` / `with non-zero mean`. */
export function arimaLabel(order: ArimaOrder): string {
  const base = `ARIMA(${order.p},${order.d},${order.q})`;
  const seasonal =
    order.season > 1 && order.P + order.D + order.Q > 0
      ? `(${order.P},${order.D},${order.Q})[${order.season}]`
      : '';
  const constant = !order.constant
    ? ''
    : order.d + order.D === 0
      ? ' with non-zero mean'
      : ' with drift';
  return base + seasonal + constant;
}

/** Coefficients c₀ = 1, c₁ … of (1 − B)ᵈ (1 − Bˢ)ᴰ as a dense array. */
export function differencePolynomial(d: number, D: number, season: number): Float64Array {
  let poly = Float64Array.of(1);
  const multiply = (lag: number): void => {
    const next = new Float64Array(poly.length + lag);
    for (let i = 0; i < poly.length; i++) {
      next[i] = next[i]! + poly[i]!;
      next[i + lag] = next[i + lag]! - poly[i]!;
    }
    poly = next;
  };
  for (let i = 0; i < d; i++) multiply(1);
  for (let i = 0; i < D; i++) multiply(season);
  return poly;
}

/** w[t] = Σ c_k y[t − k] for t ≥ order; the first `order` rows are NaN. */
export function differenceSeries(values: ArrayLike<number>, poly: Float64Array): Float64Array {
  const lag = poly.length - 1;
  const w = new Float64Array(values.length).fill(Number.NaN);
  for (let t = lag; t < values.length; t++) {
    let sum = 0;
    for (let k = 0; k <= lag; k++) if (poly[k] !== 0) sum += poly[k]! * values[t - k]!;
    w[t] = sum;
  }
  return w;
}

/**
 * (1 + sign·Σ aᵢBⁱ)(1 + sign·Σ AⱼBˢʲ) − 1, as sparse terms in the same sign convention: sign −1
 * for the AR side (1 − φB…), +1 for the MA side (1 + θB…). Equal lags (s ≤ p) are merged.
 */
function expandLags(
  nonSeasonal: ArrayLike<number>,
  seasonal: ArrayLike<number>,
  season: number,
  sign: 1 | -1,
): LagTerms {
  const byLag = new Map<number, number>();
  const add = (lag: number, value: number): void => {
    byLag.set(lag, (byLag.get(lag) ?? 0) + value);
  };
  for (let i = 0; i < nonSeasonal.length; i++) add(i + 1, nonSeasonal[i]!);
  for (let j = 0; j < seasonal.length; j++) {
    add((j + 1) * season, seasonal[j]!);
    // (1 − φB)(1 − ΦBˢ) = 1 − φB − ΦBˢ + φΦBˢ⁺¹, i.e. the coefficient −φΦ on the AR side, and
    // (1 + θB)(1 + ΘBˢ) has +θΘ: the cross term carries the side's sign.
    for (let i = 0; i < nonSeasonal.length; i++) {
      add(i + 1 + (j + 1) * season, sign * nonSeasonal[i]! * seasonal[j]!);
    }
  }
  const entries = [...byLag.entries()].filter(([, v]) => v !== 0).sort((a, b) => a[0] - b[0]);
  return {
    lags: Int32Array.from(entries.map(([lag]) => lag)),
    coefs: Float64Array.from(entries.map(([, v]) => v)),
  };
}

/**
 * Whether 1 − a₁z − … − aₖzᵏ has every root outside the unit circle, by the Levinson step-down
 * recursion: stable exactly when every reflection coefficient lies strictly inside (−1, 1).
 */
export function isStable(a: ArrayLike<number>): boolean {
  let current = Array.from(a);
  for (let k = current.length; k >= 1; k--) {
    const kappa = current[k - 1]!;
    if (!(Math.abs(kappa) < 1 - 1e-6)) return false;
    const next: number[] = [];
    for (let j = 0; j < k - 1; j++) {
      next.push((current[j]! + kappa * current[k - 2 - j]!) / (1 - kappa * kappa));
    }
    current = next;
  }
  return true;
}

/**
 * R's `auto.arima` refuses a fit whose MA polynomial has a root within 1.01 of the unit circle
 * (forecast's `myarima`, `checkroots`): CSS likes an MA root on the circle, where an MA(1) with
 * drift mimics a straight trend (the Nile: θ → −1 with drift beat θ = −0.88 without, and lost
 * to persistence on the test rows). R checks AR roots the same way; here AR roots only have to be
 * stationary, because CSS puts them nearer the circle than the exact likelihood does and the
 * margin then refused every good model of the half-hourly demand series (test RMSE 404 instead
 * of 226; R 225.9). Every root of P(z) lies outside radius r exactly when P(r·w) is stable in w,
 * i.e. when the coefficients aₖ·rᵏ pass the step-down test.
 */
const ROOT_MARGIN = 1.01;

function maRootsClearOfUnitCircle(c: Coefficients, season: number): boolean {
  const { ma } = termsOf(c, season);
  // 1 + Σ mₖzᵏ as 1 − Σ aₖzᵏ with aₖ = −mₖ, each scaled by the margin to the power of its lag.
  const degree = ma.lags.length === 0 ? 0 : ma.lags[ma.lags.length - 1]!;
  const scaled = new Array<number>(degree).fill(0);
  ma.lags.forEach((lag, i) => {
    scaled[lag - 1] = -ma.coefs[i]! * Math.pow(ROOT_MARGIN, lag);
  });
  return isStable(scaled);
}

export interface Coefficients {
  ar: number[];
  ma: number[];
  seasonalAr: number[];
  seasonalMa: number[];
  mean: number;
}

function unpack(x: ArrayLike<number>, order: ArimaOrder): Coefficients {
  let i = 0;
  const take = (count: number): number[] => {
    const out = Array.from({ length: count }, (_, k) => x[i + k]!);
    i += count;
    return out;
  };
  const ar = take(order.p);
  const ma = take(order.q);
  const seasonalAr = take(order.P);
  const seasonalMa = take(order.Q);
  const mean = order.constant ? x[i]! : 0;
  return { ar, ma, seasonalAr, seasonalMa, mean };
}

function admissible(c: Coefficients): boolean {
  return (
    isStable(c.ar) &&
    isStable(c.seasonalAr) &&
    isStable(c.ma.map((v) => -v)) &&
    isStable(c.seasonalMa.map((v) => -v))
  );
}

/**
 * One-step residuals e[t] of the differenced series `w` (rows from `from` on; earlier rows and
 * their residuals count as zero deviations), written into `out`; returns Σ e².
 */
export function residuals(
  w: Float64Array,
  from: number,
  mean: number,
  ar: LagTerms,
  ma: LagTerms,
  out: Float64Array,
): number {
  let sum = 0;
  for (let t = from; t < w.length; t++) {
    let predicted = 0;
    for (let k = 0; k < ar.lags.length; k++) {
      const s = t - ar.lags[k]!;
      if (s >= from) predicted += ar.coefs[k]! * (w[s]! - mean);
    }
    for (let k = 0; k < ma.lags.length; k++) {
      const s = t - ma.lags[k]!;
      if (s >= from) predicted += ma.coefs[k]! * out[s]!;
    }
    const e = w[t]! - mean - predicted;
    out[t] = e;
    sum += e * e;
  }
  return sum;
}

export function termsOf(c: Coefficients, season: number): { ar: LagTerms; ma: LagTerms } {
  return {
    ar: expandLags(c.ar, c.seasonalAr, season, -1),
    ma: expandLags(c.ma, c.seasonalMa, season, 1),
  };
}

/** Fit one order to the training values (finite, in original units) by CSS. */
export function fitArima(values: ArrayLike<number>, order: ArimaOrder): ArimaFit {
  const poly = differencePolynomial(order.d, order.D, order.season);
  const from = poly.length - 1;
  const wRaw = differenceSeries(values, poly);
  const rows = values.length - from;
  const parameters = order.p + order.q + order.P + order.Q + (order.constant ? 1 : 0);
  if (rows < 3) {
    throw new EngineError(
      'DATA_TOO_SHORT',
      `${values.length} training rows are too few for ${arimaLabel(order)}: differencing leaves ${rows}`,
    );
  }
  // Work on the differenced series over its spread so one simplex step suits every scale.
  let centre = 0;
  for (let t = from; t < wRaw.length; t++) centre += wRaw[t]!;
  centre /= rows;
  let spread = 0;
  for (let t = from; t < wRaw.length; t++) spread += (wRaw[t]! - centre) ** 2;
  spread = Math.sqrt(spread / rows) || 1;
  // Scaled, not centred: without a constant μ must be exactly 0 in original units.
  const w = wRaw.map((v) => v / spread);
  const scratch = new Float64Array(w.length);

  const objective = (x: Float64Array): number => {
    const c = unpack(x, order);
    if (!admissible(c)) return Infinity;
    const { ar, ma } = termsOf(c, order.season);
    return residuals(w, from, c.mean, ar, ma, scratch);
  };
  const start = new Float64Array(parameters);
  if (order.constant) start[parameters - 1] = centre / spread;
  let best = nelderMead(objective, start, { step: 0.1, maxEvaluations: 300 * (parameters + 1) });
  // A restart from the best point escapes a simplex that collapsed early (Nelder–Mead's known
  // weakness); it costs one more run and rarely moves far.
  if (parameters > 0) {
    const again = nelderMead(objective, best.x, {
      step: 0.05,
      maxEvaluations: 200 * (parameters + 1),
    });
    if (again.value <= best.value) best = again;
  }
  const c = unpack(best.x, order);
  const sse = best.value * spread * spread;
  const sigma2 = sse / rows;
  const k = parameters + 1;
  const logLikelihood = -0.5 * rows * (Math.log(2 * Math.PI * sigma2) + 1);
  const aicc =
    Number.isFinite(sse) &&
    rows - k - 1 > 0 &&
    sigma2 > 0 &&
    maRootsClearOfUnitCircle(c, order.season)
      ? -2 * logLikelihood + 2 * k + (2 * k * (k + 1)) / (rows - k - 1)
      : Infinity;
  return {
    order,
    ar: c.ar,
    ma: c.ma,
    seasonalAr: c.seasonalAr,
    seasonalMa: c.seasonalMa,
    mean: c.mean * spread,
    sigma2,
    aicc,
    rows,
  };
}
