/**
 * Nelder–Mead simplex minimisation (Lagarias et al. 1998 coefficients: reflect 1, expand 2,
 * contract ½, shrink ½) for the few (≤ 10) parameters of an ARIMA model.
 *
 * Written here rather than taken from npm: the packages that offer it (`fmin`, `optimization-js`)
 * have not been released since 2016–2017, and the least-squares solvers that are kept
 * (`ml-levenberg-marquardt`) fit a model point by point, which a recursive residual (each one
 * depends on the previous ones) cannot be cast as without recomputing the whole series per point.
 */
export interface MinimizeOptions {
  /** Initial step along each axis. */
  step?: number;
  maxEvaluations?: number;
  /** Stop when the simplex's values differ by less than this (absolute, plus relative to |f|). */
  tolerance?: number;
}

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  evaluations: number;
}

/** Minimise `f` from `start`; `f` may return Infinity for a forbidden point (it is never kept). */
export function nelderMead(
  f: (x: Float64Array) => number,
  start: ArrayLike<number>,
  options: MinimizeOptions = {},
): MinimizeResult {
  const n = start.length;
  const step = options.step ?? 0.1;
  const maxEvaluations = options.maxEvaluations ?? 200 * Math.max(1, n);
  const tolerance = options.tolerance ?? 1e-8;
  let evaluations = 0;
  const evaluate = (x: Float64Array): number => {
    evaluations++;
    const value = f(x);
    return Number.isNaN(value) ? Infinity : value;
  };
  const first = Float64Array.from(start);
  if (n === 0) return { x: first, value: evaluate(first), evaluations };

  const points: Float64Array[] = [first];
  for (let i = 0; i < n; i++) {
    const p = Float64Array.from(first);
    p[i] = p[i]! + step;
    points.push(p);
  }
  const values = points.map(evaluate);
  const order = points.map((_, i) => i);
  const centroid = new Float64Array(n);
  const along = (from: Float64Array, to: Float64Array, t: number): Float64Array => {
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) out[j] = from[j]! + t * (to[j]! - from[j]!);
    return out;
  };

  while (evaluations < maxEvaluations) {
    order.sort((a, b) => values[a]! - values[b]!);
    const best = order[0]!;
    const worst = order[n]!;
    const secondWorst = order[n - 1]!;
    const spread = Math.abs(values[worst]! - values[best]!);
    if (spread <= tolerance * (1 + Math.abs(values[best]!))) break;

    centroid.fill(0);
    for (let k = 0; k < n; k++) {
      const p = points[order[k]!]!;
      for (let j = 0; j < n; j++) centroid[j] = centroid[j]! + p[j]! / n;
    }
    const reflected = along(centroid, points[worst]!, -1);
    const reflectedValue = evaluate(reflected);
    if (reflectedValue < values[best]!) {
      const expanded = along(centroid, points[worst]!, -2);
      const expandedValue = evaluate(expanded);
      const takeExpanded = expandedValue < reflectedValue;
      points[worst] = takeExpanded ? expanded : reflected;
      values[worst] = takeExpanded ? expandedValue : reflectedValue;
      continue;
    }
    if (reflectedValue < values[secondWorst]!) {
      points[worst] = reflected;
      values[worst] = reflectedValue;
      continue;
    }
    const outside = reflectedValue < values[worst]!;
    const contracted = along(centroid, outside ? reflected : points[worst]!, 0.5);
    const contractedValue = evaluate(contracted);
    if (contractedValue < Math.min(reflectedValue, values[worst]!)) {
      points[worst] = contracted;
      values[worst] = contractedValue;
      continue;
    }
    const bestPoint = points[best]!;
    for (let k = 1; k <= n; k++) {
      const i = order[k]!;
      points[i] = along(bestPoint, points[i]!, 0.5);
      values[i] = evaluate(points[i]!);
    }
  }
  let bestIndex = 0;
  for (let i = 1; i <= n; i++) if (values[i]! < values[bestIndex]!) bestIndex = i;
  return { x: points[bestIndex]!, value: values[bestIndex]!, evaluations };
}
