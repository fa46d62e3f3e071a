import type { Frequency, FrequencyUnit } from '../time-series';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND, MS_PER_WEEK } from './calendar';

/** Units of a fixed length in ms, largest first. Months, quarters and years are calendar units. */
export const FIXED_UNITS: readonly { unit: FrequencyUnit; ms: number }[] = [
  { unit: 'week', ms: MS_PER_WEEK },
  { unit: 'day', ms: MS_PER_DAY },
  { unit: 'hour', ms: MS_PER_HOUR },
  { unit: 'minute', ms: MS_PER_MINUTE },
  { unit: 'second', ms: MS_PER_SECOND },
  { unit: 'millisecond', ms: 1 },
];

const MONTHS_PER_UNIT: Partial<Record<FrequencyUnit, number>> = { month: 1, quarter: 3, year: 12 };

/**
 * The season is the next natural cycle up, counted in rows: seconds -> a minute (60), minutes -> an
 * hour (60), hours -> a day (24), days -> a week (7), business days -> a week (5), weeks -> a year
 * (52), months -> a year (12),
 * quarters -> a year (4); years and milliseconds have none. With a step the count is divided by it
 * (15-minute data: 4 per hour) and is null unless it is a whole number of at least 2 rows; where
 * that leaves sub-daily data fewer than 4 rows, the day is the season (see MIN_SEASON_ROWS).
 */
const CYCLE_ROWS: Record<FrequencyUnit, number | null> = {
  millisecond: null,
  second: 60,
  minute: 60,
  hour: 24,
  day: 7,
  businessDay: 5,
  week: 52,
  month: 12,
  quarter: 4,
  year: null,
};

const SINGLE_STEP_LABELS: Record<FrequencyUnit, string> = {
  millisecond: 'every millisecond',
  second: 'every second',
  minute: 'every minute',
  hour: 'hourly',
  day: 'daily',
  businessDay: 'business days (Mon–Fri)',
  week: 'weekly',
  month: 'monthly',
  quarter: 'quarterly',
  year: 'yearly',
};

/**
 * A season of fewer rows than this is no cycle worth modelling: half-hourly data would get a
 * 2-row "hour". Sub-daily data then takes the day as its season instead (48 half-hours, 72
 * twenty-minute rows), the period Hyndman & Athanasopoulos list first for it (FPP §12.1).
 */
const MIN_SEASON_ROWS = 4;
const ROWS_PER_DAY: Partial<Record<FrequencyUnit, number>> = {
  second: 86_400,
  minute: 1440,
  hour: 24,
};

function seasonPeriod(unit: FrequencyUnit, step: number): number | null {
  const cycle = CYCLE_ROWS[unit];
  if (cycle === null) return null;
  const rows = cycle / step;
  if (Number.isInteger(rows) && rows >= MIN_SEASON_ROWS) return rows;
  const perDay = ROWS_PER_DAY[unit];
  const dayRows = perDay === undefined ? NaN : perDay / step;
  if (rows < MIN_SEASON_ROWS && Number.isInteger(dayRows) && dayRows >= MIN_SEASON_ROWS) {
    return dayRows;
  }
  return Number.isInteger(rows) && rows >= 2 ? rows : null;
}

export function makeFrequency(unit: FrequencyUnit, step: number): Frequency {
  const label = step === 1 ? SINGLE_STEP_LABELS[unit] : `every ${step} ${unit}s`;
  return { unit, step, label, seasonPeriod: seasonPeriod(unit, step) };
}

/** Calendar months between rows, or null for fixed-length units. */
export function stepMonths(frequency: Frequency): number | null {
  const months = MONTHS_PER_UNIT[frequency.unit];
  return months === undefined ? null : months * frequency.step;
}

/** Milliseconds between rows for fixed-length units, or null for calendar units. */
export function stepMs(frequency: Frequency): number | null {
  const fixed = FIXED_UNITS.find((entry) => entry.unit === frequency.unit);
  return fixed === undefined ? null : fixed.ms * frequency.step;
}
