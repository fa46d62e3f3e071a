import { EngineError } from '../../util/engine-error';
import type { NamedColumn, TimeSeries } from '../time-series';
import { formatTime } from './calendar';
import type { CsvColumn, CsvTable } from './csv-table';
import type { FillPolicy } from './fill-missing';
import { FILL_POLICIES, fillMissing } from './fill-missing';
import type { ImportReport } from './import-report';
import { describeImport } from './import-report';
import { inferFrequency } from './infer-frequency';
import type { DateUnit, UnixUnit } from './unix-time';
import { DATE_UNITS, findUnixColumn, unixTimes, unixUnitOf } from './unix-time';

export interface ToTimeSeriesOptions {
  /** The column to forecast; must hold numbers. */
  target: string;
  /** Extra numeric input columns; default none (a univariate series). */
  features?: string[];
  /** The time column by name, null for a series without times, or omitted for the first date column. */
  date?: string | null;
  /** How to treat missing values and dates; default 'linear'. */
  fill?: FillPolicy;
  /**
   * Unix timestamps in a number column: 'auto' (default) reads the named date column, or else an
   * ascending first or "time"-named column, as seconds in [1e8, 1e11) or milliseconds in
   * [1e11, 1e14); 's' and 'ms' force the unit of the named date column; 'none' never reads numbers
   * as times. See unix-time.ts.
   */
  dateUnit?: DateUnit;
}

interface SelectedTimes {
  name: string;
  times: Float64Array;
  /** Set when the times are read from unix timestamps. */
  unit: UnixUnit | null;
}

function quoteNames(columns: readonly CsvColumn[]): string {
  return columns.length === 0 ? '(none)' : columns.map((column) => `"${column.name}"`).join(', ');
}

/** By exact name, else by a unique case- and space-insensitive match ("Adjusted co2 "). */
function findColumn(table: CsvTable, name: string, role: string): CsvColumn {
  const exact = table.columns.find((column) => column.name === name);
  if (exact !== undefined) return exact;
  const wanted = name.trim().toLowerCase();
  const loose = table.columns.filter((column) => column.name.trim().toLowerCase() === wanted);
  if (loose.length === 1 && loose[0] !== undefined) return loose[0];
  throw new EngineError(
    'CSV_COLUMN',
    `There is no column "${name}" for the ${role}. The columns are: ${quoteNames(table.columns)}.`,
  );
}

function numericValues(table: CsvTable, name: string, role: string): NamedColumn {
  const column = findColumn(table, name, role);
  if (column.numbers === null) {
    const numeric = table.columns.filter((candidate) => candidate.kind === 'number');
    throw new EngineError(
      'CSV_COLUMN',
      `The ${role} column "${column.name}" holds ${column.kind === 'date' ? 'dates' : 'text'}, not ` +
        `numbers. Numeric columns: ${quoteNames(numeric)}.`,
    );
  }
  if (column.missing === column.numbers.length) {
    throw new EngineError(
      'CSV_COLUMN',
      `The ${role} column "${column.name}" has no values at all.`,
    );
  }
  return { name: column.name, values: column.numbers };
}

function selectValueColumns(table: CsvTable, options: ToTimeSeriesOptions): NamedColumn[] {
  const target = numericValues(table, options.target, 'target');
  const features = (options.features ?? []).map((name) => numericValues(table, name, 'feature'));
  const seen = new Set([target.name]);
  for (const feature of features) {
    if (seen.has(feature.name)) {
      const role = feature.name === target.name ? 'is the target' : 'is listed twice';
      throw new EngineError(
        'CSV_COLUMN',
        `The feature column "${feature.name}" ${role}; list it once.`,
      );
    }
    seen.add(feature.name);
  }
  return [target, ...features];
}

function assertDateUnit(unit: string): asserts unit is DateUnit {
  if (!(DATE_UNITS as readonly string[]).includes(unit)) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `the date unit must be one of ${DATE_UNITS.join(', ')}, not "${unit}".`,
    );
  }
}

/** A named number column as unix times: the forced unit, or with 'auto' the unit of its range. */
function namedUnixTimes(column: CsvColumn, dateUnit: DateUnit): SelectedTimes | null {
  if (column.numbers === null || dateUnit === 'none') return null;
  const unit = dateUnit === 'auto' ? unixUnitOf(column.numbers) : dateUnit;
  return unit === null ? null : { name: column.name, times: unixTimes(column.numbers, unit), unit };
}

function selectTimes(
  table: CsvTable,
  options: ToTimeSeriesOptions,
  used: ReadonlySet<string>,
): SelectedTimes | null {
  const dateUnit = options.dateUnit ?? 'auto';
  assertDateUnit(dateUnit);
  if (options.date === null) return null;
  if (options.date === undefined) {
    const first = table.columns.find((column) => column.kind === 'date');
    if (first?.times) return { name: first.name, times: first.times, unit: null };
    const unix = dateUnit === 'auto' ? findUnixColumn(table.columns, used) : null;
    if (unix === null) return null;
    const { column, unit } = unix;
    return {
      name: column.name,
      times: unixTimes(column.numbers ?? new Float64Array(), unit),
      unit,
    };
  }
  const column = findColumn(table, options.date, 'dates');
  if (column.times !== null) return { name: column.name, times: column.times, unit: null };
  const unix = namedUnixTimes(column, dateUnit);
  if (unix !== null) return unix;
  const hint =
    column.kind === 'number'
      ? ' If they are unix timestamps, choose the unit: seconds (s) or milliseconds (ms).'
      : ' Choose a column of dates such as 2012-01-31, 31/01/2012 or 2012-01.';
  throw new EngineError(
    'CSV_COLUMN',
    `The date column "${column.name}" holds ${column.kind === 'number' ? 'numbers' : 'text'}, not dates.${hint}`,
  );
}

interface RowOrder {
  /** Data rows with a time, in time order; null when that is simply every row as read. */
  rows: Int32Array | null;
  sorted: boolean;
  withoutTime: number;
}

function isAscendingAndComplete(times: Float64Array): boolean {
  for (let row = 0; row < times.length; row += 1) {
    const time = times[row] ?? NaN;
    if (Number.isNaN(time) || (row > 0 && time <= (times[row - 1] ?? 0))) return false;
  }
  return true;
}

function repeatedTimeError(times: Float64Array, rowA: number, rowB: number): EngineError {
  return new EngineError(
    'CSV_DATE',
    `The time ${formatTime(times[rowA] ?? NaN)} appears on more than one row (data rows ` +
      `${Math.min(rowA, rowB) + 1} and ${Math.max(rowA, rowB) + 1}). A time series needs one row ` +
      'per time: remove or combine the repeats.',
  );
}

/** Data rows with a time, in time order (stable); rejects two rows at one time. */
function timeOrder(times: Float64Array): RowOrder {
  if (isAscendingAndComplete(times)) return { rows: null, sorted: false, withoutTime: 0 };
  const dated: number[] = [];
  times.forEach((time, row) => {
    if (!Number.isNaN(time)) dated.push(row);
  });
  const inOrder = dated.every(
    (row, at) => at === 0 || (times[row] ?? 0) >= (times[dated[at - 1] ?? 0] ?? 0),
  );
  if (!inOrder) dated.sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0) || a - b);
  for (let at = 1; at < dated.length; at += 1) {
    const row = dated[at] ?? 0;
    const previous = dated[at - 1] ?? 0;
    if (times[row] === times[previous]) throw repeatedTimeError(times, previous, row);
  }
  return {
    rows: Int32Array.from(dated),
    sorted: !inOrder,
    withoutTime: times.length - dated.length,
  };
}

function countNaN(values: Float64Array): number {
  let count = 0;
  for (const value of values) if (Number.isNaN(value)) count += 1;
  return count;
}

function pickRows(values: Float64Array, rows: Int32Array | null): Float64Array {
  if (rows === null) return values.slice();
  const picked = new Float64Array(rows.length);
  for (let at = 0; at < rows.length; at += 1) picked[at] = values[rows[at] ?? 0] ?? NaN;
  return picked;
}

/** A column whose only values sit on rows without a date has nothing left to fill from. */
function assertAllFilled(columns: readonly NamedColumn[]): void {
  const empty = columns.find((column) => countNaN(column.values) > 0);
  if (empty !== undefined) {
    throw new EngineError(
      'CSV_COLUMN',
      `The column "${empty.name}" has no values on rows with a date.`,
    );
  }
}

function assertFillPolicy(fill: string): asserts fill is FillPolicy {
  if (!(FILL_POLICIES as readonly string[]).includes(fill)) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `fill must be one of ${FILL_POLICIES.join(', ')}, not "${fill}".`,
    );
  }
}

/**
 * Build a regular, gap-free `TimeSeries` from an imported table: pick the target, feature and date
 * columns by name, put the rows in time order, infer the frequency, then fill or drop missing values
 * (inserting missing dates for `linear` and `ffill`). The report says what was done.
 */
export function toTimeSeries(
  table: CsvTable,
  options: ToTimeSeriesOptions,
): { series: TimeSeries; report: ImportReport } {
  const fill = options.fill ?? 'linear';
  assertFillPolicy(fill);
  const columns = selectValueColumns(table, options);
  const used = new Set(columns.map((column) => column.name));
  const dated = selectTimes(table, options, used);
  const order = dated === null ? null : timeOrder(dated.times);
  const rows = order?.rows ?? null;
  const times = dated === null ? null : pickRows(dated.times, rows);
  const picked = columns.map((column) => ({
    name: column.name,
    values: pickRows(column.values, rows),
  }));
  const frequency = times === null ? null : inferFrequency(times);
  const filled = fillMissing({ times, columns: picked }, { policy: fill, frequency });
  assertAllFilled(filled.columns);
  const [target, ...features] = filled.columns;
  if (target === undefined || target.values.length === 0) {
    throw new EngineError(
      'DATA_TOO_SHORT',
      'No rows are left after dropping rows with missing values. Choose another fill method.',
    );
  }
  const facts = {
    rowsRead: table.rowCount,
    rowsUsed: target.values.length,
    dateColumn: dated?.name ?? null,
    unixTime:
      dated === null || dated.unit === null || times === null
        ? null
        : { unit: dated.unit, first: times[0] ?? NaN, last: times[times.length - 1] ?? NaN },
    frequency,
    sortedByTime: order?.sorted ?? false,
    rowsWithoutDate: order?.withoutTime ?? 0,
    missingValues: picked.map((column) => ({
      column: column.name,
      count: countNaN(column.values),
    })),
    missingDates: filled.missingDates,
    fill,
    insertedDates: filled.insertedDates,
    filledValues: filled.filledValues,
    filledRows: filled.filledRows,
    droppedRows: filled.droppedRows,
    irregularReason: filled.irregularReason,
    warnings: table.warnings ?? [],
    columnNotes: table.columnNotes ?? [],
  };
  const series: TimeSeries = {
    times: filled.times,
    frequency,
    target,
    features,
    ...(filled.firstColumnFilledRows.length === 0
      ? {}
      : { filledTargetRows: Int32Array.from(filled.firstColumnFilledRows) }),
  };
  return { series, report: { ...facts, notes: describeImport(facts) } };
}
