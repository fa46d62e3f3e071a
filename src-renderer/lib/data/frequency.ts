import type { FrequencyValue } from '../../../src-main/contract/data-schemas';

export type FrequencyUnit = FrequencyValue['unit'];

export const FREQUENCY_UNITS: readonly FrequencyUnit[] = [
  'second',
  'minute',
  'hour',
  'day',
  'businessDay',
  'week',
  'month',
  'quarter',
  'year',
];

/** The frequency a user picks for a file without a date column: the engine's own rule. */
export { makeFrequency } from '../../../src-main/contract/shared-rules';

/** "2024-01-31" (a date input's value) -> ms since epoch at UTC midnight, or null. */
export function parseDateInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) ? ms : null;
}
