import type { ColumnKind } from './column-kind';
import type { CsvDialect } from './csv-dialect';

/**
 * One column of an imported CSV, stored by kind: exactly one of `numbers`, `times` and `texts` is
 * set. Numbers and times are NaN where a cell is missing; times are ms since epoch (UTC).
 */
export interface CsvColumn {
  name: string;
  kind: ColumnKind;
  numbers: Float64Array | null;
  times: Float64Array | null;
  texts: string[] | null;
  /** Cells with no value: empty, a marker such as "NA", or (in a number column) not a number. */
  missing: number;
}

/** A whole CSV file, column-wise: `rowCount` data rows (the header is not a row). */
export interface CsvTable {
  dialect: CsvDialect;
  rowCount: number;
  columns: CsvColumn[];
  /** Things a user should know about the read, e.g. cells that were not numbers, in plain words. */
  warnings?: string[];
  /** How a column's cells were read when that is not plain numbers, e.g. as percent. */
  columnNotes?: ColumnNote[];
}

export interface ColumnNote {
  column: string;
  /** A sentence, e.g. 'Read as percent, so "5%" is 5.' */
  note: string;
}
