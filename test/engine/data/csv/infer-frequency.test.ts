import { describe, expect, it } from 'vitest';
import { inferFrequency } from '../../../../src-main/engine/data/csv';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

function spaced(start: number, step: number, count: number): number[] {
  return Array.from({ length: count }, (_, index) => start + index * step);
}

function monthly(startYear: number, everyMonths: number, count: number, day = 1): number[] {
  return Array.from({ length: count }, (_, index) => Date.UTC(startYear, index * everyMonths, day));
}

describe('inferFrequency', () => {
  const start = Date.UTC(2020, 0, 1);

  it.each([
    [
      'hourly',
      spaced(start, hour, 100),
      { unit: 'hour', step: 1, label: 'hourly', seasonPeriod: 24 },
    ],
    ['daily', spaced(start, day, 100), { unit: 'day', step: 1, label: 'daily', seasonPeriod: 7 }],
    [
      'weekly',
      spaced(start, 7 * day, 100),
      { unit: 'week', step: 1, label: 'weekly', seasonPeriod: 52 },
    ],
    [
      '15-minute',
      spaced(start, 15 * minute, 100),
      { unit: 'minute', step: 15, label: 'every 15 minutes', seasonPeriod: 4 },
    ],
    [
      // An "hour" of 2 rows is no season: half-hourly demand cycles by the day (48 rows).
      'half-hourly',
      spaced(start, 30 * minute, 100),
      { unit: 'minute', step: 30, label: 'every 30 minutes', seasonPeriod: 48 },
    ],
    [
      'minutely',
      spaced(start, minute, 100),
      { unit: 'minute', step: 1, label: 'every minute', seasonPeriod: 60 },
    ],
    [
      '6-hourly',
      spaced(start, 6 * hour, 100),
      { unit: 'hour', step: 6, label: 'every 6 hours', seasonPeriod: 4 },
    ],
    [
      '7-minute',
      spaced(start, 7 * minute, 100),
      { unit: 'minute', step: 7, label: 'every 7 minutes', seasonPeriod: null },
    ],
    [
      'monthly',
      monthly(1958, 1, 40),
      { unit: 'month', step: 1, label: 'monthly', seasonPeriod: 12 },
    ],
    [
      'quarterly',
      monthly(1990, 3, 40),
      { unit: 'quarter', step: 1, label: 'quarterly', seasonPeriod: 4 },
    ],
    [
      'yearly',
      monthly(1900, 12, 40),
      { unit: 'year', step: 1, label: 'yearly', seasonPeriod: null },
    ],
    [
      'every 2 months',
      monthly(1990, 2, 40),
      { unit: 'month', step: 2, label: 'every 2 months', seasonPeriod: 6 },
    ],
  ])('recognises %s data', (_name, times, expected) => {
    expect(inferFrequency(times)).toEqual(expected);
  });

  it('recognises month-end data by the calendar, not by a fixed number of days', () => {
    const monthEnds = Array.from({ length: 24 }, (_, index) => Date.UTC(2019, index + 1, 0));
    expect(inferFrequency(monthEnds)?.unit).toBe('month');
  });

  it('takes 28-day data as every 4 weeks, not monthly', () => {
    expect(inferFrequency(spaced(start, 28 * day, 30))).toMatchObject({ unit: 'week', step: 4 });
  });

  it('uses the median spacing, so gaps and order do not matter', () => {
    const withGaps = spaced(start, day, 50).filter((_, index) => index % 5 !== 3);
    expect(inferFrequency(withGaps.reverse())?.label).toBe('daily');
  });

  it('returns null without two distinct times', () => {
    expect(inferFrequency([])).toBeNull();
    expect(inferFrequency([start, start, NaN])).toBeNull();
  });
});
