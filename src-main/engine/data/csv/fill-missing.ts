import type { Frequency, NamedColumn } from '../time-series';
import { buildRegularIndex } from './regular-index';

/**
 * What to do about gaps: `linear` (default) inserts the missing dates of the regular index and
 * interpolates linearly in time; `ffill` inserts them and carries the last value forward; `drop`
 * removes rows with any missing value and inserts nothing. Values before the first known value of a
 * column (where neither method has anything to go on) take that first value.
 */
export const FILL_POLICIES = ['linear', 'ffill', 'drop'] as const;
export type FillPolicy = (typeof FILL_POLICIES)[number];

export interface FillInput {
  /** Row times, ms since epoch, ascending and distinct; null for a series without a time axis. */
  times: Float64Array | null;
  columns: NamedColumn[];
}

export interface FillResult {
  times: Float64Array | null;
  columns: NamedColumn[];
  /** Times absent from the regular index (counted whatever the policy). */
  missingDates: number;
  insertedDates: number;
  /** Values filled in, over all columns, including those of inserted dates. */
  filledValues: number;
  /**
   * Rows of the result (0-based, ascending) that were inserted or had any value filled: the gap
   * map. Empty for `drop`, which fills nothing.
   */
  filledRows: number[];
  /** Rows whose first column (the target) was inserted or filled: never scored as test rows. */
  firstColumnFilledRows: number[];
  droppedRows: number;
  /** Why the rows could not be placed on a regular grid (no dates inserted), or null. */
  irregularReason: string | null;
}

/** A grid may add this many times the row count (plus some slack) before a gap counts as a break. */
function maxGridLength(rows: number): number {
  return Math.max(4 * rows, rows + 10_000);
}

/**
 * Count the missing values of all columns and list the rows holding any. One byte per row keeps
 * this cheap for a million rows; only the (usually few) gap rows become a plain array.
 */
function findMissing(
  columns: readonly NamedColumn[],
  rows: number,
): { values: number; rows: number[] } {
  const marked = new Uint8Array(rows);
  let values = 0;
  for (const column of columns) {
    for (let row = 0; row < rows; row += 1) {
      if (!Number.isNaN(column.values[row] ?? NaN)) continue;
      values += 1;
      marked[row] = 1;
    }
  }
  const gapRows: number[] = [];
  for (let row = 0; row < rows; row += 1) if (marked[row] === 1) gapRows.push(row);
  return { values, rows: gapRows };
}

function dropIncompleteRows(input: FillInput): {
  times: Float64Array | null;
  columns: NamedColumn[];
} {
  const rows = input.columns[0]?.values.length ?? 0;
  const keep: number[] = [];
  for (let row = 0; row < rows; row += 1) {
    if (input.columns.every((column) => !Number.isNaN(column.values[row] ?? NaN))) keep.push(row);
  }
  const pick = (values: Float64Array): Float64Array =>
    Float64Array.from(keep, (row) => values[row] ?? NaN);
  return {
    times: input.times === null ? null : pick(input.times),
    columns: input.columns.map((column) => ({ name: column.name, values: pick(column.values) })),
  };
}

function spreadOnGrid(values: Float64Array, positions: Int32Array, length: number): Float64Array {
  const spread = new Float64Array(length).fill(NaN);
  positions.forEach((position, row) => {
    spread[position] = values[row] ?? NaN;
  });
  return spread;
}

/** Interpolate NaN runs between known values linearly in `x` (times, or row numbers). */
function fillLinear(values: Float64Array, x: (row: number) => number): void {
  let previous = -1;
  for (let row = 0; row < values.length; row += 1) {
    if (Number.isNaN(values[row] ?? NaN)) continue;
    if (previous >= 0 && row - previous > 1) {
      const start = values[previous] ?? 0;
      const slope = ((values[row] ?? 0) - start) / (x(row) - x(previous));
      for (let gap = previous + 1; gap < row; gap += 1)
        values[gap] = start + slope * (x(gap) - x(previous));
    }
    previous = row;
  }
}

function fillForward(values: Float64Array): void {
  let last = NaN;
  for (let row = 0; row < values.length; row += 1) {
    const value = values[row] ?? NaN;
    if (Number.isNaN(value)) values[row] = last;
    else last = value;
  }
}

/** Leading and trailing gaps have a known value on one side only: use it. */
function fillEdges(values: Float64Array): void {
  const first = values.findIndex((value) => !Number.isNaN(value));
  if (first < 0) return;
  values.fill(values[first] ?? NaN, 0, first);
  let last = values.length - 1;
  while (last > first && Number.isNaN(values[last] ?? NaN)) last -= 1;
  values.fill(values[last] ?? NaN, last + 1);
}

/**
 * Fill or drop the missing values of a series (NaN = missing) and, for `linear` and `ffill`, insert
 * the dates missing from its regular index. Inputs are not modified.
 */
export function fillMissing(
  input: FillInput,
  options: { policy: FillPolicy; frequency: Frequency | null },
): FillResult {
  const rows = input.columns[0]?.values.length ?? input.times?.length ?? 0;
  const placed =
    input.times !== null && options.frequency !== null && rows > 0
      ? buildRegularIndex(input.times, options.frequency, maxGridLength(rows))
      : null;
  const index = placed?.ok === true ? placed.index : null;
  const irregularReason = placed?.ok === false ? placed.reason : null;
  const missingDates = index === null ? 0 : index.times.length - rows;

  if (options.policy === 'drop') {
    const kept = dropIncompleteRows(input);
    const keptRows = kept.columns[0]?.values.length ?? 0;
    const droppedRows = rows - keptRows;
    return {
      ...kept,
      missingDates,
      insertedDates: 0,
      filledValues: 0,
      filledRows: [],
      firstColumnFilledRows: [],
      droppedRows,
      irregularReason,
    };
  }

  const insert = index !== null && missingDates > 0;
  const times = insert ? index.times : input.times;
  const columns = input.columns.map((column) => ({
    name: column.name,
    values: insert
      ? spreadOnGrid(column.values, index.positions, index.times.length)
      : column.values.slice(),
  }));
  const missing = findMissing(columns, columns[0]?.values.length ?? 0);
  const firstColumnFilledRows: number[] = [];
  columns[0]?.values.forEach((value, row) => {
    if (Number.isNaN(value)) firstColumnFilledRows.push(row);
  });
  for (const column of columns) {
    if (options.policy === 'linear')
      fillLinear(column.values, (row) => (times === null ? row : (times[row] ?? row)));
    else fillForward(column.values);
    fillEdges(column.values);
  }
  return {
    times,
    columns,
    missingDates,
    insertedDates: insert ? missingDates : 0,
    filledValues: missing.values,
    filledRows: missing.rows,
    firstColumnFilledRows,
    droppedRows: 0,
    irregularReason,
  };
}
