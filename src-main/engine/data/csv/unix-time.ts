import type { CsvColumn } from './csv-table';

/**
 * Unix timestamps in a number column. A CSV cell 1700000000 is a number like any other, so a column
 * is only read as times when the caller says so ('s', 'ms') or, with 'auto', when it is plainly a
 * time axis: the date column named by the caller, or the first column (or one named like "time"),
 * not a target or feature, ascending, with every value in one unit's range below.
 */
export type DateUnit = 'auto' | 's' | 'ms' | 'none';
export const DATE_UNITS: readonly DateUnit[] = ['auto', 's', 'ms', 'none'];

export type UnixUnit = 's' | 'ms';

/**
 * 1e8 s and 1e11 ms are both March 1973; 1e11 s and 1e14 ms both the year 5138. The ranges do not
 * overlap, so a column's magnitude tells its unit, and row numbers or prices stay numbers.
 */
const UNIT_RANGES: readonly { unit: UnixUnit; from: number; to: number }[] = [
  { unit: 's', from: 1e8, to: 1e11 },
  { unit: 'ms', from: 1e11, to: 1e14 },
];

const TIME_NAME = /time|date|stamp|epoch|^ts$|unix/i;

/** The unit every present value's magnitude fits, or null (no values, or values in no range). */
export function unixUnitOf(values: Float64Array): UnixUnit | null {
  let unit: UnixUnit | null = null;
  for (const value of values) {
    if (Number.isNaN(value)) continue;
    const range = UNIT_RANGES.find((entry) => value >= entry.from && value < entry.to);
    if (range === undefined || (unit !== null && range.unit !== unit)) return null;
    unit = range.unit;
  }
  return unit;
}

function isAscending(values: Float64Array): boolean {
  let previous = -Infinity;
  let present = 0;
  for (const value of values) {
    if (Number.isNaN(value)) continue;
    if (value <= previous) return false;
    previous = value;
    present += 1;
  }
  return present >= 2;
}

/** ms since epoch from unix times in `unit`; missing stays NaN. */
export function unixTimes(values: Float64Array, unit: UnixUnit): Float64Array {
  const scale = unit === 's' ? 1000 : 1;
  return Float64Array.from(values, (value) => Math.round(value * scale));
}

/** The column `auto` takes for unix times when no column holds dates, with its unit; or null. */
export function findUnixColumn(
  columns: readonly CsvColumn[],
  used: ReadonlySet<string>,
): { column: CsvColumn; unit: UnixUnit } | null {
  for (const [index, column] of columns.entries()) {
    if (column.numbers === null || used.has(column.name)) continue;
    if (index !== 0 && !TIME_NAME.test(column.name)) continue;
    const unit = unixUnitOf(column.numbers);
    if (unit !== null && isAscending(column.numbers)) return { column, unit };
  }
  return null;
}

export function describeUnixUnit(unit: UnixUnit): string {
  return unit === 's' ? 'unix seconds' : 'unix milliseconds';
}
