import { describe, expect, it } from 'vitest';
import {
  arimaLabel,
  differencePolynomial,
  fitArima,
  isStable,
  type ArimaOrder,
} from '../../../../src-main/engine/forecast/classical/arima-model';
import {
  arimaForecast,
  arimaOneStep,
} from '../../../../src-main/engine/forecast/classical/arima-path';
import {
  countDifferences,
  countSeasonalDifferences,
  kpssStatistic,
} from '../../../../src-main/engine/forecast/classical/differencing-tests';
import { nelderMead } from '../../../../src-main/engine/forecast/classical/nelder-mead';
import { createRandom } from '../../../../src-main/engine/util/seeded-random';

const order = (o: Partial<ArimaOrder>): ArimaOrder => ({
  p: 0,
  d: 0,
  q: 0,
  P: 0,
  D: 0,
  Q: 0,
  season: 1,
  constant: false,
  ...o,
});

/** y[t] = mean + φ (y[t−1] − mean) + e[t] + θ e[t−1]. */
function simulateArma11(n: number, phi: number, theta: number, mean: number, seed: number) {
  const random = createRandom(seed);
  const y = new Float64Array(n);
  let previousE = 0;
  let previous = mean;
  for (let t = 0; t < n; t++) {
    const e = random.normal();
    y[t] = mean + phi * (previous - mean) + e + theta * previousE;
    previous = y[t]!;
    previousE = e;
  }
  return y;
}

describe('ARIMA pieces', () => {
  it('expands (1 − B)(1 − B¹²) and labels orders as R does', () => {
    const poly = differencePolynomial(1, 1, 12);
    expect(Array.from(poly).filter((c) => c !== 0)).toEqual([1, -1, -1, 1]);
    expect([poly[0], poly[1], poly[12], poly[13]]).toEqual([1, -1, -1, 1]);
    expect(arimaLabel(order({ p: 2, d: 1, q: 1, P: 1, D: 1, season: 4 }))).toBe(
      'ARIMA(2,1,1)(1,1,0)[4]',
    );
    expect(arimaLabel(order({ p: 1, q: 1, constant: true }))).toBe(
      'ARIMA(1,0,1) with non-zero mean',
    );
    expect(arimaLabel(order({ d: 1, constant: true }))).toBe('ARIMA(0,1,0) with drift');
  });

  it('tells stationary AR polynomials from explosive ones', () => {
    expect(isStable([0.5])).toBe(true);
    expect(isStable([1.2])).toBe(false);
    expect(isStable([0.5, 0.3])).toBe(true); // roots outside the unit circle
    expect(isStable([0.5, 0.6])).toBe(false); // φ₁ + φ₂ > 1
    expect(isStable([])).toBe(true);
  });

  it('minimises the Rosenbrock function with Nelder–Mead', () => {
    const rosenbrock = (x: Float64Array): number =>
      100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
    const result = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 2000, tolerance: 1e-14 });
    expect(result.x[0]).toBeCloseTo(1, 3);
    expect(result.x[1]).toBeCloseTo(1, 3);
  });

  it('recovers the coefficients of a simulated ARMA(1,1) with a mean', () => {
    const y = simulateArma11(2000, 0.6, 0.3, 10, 7);
    const fit = fitArima(y, order({ p: 1, q: 1, constant: true }));
    expect(fit.ar[0]).toBeCloseTo(0.6, 1);
    expect(fit.ma[0]).toBeCloseTo(0.3, 1);
    expect(fit.mean).toBeCloseTo(10, 0);
    expect(fit.sigma2).toBeCloseTo(1, 1);
  });

  it('forecasts one step with fixed coefficients and closed-loop towards the mean', () => {
    const fit = {
      order: order({ p: 1, constant: true }),
      ar: [0.5],
      ma: [],
      seasonalAr: [],
      seasonalMa: [],
      mean: 10,
      sigma2: 1,
      aicc: 0,
      rows: 4,
    };
    const y = [10, 12, 11, 14];
    // ŷ[t] = 10 + 0.5 (y[t−1] − 10)
    expect(Array.from(arimaOneStep(fit, y, 1))).toEqual([10, 11, 10.5]);
    // From 14: 12, 11, 10.5
    expect(Array.from(arimaForecast(fit, y, 3))).toEqual([12, 11, 10.5]);
  });

  it('integrates a drift model back to levels in the closed-loop forecast', () => {
    const fit = {
      order: order({ d: 1, constant: true }),
      ar: [],
      ma: [],
      seasonalAr: [],
      seasonalMa: [],
      mean: 2,
      sigma2: 1,
      aicc: 0,
      rows: 3,
    };
    expect(Array.from(arimaForecast(fit, [1, 3, 5, 7], 3))).toEqual([9, 11, 13]);
  });

  it('differences a random walk once and white noise not at all (KPSS at 5 %)', () => {
    const random = createRandom(3);
    const noise = Float64Array.from({ length: 500 }, () => random.normal());
    const walk = new Float64Array(500);
    for (let t = 1; t < 500; t++) walk[t] = walk[t - 1]! + noise[t]!;
    expect(kpssStatistic(noise)).toBeLessThan(0.463);
    expect(countDifferences(noise)).toBe(0);
    expect(countDifferences(walk)).toBe(1);
  });

  it('takes a seasonal difference only where the season is strong', () => {
    const random = createRandom(5);
    const seasonal = Float64Array.from(
      { length: 240 },
      (_, t) => 10 * Math.sin((2 * Math.PI * t) / 12) + random.normal(),
    );
    const noise = Float64Array.from({ length: 240 }, () => random.normal());
    expect(countSeasonalDifferences(seasonal, 12)).toBe(1);
    expect(countSeasonalDifferences(noise, 12)).toBe(0);
  });
});
