import type { CsvDelimiter } from './csv-dialect';

/**
 * Data loggers often write a header padded with spaces to line up with the columns, over rows
 * separated by tabs. Read with the tab, that header is one long name and every row looks ragged.
 * When the rows are tab-separated, the header has no tab, and splitting it at whitespace gives
 * exactly one name per data column, those are the names. Runs of two or more spaces are tried
 * first, so "air temp   humidity" keeps "air temp" whole.
 */
export function splitSpacedHeader(
  header: readonly string[],
  dataFields: number,
  delimiter: CsvDelimiter,
): string[] | null {
  const [only] = header;
  if (delimiter !== '\t' || header.length !== 1 || only === undefined || dataFields < 2) {
    return null;
  }
  const text = only.trim();
  for (const separator of [/ {2,}/, /\s+/]) {
    const names = text.split(separator);
    if (names.length === dataFields) return names;
  }
  return null;
}

export function spacedHeaderNote(names: number): string {
  return (
    'The header line is separated by spaces while the rows are separated by tabs; its ' +
    `${names} names were split at the spaces.`
  );
}

/** Fields of a data row without trailing empty ones (a stray tab at the end of the line). */
export function filledFieldCount(row: readonly string[]): number {
  let count = row.length;
  while (count > 0 && (row[count - 1] ?? '').trim() === '') count -= 1;
  return count;
}
