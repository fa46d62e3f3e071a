import { EngineError } from '../../util/engine-error';
import { fitArima, type ArimaFit, type ArimaOrder } from './arima-model';
import { countDifferences, countSeasonalDifferences, lagDifference } from './differencing-tests';

/**
 * Hyndman & Khandakar's (2008) stepwise AutoARIMA, as R's `forecast::auto.arima` runs it by
 * default: d and D from unit-root and seasonal-strength tests, then a local search over p, q, P, Q
 * and the constant by AICc, starting from four models and moving to the first better neighbour
 * until none is better. Written here because the npm packages (`arima`, a WebAssembly build of
 * ctsa) fit and forecast ahead but expose neither the coefficients nor a way to apply a fitted
 * model to later rows without re-estimating it, which the one-step test forecasts need.
 */
export interface AutoArimaOptions {
  maxP?: number;
  maxQ?: number;
  maxSeasonalP?: number;
  maxSeasonalQ?: number;
  /** R's `stepwise` cap on the models tried. */
  maxModels?: number;
}

export interface AutoArimaResult {
  fit: ArimaFit;
  /** Orders fitted during the search. */
  modelsTried: number;
}

/** At most this many of the latest training rows are used to fit (a bound on time and memory). */
export const AUTO_ARIMA_MAX_ROWS = 5000;

export function autoArima(
  training: ArrayLike<number>,
  season: number,
  options: AutoArimaOptions = {},
): AutoArimaResult {
  const all = Float64Array.from(training);
  for (const v of all) {
    if (!Number.isFinite(v)) {
      throw new EngineError('INVALID_OPTIONS', 'AutoARIMA needs finite values in every row');
    }
  }
  const values = all.length > AUTO_ARIMA_MAX_ROWS ? all.slice(-AUTO_ARIMA_MAX_ROWS) : all;
  // Three seasons at least: one is lost to a seasonal difference and a seasonal AR term needs two
  // more to be estimated at all (a 38-row "season" in 91 yearly rows fitted nothing but noise).
  const seasonal = season >= 2 && values.length >= 3 * season;
  const s = seasonal ? season : 1;
  const D = seasonal ? countSeasonalDifferences(values, s) : 0;
  const d = countDifferences(D === 1 ? lagDifference(values, s) : values);
  const constantAllowed = d + D <= 1;
  const maxP = options.maxP ?? 5;
  const maxQ = options.maxQ ?? 5;
  const maxSP = seasonal ? (options.maxSeasonalP ?? 2) : 0;
  const maxSQ = seasonal ? (options.maxSeasonalQ ?? 2) : 0;
  const maxModels = options.maxModels ?? 94;

  const tried = new Map<string, ArimaFit>();
  const keyOf = (o: ArimaOrder): string => `${o.p},${o.q},${o.P},${o.Q},${o.constant}`;
  const legal = (o: ArimaOrder): boolean =>
    o.p >= 0 &&
    o.q >= 0 &&
    o.P >= 0 &&
    o.Q >= 0 &&
    o.p <= maxP &&
    o.q <= maxQ &&
    o.P <= maxSP &&
    o.Q <= maxSQ &&
    (constantAllowed || !o.constant);
  const tryOrder = (o: ArimaOrder): ArimaFit | null => {
    if (!legal(o) || tried.size >= maxModels) return null;
    const key = keyOf(o);
    const known = tried.get(key);
    if (known) return known;
    let fit: ArimaFit;
    try {
      fit = fitArima(values, o);
    } catch {
      fit = { ...emptyFit(o), aicc: Infinity };
    }
    tried.set(key, fit);
    return fit;
  };

  const make = (p: number, q: number, P: number, Q: number, constant: boolean): ArimaOrder => ({
    p,
    d,
    q,
    P: seasonal ? P : 0,
    D,
    Q: seasonal ? Q : 0,
    season: s,
    constant: constant && constantAllowed,
  });
  let best: ArimaFit | null = null;
  const consider = (o: ArimaOrder): boolean => {
    const fit = tryOrder(o);
    if (fit && Number.isFinite(fit.aicc) && (best === null || fit.aicc < best.aicc)) {
      best = fit;
      return true;
    }
    return false;
  };
  const starts = [
    make(2, 2, 1, 1, true),
    make(0, 0, 0, 0, true),
    make(1, 0, 1, 0, true),
    make(0, 1, 0, 1, true),
  ];
  for (const o of starts) consider(o);
  if (constantAllowed) consider(make(0, 0, 0, 0, false));

  let improved = best !== null;
  while (improved && tried.size < maxModels) {
    improved = false;
    const b: ArimaOrder = (best as ArimaFit | null)!.order;
    const neighbours: ArimaOrder[] = [
      { ...b, P: b.P - 1 },
      { ...b, P: b.P + 1 },
      { ...b, Q: b.Q - 1 },
      { ...b, Q: b.Q + 1 },
      { ...b, P: b.P - 1, Q: b.Q - 1 },
      { ...b, P: b.P + 1, Q: b.Q + 1 },
      { ...b, P: b.P - 1, Q: b.Q + 1 },
      { ...b, P: b.P + 1, Q: b.Q - 1 },
      { ...b, p: b.p - 1 },
      { ...b, p: b.p + 1 },
      { ...b, q: b.q - 1 },
      { ...b, q: b.q + 1 },
      { ...b, p: b.p - 1, q: b.q - 1 },
      { ...b, p: b.p + 1, q: b.q + 1 },
      { ...b, p: b.p - 1, q: b.q + 1 },
      { ...b, p: b.p + 1, q: b.q - 1 },
      { ...b, constant: !b.constant },
    ].filter((o) => seasonal || (o.P === 0 && o.Q === 0));
    for (const o of neighbours) {
      if (consider(o)) {
        improved = true;
        break;
      }
    }
  }
  if (best === null) {
    throw new EngineError(
      'DATA_TOO_SHORT',
      `AutoARIMA found no model that fits ${values.length} training rows`,
    );
  }
  return { fit: best, modelsTried: tried.size };
}

function emptyFit(order: ArimaOrder): ArimaFit {
  return {
    order,
    ar: [],
    ma: [],
    seasonalAr: [],
    seasonalMa: [],
    mean: 0,
    sigma2: Number.NaN,
    aicc: Infinity,
    rows: 0,
  };
}
