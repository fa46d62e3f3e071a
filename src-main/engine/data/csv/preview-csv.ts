import type { ColumnGuess, ColumnKind } from './column-kind';
import { guessColumns } from './column-kind';
import { makeColumnNames } from './column-names';
import type { CsvDialect } from './csv-dialect';
import { parseSampleRows, sniffDialect } from './csv-dialect';
import type { DateFormat } from './parse-date';
import { DEFAULT_DATE_ORDER } from './parse-date';
import type { DecimalMark } from './parse-number';
import { parseNumber } from './parse-number';
import type { CsvColumn } from './csv-table';
import { findUnixColumn } from './unix-time';
import type { CsvReadOptions } from './read-csv';
import type { CsvSample } from './read-sample';
import { readFileSample, textSample } from './read-sample';
import { filledFieldCount, splitSpacedHeader } from './spaced-header';

/**
 * A file path or CSV text. A plain string is CSV text when it contains a line break and a path
 * otherwise (a one-line CSV has no data to preview); the object forms say which explicitly.
 */
export type CsvSource = string | { path: string } | { text: string };

export interface CsvPreviewOptions extends Pick<
  CsvReadOptions,
  'delimiter' | 'decimal' | 'hasHeader' | 'dateOrder'
> {
  /** Data rows to return; default 20. Kinds are guessed from more rows than that. */
  maxRows?: number;
}

export interface CsvPreviewColumn {
  name: string;
  kind: ColumnKind;
  dateFormat: DateFormat | null;
  /** False when the day/month order of a date column is the caller's default, not the data's. */
  dateOrderFromData: boolean;
}

export interface CsvPreview {
  dialect: CsvDialect;
  /** Column names: the header row, or "column 1", "column 2"... without one. */
  header: string[];
  /** The first data rows, as the cells' text. */
  rows: string[][];
  columns: CsvPreviewColumn[];
  totalBytes: number;
}

const DEFAULT_PREVIEW_ROWS = 20;
const GUESS_ROWS = 1000;

function loadSample(source: CsvSource): Promise<CsvSample> {
  if (typeof source === 'string') {
    return /[\r\n]/.test(source) ? Promise.resolve(textSample(source)) : readFileSample(source);
  }
  return 'path' in source ? readFileSample(source.path) : Promise.resolve(textSample(source.text));
}

/**
 * With no date column, propose the column `toTimeSeries` would read as unix times (see
 * unix-time.ts) as the date column, so the wizard offers it as the time axis. The import then
 * names it as the date column and `toTimeSeries` reads it by its range.
 */
function withUnixDates(
  guesses: ColumnGuess[],
  header: readonly string[],
  data: readonly (readonly string[])[],
  decimal: DecimalMark,
): ColumnGuess[] {
  if (guesses.some((guess) => guess.kind === 'date')) return guesses;
  const columns: CsvColumn[] = guesses.map((guess, index) => ({
    name: header[index] ?? '',
    kind: guess.kind,
    numbers:
      guess.kind === 'number'
        ? Float64Array.from(data, (row) => parseNumber(row[index] ?? '', decimal))
        : null,
    times: null,
    texts: null,
    missing: 0,
  }));
  const unix = findUnixColumn(columns, new Set());
  if (unix === null) return guesses;
  const at = columns.indexOf(unix.column);
  const dateFormat: DateFormat = unix.unit === 's' ? 'unix-s' : 'unix-ms';
  return guesses.map((guess, index) =>
    index === at ? { kind: 'date', dateFormat, dateOrderFromData: true } : guess,
  );
}

/**
 * What an import wizard shows before the real import: the sniffed dialect, column names and kinds,
 * and the first rows. Reads only the first 64 KB of a file; rejects empty and binary input.
 */
export async function previewCsv(
  pathOrText: CsvSource,
  options: CsvPreviewOptions = {},
): Promise<CsvPreview> {
  const sample = await loadSample(pathOrText);
  const dateOrder = options.dateOrder ?? DEFAULT_DATE_ORDER;
  const { decimal, hasHeader } = options;
  const delimiter = options.delimiter ?? sample.declaredDelimiter ?? undefined;
  const dialect = sniffDialect(sample.text, { delimiter, decimal, hasHeader }, dateOrder);
  const parsed = parseSampleRows(sample.text, dialect.delimiter, GUESS_ROWS + 1);
  const firstRow = dialect.hasHeader ? (parsed[0] ?? []) : null;
  const data = dialect.hasHeader ? parsed.slice(1) : parsed;
  const firstFields = filledFieldCount(data[0] ?? []);
  const spaced =
    firstRow === null ? null : splitSpacedHeader(firstRow, firstFields, dialect.delimiter);
  const headerRow = spaced ?? firstRow;
  const columnCount = headerRow?.length ?? data[0]?.length ?? 0;
  const header = makeColumnNames(headerRow, columnCount);
  const guesses = withUnixDates(
    guessColumns(data, columnCount, dialect.decimal, dateOrder),
    header,
    data,
    dialect.decimal,
  );
  return {
    dialect,
    header,
    rows: data.slice(0, options.maxRows ?? DEFAULT_PREVIEW_ROWS),
    columns: guesses.map((guess, index) => ({ name: header[index] ?? '', ...guess })),
    totalBytes: sample.totalBytes,
  };
}
