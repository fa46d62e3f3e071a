import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCsvFile, toTimeSeries } from '../../../../src-main/engine/data/csv';
import { autoArima } from '../../../../src-main/engine/forecast/classical/auto-arima';
import { arimaLabel } from '../../../../src-main/engine/forecast/classical/arima-model';
import { arimaOneStep } from '../../../../src-main/engine/forecast/classical/arima-path';

/**
 * Our AutoARIMA against R's `forecast::auto.arima` on real series, scored as `stat-anchors.R`
 * scores it: fitted on the first 80 % of the file's rows, applied to the last 20 % without
 * re-estimation, one step ahead. R's figures (forecast 8.x, Debian) are the golden numbers.
 *
 * The two need not pick the same order: R maximises the exact likelihood, this port the
 * conditional sum of squares. What must hold is the accuracy a user sees: the test RMSE within
 * the stated tolerance of R's, and far below persistence wherever R is.
 */
const R_ANCHORS = [
  // file, target, season, R's RMSE, R's model, persistence RMSE, tolerance on our / R's RMSE
  ['us-accidental-deaths.csv', 'deaths', 12, 224.77, 'ARIMA(0,1,1)(0,1,1)[12]', 695.5, 0.03],
  ['nottingham-temperature.csv', 'temp_f', 12, 2.2276, 'ARIMA(0,0,2)(1,1,1)[12]', 5.144, 0.05],
  ['uk-gas-quarterly.csv', 'gas', 4, 43.25, 'ARIMA(2,1,1)(1,1,0)[4]', 397.9, 0.05],
  ['gold-price-daily.csv', 'price_usd', 1, 3.416, 'ARIMA(0,1,1)', 3.374, 0.03],
  ['lynx-trappings.csv', 'trappings', 1, 811.5, 'ARIMA(2,0,2) with non-zero mean', 1006, 0.1],
  ['australian-wine-sales.csv', 'bottles', 12, 2132, 'ARIMA(0,1,1)(0,1,1)[12]', 7518, 0.15],
  ['nile-flow.csv', 'flow', 1, 125.8, 'ARIMA(1,1,1)', 153.1, 0.05],
] as const;

async function readTarget(file: string, target: string): Promise<Float64Array> {
  const path = fileURLToPath(new URL(`../../../fixtures/timeseries/${file}`, import.meta.url));
  const table = await readCsvFile(path);
  // By row, as R reads the file; the few empty cells (gold) filled linearly as na.interp does.
  const { series } = toTimeSeries(table, { target, features: [], fill: 'linear' });
  return Float64Array.from(series.target.values);
}

function rmse(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += (actual[i]! - predicted[i]!) ** 2;
  return Math.sqrt(sum / actual.length);
}

describe('AutoARIMA against R on real series', () => {
  for (const [file, target, season, rRmse, rModel, persistence, tolerance] of R_ANCHORS) {
    it(`${file}: test RMSE within ${tolerance * 100} % of R's ${rModel}`, async () => {
      const y = await readTarget(file, target);
      const split = y.length - Math.ceil(0.2 * y.length);
      const { fit } = autoArima(y.subarray(0, split), season);
      const ours = rmse(y.subarray(split), arimaOneStep(fit, y, split));
      expect(ours / rRmse, `${arimaLabel(fit.order)}: ${ours}`).toBeGreaterThan(1 - tolerance);
      expect(ours / rRmse, `${arimaLabel(fit.order)}: ${ours}`).toBeLessThan(1 + tolerance);
      if (rRmse < 0.9 * persistence) expect(ours).toBeLessThan(0.9 * persistence);
    });
  }

  it("picks R's order on the airline-type accidental deaths series", async () => {
    const y = await readTarget('us-accidental-deaths.csv', 'deaths');
    const { fit } = autoArima(y.subarray(0, 57), 12);
    expect(arimaLabel(fit.order)).toBe('ARIMA(0,1,1)(0,1,1)[12]');
    // R: ma1 −0.4303, sma1 −0.4476 (exact likelihood); CSS lands near them.
    expect(fit.ma[0]).toBeCloseTo(-0.43, 0);
    expect(fit.seasonalMa[0]).toBeCloseTo(-0.45, 0);
  });
});
