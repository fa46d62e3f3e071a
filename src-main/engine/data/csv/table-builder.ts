import { EngineError } from '../../util/engine-error';
import type { ColumnAccumulator } from './column-accumulator';
import { createColumnAccumulator } from './column-accumulator';
import type { ColumnGuess } from './column-kind';
import { guessColumns } from './column-kind';
import { makeColumnNames } from './column-names';
import type { CsvDialect } from './csv-dialect';
import type { CsvTable } from './csv-table';
import type { DateOrder } from './parse-date';
import { filledFieldCount, spacedHeaderNote, splitSpacedHeader } from './spaced-header';

/**
 * Turns parsed rows into a column-wise table while the file streams: the first rows are held back
 * until the column kinds are guessed from them, after which each row goes straight into typed
 * arrays and is dropped. Lines are counted here (not by the parser) so that every error names the
 * line a user sees in an editor, including after blank lines and multi-line quoted values.
 */
export interface TableBuilder {
  /** Add one parsed row; `problem` is the parser's complaint about it, if any. */
  addRow(row: string[], problem?: string): void;
  finish(): CsvTable;
}

export interface TableBuilderOptions {
  dialect: CsvDialect;
  dateOrder: DateOrder;
  /** Data rows used to guess column kinds. */
  guessRows?: number;
  /** Rows at the start that are not CSV (an Excel "sep=" line); they still count as lines. */
  skipLines?: number;
}

const DEFAULT_GUESS_ROWS = 1000;

interface HeldRow {
  row: string[];
  line: number;
}

function linesSpanned(row: readonly string[]): number {
  let lines = 1;
  for (const field of row) {
    for (let at = field.indexOf('\n'); at !== -1; at = field.indexOf('\n', at + 1)) lines += 1;
  }
  return lines;
}

function isBlank(row: readonly string[]): boolean {
  return row.length === 1 && (row[0] ?? '').trim() === '';
}

function stripBom(row: string[]): string[] {
  const first = row[0];
  if (first !== undefined && first.charCodeAt(0) === 0xfeff) row[0] = first.slice(1);
  return row;
}

function raggedError(
  line: number,
  fields: number,
  expected: number,
  header: string[] | null,
): EngineError {
  const columns = header === null ? '' : ` (${header.map((name) => name.trim()).join(', ')})`;
  const counted = fields === 1 ? '1 field' : `${fields} fields`;
  return new EngineError(
    'CSV_RAGGED',
    `Ragged row: line ${line} has ${counted}, expected ${expected}${columns}. A value may be ` +
      'missing a delimiter, or contain the delimiter without quotes around it.',
    { line },
  );
}

function noNumericError(names: string[], guesses: ColumnGuess[]): EngineError {
  const described = names.map((name, index) => `"${name}" (${guesses[index]?.kind ?? 'text'})`);
  return new EngineError(
    'CSV_NO_NUMERIC',
    `No column holds numbers, so there is nothing to forecast. Columns found: ${described.join(', ')}. ` +
      'If the numbers use a decimal comma or another delimiter, set them in the import options.',
  );
}

export function createTableBuilder(options: TableBuilderOptions): TableBuilder {
  const { dialect, dateOrder } = options;
  const guessRows = options.guessRows ?? DEFAULT_GUESS_ROWS;
  let nextLine = 1;
  let header: string[] | null = null;
  let expected = -1;
  let held: HeldRow[] = [];
  let accumulators: ColumnAccumulator[] | null = null;
  let guesses: ColumnGuess[] = [];
  let names: string[] = [];
  let rowCount = 0;
  let toSkip = options.skipLines ?? 0;
  /** True between the header and the first data row, which decides whether to resplit it. */
  let awaitingFirstRow = false;
  const notes: string[] = [];

  function resplitHeader(firstRow: string[]): void {
    if (header === null) return;
    const fields = filledFieldCount(firstRow);
    const names = splitSpacedHeader(header, fields, dialect.delimiter);
    if (names === null) return;
    header = names;
    expected = fields;
    notes.push(spacedHeaderNote(fields));
  }

  function startColumns(): ColumnAccumulator[] {
    guesses = guessColumns(
      held.map((entry) => entry.row),
      expected,
      dialect.decimal,
      dateOrder,
    );
    names = makeColumnNames(header, expected);
    if (!guesses.some((guess) => guess.kind === 'number')) throw noNumericError(names, guesses);
    const started = guesses.map((guess, index) =>
      createColumnAccumulator(names[index] ?? '', guess, dialect.decimal),
    );
    accumulators = started;
    for (const entry of held) addCells(started, entry.row, entry.line);
    held = [];
    return started;
  }

  function addCells(columns: ColumnAccumulator[], row: string[], line: number): void {
    for (let index = 0; index < columns.length; index += 1)
      columns[index]?.add(row[index] ?? '', line);
    rowCount += 1;
  }

  /** Trailing empty fields (a stray delimiter at the end of a line) are tolerated. */
  function fitRow(row: string[], line: number): string[] {
    if (row.length === expected) return row;
    if (row.length > expected && row.slice(expected).every((field) => field.trim() === '')) {
      return row.slice(0, expected);
    }
    throw raggedError(line, row.length, expected, header);
  }

  function addRow(row: string[], problem?: string): void {
    const line = nextLine;
    nextLine += linesSpanned(row);
    if (problem !== undefined) {
      throw new EngineError(
        'CSV_READ',
        `Line ${line}: ${problem}. Check the quotes on this line.`,
        { line },
      );
    }
    if (toSkip > 0) {
      toSkip -= 1;
      return;
    }
    if (isBlank(row)) return;
    if (expected < 0) {
      expected = stripBom(row).length;
      if (dialect.hasHeader) {
        header = row;
        awaitingFirstRow = true;
        return;
      }
    }
    if (awaitingFirstRow) {
      awaitingFirstRow = false;
      resplitHeader(row);
    }
    const fitted = fitRow(row, line);
    if (accumulators !== null) {
      addCells(accumulators, fitted, line);
      return;
    }
    held.push({ row: fitted, line });
    if (held.length >= guessRows) startColumns();
  }

  function finish(): CsvTable {
    if (expected < 0) {
      throw new EngineError('CSV_EMPTY', 'The file is empty: there is no header and no data.');
    }
    if (accumulators === null && held.length === 0) {
      throw new EngineError(
        'CSV_EMPTY',
        `The file has a header (${(header ?? []).join(', ')}) but no data rows.`,
      );
    }
    const columns = accumulators ?? startColumns();
    const finished = columns.map((accumulator) => accumulator.finish());
    const warnings = [...notes, ...finished.flatMap((entry) => entry.warnings)];
    const columnNotes = finished.flatMap((entry) =>
      entry.notes.map((note) => ({ column: entry.column.name, note })),
    );
    const read = finished.map((entry) => entry.column);
    return { dialect, rowCount, columns: read, warnings, columnNotes };
  }

  return { addRow, finish };
}
