import type { FrequencyValue } from '../../../src-main/contract/data-schemas';

export type FrequencyUnit = FrequencyValue['unit'];

export const FREQUENCY_UNITS: readonly FrequencyUnit[] = [
  'second',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'quarter',
  'year',
];

/** The next natural cycle up, in rows; the engine infers the same for a parsed date column. */
const CYCLE_ROWS: Record<FrequencyUnit, number | null> = {
  millisecond: null,
  second: 60,
  minute: 60,
  hour: 24,
  day: 7,
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
  week: 'weekly',
  month: 'monthly',
  quarter: 'quarterly',
  year: 'yearly',
};

/** The frequency a user picks for a file without a date column (sent with its start date). */
export function makeFrequency(unit: FrequencyUnit, step: number): FrequencyValue {
  const cycle = CYCLE_ROWS[unit];
  const rows = cycle === null ? null : cycle / step;
  return {
    unit,
    step,
    label: step === 1 ? SINGLE_STEP_LABELS[unit] : `every ${step} ${unit}s`,
    seasonPeriod: rows !== null && Number.isInteger(rows) && rows >= 2 ? rows : null,
  };
}

/** "2024-01-31" (a date input's value) -> ms since epoch at UTC midnight, or null. */
export function parseDateInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) ? ms : null;
}
