import Papa from 'papaparse';
import { guessColumns } from './column-kind';
import type { ColumnKind } from './column-kind';
import type { DateOrder } from './parse-date';
import { DEFAULT_DATE_ORDER, dateShapeOf } from './parse-date';
import type { DecimalMark } from './parse-number';
import { decimalEvidence, isMissingMarker, looksNumeric, readsAsNumber } from './parse-number';

export type CsvDelimiter = ',' | ';' | '\t';

/** How a CSV file is written. Every field can be detected (`sniffDialect`) or forced by the caller. */
export interface CsvDialect {
  delimiter: CsvDelimiter;
  /** The decimal mark of numbers; the other mark is taken as a thousands separator. */
  decimal: DecimalMark;
  /** Whether the first row holds column names rather than data. */
  hasHeader: boolean;
}

/** Tie-break order: a tab or semicolon that splits every row evenly is rarely an accident. */
const DELIMITERS: readonly CsvDelimiter[] = ['\t', ';', ','];
const SNIFF_ROWS = 200;
/** Scores closer than this count as a tie, settled by how typed the cells look, then the order. */
const SCORE_TIE = 0.02;

/** Parse up to `maxRows` non-blank rows of a text sample with a known delimiter. */
export function parseSampleRows(
  sample: string,
  delimiter: CsvDelimiter,
  maxRows: number,
): string[][] {
  const parsed = Papa.parse<string[]>(sample, {
    delimiter,
    preview: maxRows,
    skipEmptyLines: 'greedy',
  });
  return parsed.data;
}

interface DelimiterScore {
  delimiter: CsvDelimiter;
  /** Share of rows with the most common field count, 0 when that count is 1 (no split at all). */
  consistency: number;
  /** Share of cells (after the first row) that read as numbers, dates or missing markers. */
  typed: number;
}

function isTypedCell(cell: string): boolean {
  const trimmed = cell.trim();
  return isMissingMarker(trimmed) || looksNumeric(trimmed) || dateShapeOf(trimmed) !== null;
}

function scoreDelimiter(sample: string, delimiter: CsvDelimiter): DelimiterScore {
  const rows = parseSampleRows(sample, delimiter, SNIFF_ROWS);
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
  let modal = 1;
  let modalRows = 0;
  for (const [fields, count] of counts) {
    if (count > modalRows || (count === modalRows && fields > modal)) {
      modal = fields;
      modalRows = count;
    }
  }
  const consistency = modal < 2 || rows.length === 0 ? 0 : modalRows / rows.length;
  const cells = rows.slice(1).flat();
  const typed = cells.length === 0 ? 0 : cells.filter(isTypedCell).length / cells.length;
  return { delimiter, consistency, typed };
}

/** The delimiter that splits rows most consistently; comma when none splits anything. */
function sniffDelimiter(sample: string): CsvDelimiter {
  const scores = DELIMITERS.map((delimiter) => scoreDelimiter(sample, delimiter));
  let best: DelimiterScore | null = null;
  for (const score of scores) {
    if (score.consistency === 0) continue;
    if (
      best === null ||
      score.consistency > best.consistency + SCORE_TIE ||
      (Math.abs(score.consistency - best.consistency) <= SCORE_TIE && score.typed > best.typed)
    ) {
      best = score;
    }
  }
  return best?.delimiter ?? ',';
}

/** The decimal mark most numeric-looking cells vote for; dot when they do not say. */
function sniffDecimal(rows: readonly (readonly string[])[]): DecimalMark {
  let comma = 0;
  let dot = 0;
  for (const row of rows) {
    for (const cell of row) {
      const vote = decimalEvidence(cell);
      if (vote === ',') comma += 1;
      if (vote === '.') dot += 1;
    }
  }
  return comma > dot ? ',' : '.';
}

function fitsKind(cell: string, kind: ColumnKind, decimal: DecimalMark): boolean {
  if (kind === 'number') return readsAsNumber(cell, decimal);
  if (kind === 'date') return dateShapeOf(cell.trim()) !== null;
  return true;
}

/**
 * A first row is a header when, in some number or date column, it holds a name that is neither a
 * number nor a date ("Date" above 1958-03-01). When every column is text the rows cannot say;
 * a header is assumed, since almost every exported CSV has one.
 */
function sniffHeader(
  rows: readonly (readonly string[])[],
  decimal: DecimalMark,
  dateOrder: DateOrder,
): boolean {
  const [first, ...rest] = rows;
  if (first === undefined) return false;
  if (rest.length === 0) return !first.every((cell) => isTypedCell(cell));
  const guesses = guessColumns(rest, first.length, decimal, dateOrder);
  const namesAColumn = guesses.some((guess, column) => {
    const cell = first[column] ?? '';
    return guess.kind !== 'text' && !isMissingMarker(cell) && !fitsKind(cell, guess.kind, decimal);
  });
  return namesAColumn || guesses.every((guess) => guess.kind === 'text');
}

/**
 * Detect the dialect from the start of a file (a few hundred rows are plenty). `sample` must start
 * at the beginning of the file; a trailing partial line is harmless. Forced fields (those not
 * undefined) are kept as given and the others are detected with them in mind.
 */
export function sniffDialect(
  sample: string,
  forced: Partial<CsvDialect> = {},
  dateOrder: DateOrder = DEFAULT_DATE_ORDER,
): CsvDialect {
  const text = sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample;
  const delimiter = forced.delimiter ?? sniffDelimiter(text);
  const rows = parseSampleRows(text, delimiter, SNIFF_ROWS);
  const decimal = forced.decimal ?? sniffDecimal(rows);
  const hasHeader = forced.hasHeader ?? sniffHeader(rows, decimal, dateOrder);
  return { delimiter, decimal, hasHeader };
}
