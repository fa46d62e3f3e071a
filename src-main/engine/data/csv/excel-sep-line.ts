import { EngineError } from '../../util/engine-error';
import type { CsvDelimiter } from './csv-dialect';

/**
 * Excel's "sep=;" first line: Excel writes it (and honours it on opening) so a file states its own
 * delimiter whatever the reader's locale. It is not data: the import takes the delimiter from it
 * and skips the line. `sep=\t` may be a real tab or the two characters backslash and t.
 */
const SEP_LINE = /^"?sep=(\\t|[^\r\n"])"?[ \t]*(?:\r\n|\n|\r|$)/i;

const SUPPORTED: readonly string[] = [',', ';', '\t'];

export interface SepLine {
  delimiter: CsvDelimiter;
  /** Characters of the line, its line break included, from the start of the (BOM-free) text. */
  length: number;
}

/** The declared delimiter when `text` (without BOM) starts with a sep line, else null. */
export function readSepLine(text: string): SepLine | null {
  const match = SEP_LINE.exec(text);
  if (match === null) return null;
  const declared = match[1] === '\\t' ? '\t' : (match[1] ?? '');
  if (!SUPPORTED.includes(declared)) {
    throw new EngineError(
      'CSV_READ',
      `Line 1 declares the delimiter "${declared}" (sep=${declared}), which this import cannot ` +
        'read: it reads a comma, semicolon or tab. Save the file with one of those as delimiter.',
      { line: 1 },
    );
  }
  return { delimiter: declared as CsvDelimiter, length: match[0].length };
}
