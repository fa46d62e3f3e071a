import type { DateFormat, DateOrder, DateShape } from './parse-date';
import { dateShapeOf, dayMonthEvidence } from './parse-date';
import type { DecimalMark } from './parse-number';
import { isMissingMarker, readsAsNumber } from './parse-number';

export type ColumnKind = 'number' | 'date' | 'text';

export interface ColumnGuess {
  kind: ColumnKind;
  /** The date layout of a date column, null otherwise. */
  dateFormat: DateFormat | null;
  /** False when a dd/mm vs mm/dd column was read in the caller's (or default) order as a guess. */
  dateOrderFromData: boolean;
}

/**
 * A column keeps its kind when at least this share of its present cells fit it, so one typo in a
 * thousand numbers does not turn the column into text; the misfits are then reported (numbers) or
 * rejected with their line (dates).
 */
const KIND_SHARE = 0.9;

function presentValues(values: readonly string[]): string[] {
  return values.map((value) => value.trim()).filter((value) => !isMissingMarker(value));
}

function commonestShape(values: readonly string[]): { shape: DateShape | null; count: number } {
  const counts = new Map<DateShape, number>();
  for (const value of values) {
    const shape = dateShapeOf(value);
    if (shape !== null) counts.set(shape, (counts.get(shape) ?? 0) + 1);
  }
  let best: { shape: DateShape | null; count: number } = { shape: null, count: 0 };
  for (const [shape, count] of counts) if (count > best.count) best = { shape, count };
  return best;
}

/** Settle dd/mm against mm/dd by the cells that can only be read one way; majority wins. */
function dayMonthOrder(values: readonly string[], fallback: DateOrder): ColumnGuess {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const value of values) {
    const evidence = dayMonthEvidence(value);
    if (evidence === 'dmy') dayFirst += 1;
    if (evidence === 'mdy') monthFirst += 1;
  }
  if (dayFirst === 0 && monthFirst === 0) {
    return { kind: 'date', dateFormat: fallback, dateOrderFromData: false };
  }
  const dateFormat = dayFirst >= monthFirst ? 'dmy' : 'mdy';
  return { kind: 'date', dateFormat, dateOrderFromData: true };
}

/**
 * Guess a column's kind from sample cells (the first rows of a file): dates when most cells share
 * one date layout, numbers when most read as numbers, text otherwise. A column with no values at
 * all is taken as numbers (all missing), which is what an empty measurement column usually is.
 */
export function guessColumn(
  values: readonly string[],
  decimal: DecimalMark,
  dateOrder: DateOrder,
): ColumnGuess {
  const present = presentValues(values);
  if (present.length === 0) return { kind: 'number', dateFormat: null, dateOrderFromData: true };
  const needed = Math.ceil(present.length * KIND_SHARE);
  const { shape, count } = commonestShape(present);
  if (shape !== null && count >= needed) {
    if (shape === 'day-month') return dayMonthOrder(present, dateOrder);
    return { kind: 'date', dateFormat: shape, dateOrderFromData: true };
  }
  const numeric = present.filter((value) => readsAsNumber(value, decimal)).length;
  if (numeric >= needed) return { kind: 'number', dateFormat: null, dateOrderFromData: true };
  return { kind: 'text', dateFormat: null, dateOrderFromData: true };
}

/** Guess every column of sample rows (rows may be shorter than `columnCount`). */
export function guessColumns(
  rows: readonly (readonly string[])[],
  columnCount: number,
  decimal: DecimalMark,
  dateOrder: DateOrder,
): ColumnGuess[] {
  return Array.from({ length: columnCount }, (_, column) =>
    guessColumn(
      rows.map((row) => row[column] ?? ''),
      decimal,
      dateOrder,
    ),
  );
}
