import { describe, expect, it } from 'vitest';
import { fillMissing, inferFrequency } from '../../../../src-main/engine/data/csv';

const day = 86_400_000;
const start = Date.UTC(2020, 0, 1);

function dailyInput(days: number[], values: number[]) {
  const times = Float64Array.from(days, (index) => start + index * day);
  return { times, columns: [{ name: 'v', values: Float64Array.from(values) }] };
}

describe('fillMissing', () => {
  // Days 0..7 with day 3 absent and a block of missing values on days 5 and 6.
  const input = dailyInput([0, 1, 2, 4, 5, 6, 7], [0, 10, 20, 40, NaN, NaN, 70]);
  const frequency = inferFrequency(input.times);

  it('inserts missing dates and interpolates linearly in time', () => {
    const result = fillMissing(input, { policy: 'linear', frequency });
    expect(Array.from(result.times!)).toEqual(
      Array.from({ length: 8 }, (_, index) => start + index * day),
    );
    expect(Array.from(result.columns[0]!.values)).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
    expect(result).toMatchObject({
      missingDates: 1,
      insertedDates: 1,
      filledValues: 3,
      filledRows: [3, 5, 6],
      droppedRows: 0,
    });
    expect(Array.from(input.columns[0]!.values)).toEqual([0, 10, 20, 40, NaN, NaN, 70]);
  });

  it('carries values forward with ffill', () => {
    const result = fillMissing(input, { policy: 'ffill', frequency });
    expect(Array.from(result.columns[0]!.values)).toEqual([0, 10, 20, 20, 40, 40, 40, 70]);
    expect(result.filledRows).toEqual([3, 5, 6]);
  });

  it('drops incomplete rows and inserts nothing with drop', () => {
    const result = fillMissing(input, { policy: 'drop', frequency });
    expect(Array.from(result.columns[0]!.values)).toEqual([0, 10, 20, 40, 70]);
    expect(result.times!.length).toBe(5);
    expect(result).toMatchObject({
      missingDates: 1,
      insertedDates: 0,
      droppedRows: 2,
      filledRows: [],
    });
  });

  it('fills leading and trailing gaps from the nearest value', () => {
    const edges = dailyInput([0, 1, 2, 3, 4], [NaN, 1, 2, 3, NaN]);
    const result = fillMissing(edges, { policy: 'linear', frequency: inferFrequency(edges.times) });
    expect(Array.from(result.columns[0]!.values)).toEqual([1, 1, 2, 3, 3]);
  });

  it('interpolates by calendar time, so months of different lengths weigh differently', () => {
    const times = Float64Array.from([Date.UTC(2021, 0, 1), Date.UTC(2021, 2, 1)]);
    const columns = [{ name: 'v', values: Float64Array.from([0, 59]) }];
    const result = fillMissing(
      { times, columns },
      { policy: 'linear', frequency: inferFrequency([...times, Date.UTC(2021, 3, 1)]) },
    );
    // January has 31 of the 59 days from Jan 1 to Mar 1.
    expect(Array.from(result.columns[0]!.values)).toEqual([0, 31, 59]);
  });

  it('does not insert dates into irregular times, and says why', () => {
    const times = Float64Array.from(
      [0, day, 2 * day, 3 * day + 3_600_000, 5 * day].map((t) => start + t),
    );
    const columns = [{ name: 'v', values: Float64Array.from([1, NaN, 3, 4, 5]) }];
    const result = fillMissing(
      { times, columns },
      { policy: 'linear', frequency: inferFrequency(times) },
    );
    expect(result.times!.length).toBe(5);
    expect(result.insertedDates).toBe(0);
    expect(result.irregularReason).toBe('2020-01-04T01:00:00.000Z is not on the daily grid');
    expect(result.columns[0]!.values[1]).toBe(2);
  });

  it('interpolates by row without times', () => {
    const columns = [{ name: 'v', values: Float64Array.from([1, NaN, NaN, 4]) }];
    const result = fillMissing({ times: null, columns }, { policy: 'linear', frequency: null });
    expect(Array.from(result.columns[0]!.values)).toEqual([1, 2, 3, 4]);
  });
});
