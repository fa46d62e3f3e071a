import { describe, expect, it } from 'vitest';
import { readCsvText, toTimeSeries } from '../../../../src-main/engine/data/csv';
import { inferFrequency } from '../../../../src-main/engine/data/csv/infer-frequency';
import { addBusinessDays } from '../../../../src-main/engine/data/csv/calendar';
import { futureTimes } from '../../../../src-main/engine/data/advance-time';

const day = 86_400_000;
const MONDAY = Date.UTC(2021, 0, 4);

/** Weekday closing prices from Monday 2021-01-04, with three holidays the exchange was shut. */
function tradingCsv(): { text: string; holidays: string[] } {
  const holidays = ['2021-01-18', '2021-02-15', '2021-04-02'];
  const lines = ['date,close'];
  for (let t = MONDAY, i = 0; lines.length <= 200; t += day, i++) {
    const weekday = new Date(t).getUTCDay();
    const date = new Date(t).toISOString().slice(0, 10);
    if (weekday === 0 || weekday === 6 || holidays.includes(date)) continue;
    lines.push(`${date},${(100 + Math.sin(i / 9) * 5 + i * 0.05).toFixed(2)}`);
  }
  return { text: `${lines.join('\n')}\n`, holidays };
}

describe('business-day series', () => {
  it('are recognised as business days, not daily data with every weekend missing', async () => {
    const { text, holidays } = tradingCsv();
    const { series, report } = toTimeSeries(await readCsvText(text), {
      target: 'close',
      date: 'date',
      features: [],
    });
    expect(series.frequency).toEqual({
      unit: 'businessDay',
      step: 1,
      label: 'business days (Mon–Fri)',
      seasonPeriod: 5,
    });
    // Only the three holidays are inserted (and filled, never scored); no Saturday or Sunday.
    expect(report.insertedDates).toBe(3);
    expect(series.target.values).toHaveLength(203);
    expect(Array.from(series.filledTargetRows!).map((row) => series.times![row])).toEqual(
      holidays.map((date) => Date.parse(`${date}T00:00:00Z`)),
    );
    const weekdays = Array.from(series.times!, (t) => new Date(t).getUTCDay());
    expect(weekdays.every((d) => d >= 1 && d <= 5)).toBe(true);
    // The future continues on weekdays: Friday is followed by Monday.
    const future = futureTimes(series.times!, series.frequency, 6);
    expect(Array.from(future, (t) => new Date(t).getUTCDay())).not.toContain(0);
    expect(Array.from(future, (t) => new Date(t).getUTCDay())).not.toContain(6);
  });

  it('leaves daily data with weekend rows daily', () => {
    const daily = Array.from({ length: 60 }, (_, i) => MONDAY + i * day);
    expect(inferFrequency(daily)?.unit).toBe('day');
  });

  it('steps over weekends both ways', () => {
    const friday = Date.UTC(2021, 0, 8);
    expect(addBusinessDays(friday, 1)).toBe(Date.UTC(2021, 0, 11));
    expect(addBusinessDays(friday, 5)).toBe(Date.UTC(2021, 0, 15));
    expect(addBusinessDays(Date.UTC(2021, 0, 11), -1)).toBe(friday);
    expect(addBusinessDays(friday, 7)).toBe(Date.UTC(2021, 0, 19));
  });
});
