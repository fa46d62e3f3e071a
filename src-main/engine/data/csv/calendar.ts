/**
 * Calendar arithmetic in UTC. Every time in the CSV import is "ms since epoch, UTC": naive local
 * times in a file are read as UTC on purpose, so daylight-saving shifts never create gaps or
 * duplicate hours in a series.
 */
export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60 * MS_PER_SECOND;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;
export const MS_PER_WEEK = 7 * MS_PER_DAY;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month; `month` is 1-based (1 = January). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Months since year 0 of a time: two times a whole number of months apart differ by that many. */
export function monthIndex(time: number): number {
  const date = new Date(time);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** True when the time falls on the last day of its month (month-end data such as 2012-02-29). */
export function isMonthEnd(time: number): boolean {
  const date = new Date(time);
  return date.getUTCDate() === daysInMonth(date.getUTCFullYear(), date.getUTCMonth() + 1);
}

/**
 * Add calendar months, keeping the time of day. The day of month is clamped to the month's length
 * (Jan 31 + 1 month = Feb 28/29) instead of spilling into the next month as Date.UTC would, and
 * month-end series stay on month ends.
 */
export function addMonths(time: number, months: number, monthEnd: boolean): number {
  const date = new Date(time);
  const totalMonths = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths - year * 12;
  const lastDay = daysInMonth(year, month + 1);
  const day = monthEnd ? lastDay : Math.min(date.getUTCDate(), lastDay);
  return utcTime(year, month, day) + timeOfDay(time);
}

/** Milliseconds since midnight UTC, also for times before 1970 (where % would be negative). */
export function timeOfDay(time: number): number {
  return ((time % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
}

/** A time for messages: "2012-01-03" at midnight, the full ISO form otherwise. */
export function formatTime(time: number): string {
  if (!Number.isFinite(time)) return 'no date';
  const iso = new Date(time).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/**
 * Date.UTC with the year taken literally: Date.UTC maps years 0-99 to 1900-1999, which would turn
 * historical data such as "0079-08-24" into 1979. `month` is 0-based like Date.UTC.
 */
export function utcTime(
  year: number,
  month: number,
  day: number,
  hours = 0,
  minutes = 0,
  seconds = 0,
  ms = 0,
): number {
  const time = Date.UTC(year, month, day, hours, minutes, seconds, ms);
  return year >= 0 && year < 100 ? new Date(time).setUTCFullYear(year) : time;
}

/** Monday to Friday (UTC). */
export function isWeekday(time: number): boolean {
  const day = new Date(time).getUTCDay();
  return day >= 1 && day <= 5;
}

/**
 * `count` weekdays after `time` (negative: before), keeping the time of day; a weekend start
 * counts from the Friday before. Whole weeks are 7 days, the rest steps over Saturday and Sunday.
 */
export function addBusinessDays(time: number, count: number): number {
  let t = time;
  while (!isWeekday(t)) t -= MS_PER_DAY;
  const weeks = Math.trunc(count / 5);
  t += weeks * 7 * MS_PER_DAY;
  let rest = count - weeks * 5;
  const direction = Math.sign(rest);
  while (rest !== 0) {
    t += direction * MS_PER_DAY;
    if (isWeekday(t)) rest -= direction;
  }
  return t;
}

/** Weekdays from `from` to `to` (`to` − `from` in business days; both weekdays). */
export function businessDaysBetween(from: number, to: number): number {
  const days = Math.round((to - from) / MS_PER_DAY);
  const weeks = Math.floor(days / 7);
  let count = weeks * 5;
  let t = from + weeks * 7 * MS_PER_DAY;
  while (t < to - MS_PER_DAY / 2) {
    t += MS_PER_DAY;
    if (isWeekday(t)) count++;
  }
  return count;
}
