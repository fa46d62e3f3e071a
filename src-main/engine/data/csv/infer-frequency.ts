import type { Frequency } from '../time-series';
import { MS_PER_DAY, isMonthEnd, isWeekday, monthIndex, timeOfDay } from './calendar';
import { FIXED_UNITS, makeFrequency } from './frequency-units';

/** Spacings this long or longer may be calendar months (February has 28 days, less a little). */
const MIN_MONTH_MS = 27 * MS_PER_DAY;
/** Share of rows that must sit on the same day of the month for a calendar frequency. */
const CALENDAR_SHARE = 0.9;

/** The lower median, so the result is always one of the values (a whole number of ms). */
function lowerMedian(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}

function sortedFinite(times: ArrayLike<number>): Float64Array {
  const finite = new Float64Array(times.length);
  let count = 0;
  for (let index = 0; index < times.length; index += 1) {
    const time = times[index] ?? NaN;
    if (Number.isFinite(time)) finite[count++] = time;
  }
  return finite.subarray(0, count).sort();
}

/** Day of month plus time of day: the part of a time that a monthly series keeps fixed. */
function dayAndTime(time: number): number {
  const date = new Date(time);
  return date.getUTCDate() * MS_PER_DAY + timeOfDay(time);
}

/** Monthly data sits on one day of the month (the 1st, the 15th) or on month ends. */
function isCalendarAligned(times: Float64Array): boolean {
  const first = times[0] ?? 0;
  const anchor = dayAndTime(first);
  const aligned = times.filter((time) => dayAndTime(time) === anchor).length;
  const monthEnds = times.filter(
    (time) => isMonthEnd(time) && timeOfDay(time) === timeOfDay(first),
  ).length;
  return Math.max(aligned, monthEnds) >= CALENDAR_SHARE * times.length;
}

function calendarFrequency(times: Float64Array): Frequency | null {
  if (!isCalendarAligned(times)) return null;
  const monthSteps: number[] = [];
  for (let index = 1; index < times.length; index += 1) {
    const step = monthIndex(times[index] ?? 0) - monthIndex(times[index - 1] ?? 0);
    if (step > 0) monthSteps.push(step);
  }
  if (monthSteps.length === 0) return null;
  const months = lowerMedian(monthSteps);
  if (months % 12 === 0) return makeFrequency('year', months / 12);
  if (months === 3) return makeFrequency('quarter', 1);
  return makeFrequency('month', months);
}

function fixedFrequency(medianMs: number): Frequency {
  for (const { unit, ms } of FIXED_UNITS) {
    if (medianMs % ms === 0) return makeFrequency(unit, medianMs / ms);
  }
  return makeFrequency('millisecond', Math.max(1, Math.round(medianMs)));
}

/** Share of rows that must fall on weekdays for daily data to be business days. */
const WEEKDAY_SHARE = 0.98;

/**
 * Daily rows that skip weekends (trading days): nearly all rows on weekdays and at least one
 * Friday-to-Monday step per two weeks of data. A daily series with a few weekend gaps stays daily.
 */
function isBusinessDays(sorted: Float64Array): boolean {
  if (sorted.length < 10) return false;
  let weekdays = 0;
  let fridayToMonday = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (isWeekday(sorted[i]!)) weekdays++;
    if (i > 0 && sorted[i]! - sorted[i - 1]! === 3 * MS_PER_DAY) {
      if (new Date(sorted[i]!).getUTCDay() === 1) fridayToMonday++;
    }
  }
  return weekdays >= WEEKDAY_SHARE * sorted.length && fridayToMonday >= sorted.length / 10;
}

/**
 * The frequency of a series from its row times (ms since epoch, any order, NaN ignored): the median
 * spacing, so a few gaps or duplicates do not change it. Months, quarters and years are recognised
 * by the calendar (28 to 31 days apart on the same day of month), everything else by the largest
 * fixed unit that divides the median spacing. Null with fewer than two distinct times.
 */
export function inferFrequency(times: ArrayLike<number>): Frequency | null {
  const sorted = sortedFinite(times);
  const spacings = new Float64Array(Math.max(0, sorted.length - 1));
  let count = 0;
  for (let index = 1; index < sorted.length; index += 1) {
    const spacing = (sorted[index] ?? 0) - (sorted[index - 1] ?? 0);
    if (spacing > 0) spacings[count++] = spacing;
  }
  if (count === 0) return null;
  const median = lowerMedian(spacings.subarray(0, count));
  if (median === MS_PER_DAY && isBusinessDays(sorted)) return makeFrequency('businessDay', 1);
  if (median >= MIN_MONTH_MS) {
    const calendar = calendarFrequency(sorted);
    if (calendar !== null) return calendar;
  }
  return fixedFrequency(median);
}
