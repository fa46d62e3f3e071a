import type { Frequency } from '../time-series';
import type { ColumnNote } from './csv-table';
import type { FillPolicy } from './fill-missing';
import type { UnixUnit } from './unix-time';
import { describeUnixUnit } from './unix-time';
import { formatTime } from './calendar';

/** What `toTimeSeries` did to the table, for the import wizard, the CLI and the run record. */
export interface ImportReport {
  /** Data rows in the table. */
  rowsRead: number;
  /** Rows in the series: read, minus dropped, plus inserted dates. */
  rowsUsed: number;
  dateColumn: string | null;
  /** When the date column held unix timestamps: their unit and the first and last time (ms). */
  unixTime: { unit: UnixUnit; first: number; last: number } | null;
  frequency: Frequency | null;
  /** True when the rows were not in time order and were sorted. */
  sortedByTime: boolean;
  /** Rows left out because their date cell was empty. */
  rowsWithoutDate: number;
  /** Missing values per used column (target first), before filling. */
  missingValues: { column: string; count: number }[];
  /** Dates absent from the regular index, before filling (e.g. 5 months in the CO2 data). */
  missingDates: number;
  fill: FillPolicy;
  insertedDates: number;
  filledValues: number;
  /** Rows of the series (0-based, ascending) that were inserted or filled, for the gap map. */
  filledRows: number[];
  droppedRows: number;
  /** Why no dates could be inserted (the times are not on a regular grid), or null. */
  irregularReason: string | null;
  /** Problems met while reading the file (e.g. cells that were not numbers). */
  warnings: string[];
  /** How columns were read when not as plain numbers ("5%" as 5), per column. */
  columnNotes: ColumnNote[];
  /** The above in plain sentences, in the order things were done. */
  notes: string[];
}

type ReportFacts = Omit<ImportReport, 'notes'>;

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function missingNote(facts: ReportFacts): string | null {
  const columns = facts.missingValues.filter((entry) => entry.count > 0);
  if (columns.length === 0) return null;
  const listed = columns.map((entry) => `${entry.count} in "${entry.column}"`).join(', ');
  return `Missing values: ${listed}.`;
}

function fillNote(facts: ReportFacts): string | null {
  if (facts.fill === 'drop') {
    return facts.droppedRows === 0
      ? null
      : `Dropped ${plural(facts.droppedRows, 'row')} with a missing value.`;
  }
  if (facts.filledValues === 0) return null;
  const how =
    facts.fill === 'linear' ? 'by linear interpolation in time' : 'with the previous value';
  const inserted =
    facts.insertedDates === 0
      ? ''
      : ` after inserting ${plural(facts.insertedDates, 'missing date')}`;
  // With one column every filled value is its own row; say the rows only when that is not so.
  const rows = facts.filledRows.length;
  const onRows = rows === facts.filledValues ? '' : ` on ${plural(rows, 'row')}`;
  return `Filled ${plural(facts.filledValues, 'value')}${onRows} ${how}${inserted}.`;
}

function columnSentence({ column, note }: ColumnNote): string {
  return `Column "${column}": ${note.charAt(0).toLowerCase()}${note.slice(1)}`;
}

/** Sentences for a user, skipping everything that did not happen. */
export function describeImport(facts: ReportFacts): string[] {
  const notes: (string | null)[] = [
    `Read ${plural(facts.rowsRead, 'row')}; the series has ${plural(facts.rowsUsed, 'row')}.`,
    facts.frequency === null
      ? null
      : `The data is ${facts.frequency.label} (from "${facts.dateColumn}").`,
    facts.unixTime === null
      ? null
      : `Read "${facts.dateColumn}" as ${describeUnixUnit(facts.unixTime.unit)} ` +
        `(${formatTime(facts.unixTime.first)} to ${formatTime(facts.unixTime.last)}).`,
    facts.sortedByTime ? 'The rows were not in time order and were sorted.' : null,
    facts.rowsWithoutDate === 0
      ? null
      : `Left out ${plural(facts.rowsWithoutDate, 'row')} without a date.`,
    facts.missingDates === 0
      ? null
      : `${plural(facts.missingDates, 'date')} of the regular index ${facts.missingDates === 1 ? 'is' : 'are'} missing.`,
    facts.irregularReason === null
      ? null
      : `The dates are not regular (${facts.irregularReason}), so no dates were inserted.`,
    ...facts.columnNotes.map(columnSentence),
    missingNote(facts),
    fillNote(facts),
    ...facts.warnings,
  ];
  return notes.filter((note): note is string => note !== null);
}
