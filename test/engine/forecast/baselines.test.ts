import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  driftForecast,
  inferSeason,
  persistenceForecast,
  seasonalNaiveForecast,
} from '../../../src-main/engine/forecast/baselines';
import { computeMetrics, naiveScale } from '../../../src-main/engine/forecast/metrics';
import { EngineError } from '../../../src-main/engine/util/engine-error';
import { createRandom } from '../../../src-main/engine/util/seeded-random';
import { samplePath } from '../../sample-files';

/**
 * Reads one numeric column of a simple comma-separated file with a header row (no quoting). A
 * stand-in for the real CSV module, which is not used here so these figures stand on their own.
 */
function readColumn(file: string, column: string): Float64Array {
  const lines = readFileSync(samplePath(file), 'utf8').trim().split(/\r?\n/);
  const index = lines[0]!.split(',').indexOf(column);
  if (index < 0) throw new Error(`no column ${column} in ${file}`);
  return Float64Array.from(lines.slice(1), (line) => Number(line.split(',')[index]));
}

function expectInvalidOptions(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('INVALID_OPTIONS');
    return;
  }
  expect.fail('expected an EngineError with code INVALID_OPTIONS');
}

describe('baselines on a tiny series', () => {
  const values = [10, 12, 11, 15, 14, 18];
  const testStart = 4;

  it('persistence repeats the previous value', () => {
    expect(Array.from(persistenceForecast(values, testStart))).toEqual([15, 14]);
  });

  it('seasonal naive repeats the value one season back', () => {
    expect(Array.from(seasonalNaiveForecast(values, testStart, 2))).toEqual([11, 15]);
    expect(Array.from(seasonalNaiveForecast(values, testStart, 4))).toEqual([10, 12]);
  });

  it('drift extends the line through the first and the last observed value', () => {
    const forecast = driftForecast(values, testStart);
    expect(forecast).toBeInstanceOf(Float64Array);
    expect(forecast).toHaveLength(2);
    expect(forecast[0]).toBeCloseTo(15 + 5 / 3, 12); // 16.667
    expect(forecast[1]).toBeCloseTo(14 + 4 / 4, 12); // 15
  });

  it('rejects a test start without enough history or without test rows', () => {
    expectInvalidOptions(() => seasonalNaiveForecast(values, testStart, 5));
    expectInvalidOptions(() => seasonalNaiveForecast(values, testStart, 0));
    expectInvalidOptions(() => persistenceForecast(values, 0));
    expectInvalidOptions(() => persistenceForecast(values, values.length));
    expectInvalidOptions(() => persistenceForecast(values, 2.5));
    expectInvalidOptions(() => driftForecast(values, 1));
  });
});

describe('inferSeason', () => {
  const random = createRandom(42);
  const sine20 = Array.from(
    { length: 500 },
    (_, t) => Math.sin((2 * Math.PI * t) / 20) + 0.1 * (random.next() - 0.5),
  );
  const trendSeason12 = Array.from(
    { length: 300 },
    (_, t) => 0.1 * t + Math.sin((2 * Math.PI * t) / 12) + 0.2 * (random.next() - 0.5),
  );
  const noise = Array.from({ length: 300 }, () => random.normal());

  it("uses the frequency's period when the training part holds a full season", () => {
    expect(inferSeason(12, noise, 240)).toBe(12);
    expect(inferSeason(7, noise, 240)).toBe(7);
  });

  it('finds the season from the autocorrelation of the training part otherwise', () => {
    expect(inferSeason(null, sine20, 400)).toBe(20);
    expect(inferSeason(null, trendSeason12, 240)).toBe(12);
    // A period longer than the training part cannot be used: fall back to the data.
    expect(inferSeason(365, trendSeason12, 240)).toBe(12);
  });

  it('finds a long period of a smooth series, never the meaningless lag 2', () => {
    // The sine sample: sin(0.01 t), a period of 2π / 0.01 ≈ 628 rows; its autocorrelation is
    // highest at lag 2 only because it is still decaying from lag 0.
    const smooth = Array.from({ length: 11_000 }, (_, t) => Math.sin(0.01 * t));
    // (The usual biased autocorrelation shrinks with the lag, which pulls its peak a row or two in.)
    expect(Math.abs(inferSeason(null, smooth, 8_800) - 628)).toBeLessThanOrEqual(4);
    // Less than two periods of training data: no season rather than 2.
    expect(inferSeason(null, smooth, 1_000)).toBe(1);
  });

  it('falls back to 1 without a clear season or with too little data', () => {
    expect(inferSeason(null, noise, 240)).toBe(1);
    expect(inferSeason(null, new Array<number>(100).fill(3), 80)).toBe(1);
    expect(inferSeason(null, [1, 2, 3, 4, 5], 3)).toBe(1);
  });

  it('never reads the test part', () => {
    const seasonalTestOnly = [...noise.slice(0, 240), ...sine20.slice(0, 260)];
    expect(inferSeason(null, seasonalTestOnly, 240)).toBe(1);
  });
});

describe('reference figures on a chronological 80/20 split', () => {
  function score(file: string, column: string, season: number) {
    const values = readColumn(file, column);
    const testStart = Math.floor(0.8 * values.length);
    const actual = values.subarray(testStart);
    const masScale = naiveScale(values.subarray(0, testStart));
    return {
      rows: values.length,
      testStart,
      persistence: computeMetrics(actual, persistenceForecast(values, testStart), { masScale }),
      seasonal: computeMetrics(actual, seasonalNaiveForecast(values, testStart, season), {
        masScale,
      }),
      drift: computeMetrics(actual, driftForecast(values, testStart), { masScale }),
    };
  }

  it('seattle-weather.csv temp_max: persistence 3.063/2.356, seasonal naive s=7 4.947/3.939', () => {
    const result = score('seattle-weather.csv', 'temp_max', 7);
    expect(result.rows).toBe(1461);
    expect(result.testStart).toBe(1168);
    expect(result.persistence.rmse.toFixed(3)).toBe('3.063');
    expect(result.persistence.mae.toFixed(3)).toBe('2.356');
    expect(result.seasonal.rmse.toFixed(3)).toBe('4.947');
    expect(result.seasonal.mae.toFixed(3)).toBe('3.939');
    // Regression figures of this module (not from an outside reference).
    expect(result.drift.rmse.toFixed(3)).toBe('3.064');
    expect(result.drift.mae.toFixed(3)).toBe('2.357');
    expect(result.persistence.mase!.toFixed(3)).toBe('1.075');
  });

  it('co2-concentration.csv CO2 (raw rows): persistence 1.367/1.223, seasonal naive s=12 2.412/2.328', () => {
    const result = score('co2-concentration.csv', 'CO2', 12);
    expect(result.rows).toBe(741);
    expect(result.testStart).toBe(592);
    expect(result.persistence.rmse.toFixed(3)).toBe('1.367');
    expect(result.persistence.mae.toFixed(3)).toBe('1.223');
    expect(result.seasonal.rmse.toFixed(3)).toBe('2.412');
    expect(result.seasonal.mae.toFixed(3)).toBe('2.328');
    // Regression figures of this module (not from an outside reference).
    expect(result.drift.rmse.toFixed(3)).toBe('1.353');
    expect(result.drift.mae.toFixed(3)).toBe('1.191');
    expect(result.persistence.mase!.toFixed(3)).toBe('1.120');
    expect(result.persistence.mape!.toFixed(3)).toBe('0.307');
  });

  it('infers the monthly season of CO2 from the training part alone', () => {
    const values = readColumn('co2-concentration.csv', 'CO2');
    expect(inferSeason(null, values, Math.floor(0.8 * values.length))).toBe(12);
  });
});
