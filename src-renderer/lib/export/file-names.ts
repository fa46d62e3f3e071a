/** What an exported file shows: part of its name, e.g. `co2-closed-loop-2026-11-26.svg`. */
export type ExportSubject = 'forecast' | 'closed-loop' | 'error-by-horizon' | 'backtest';
export type ExportExtension = 'csv' | 'png' | 'svg';

/**
 * A file-name part from free text: ASCII letters, digits and single dashes, lower case
 * ("Mauna Loa CO₂ (monthly)" -> "mauna-loa-co2-monthly"; NFKD turns "₂" into "2").
 */
export function slugify(text: string, fallback = 'data'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return slug === '' ? fallback : slug;
}

/**
 * The short name of a dataset in file names: a bundled sample by its id ("co2"), a file by its
 * name without the extension ("sales.csv" -> "sales"), anything else by its name.
 */
export function datasetSlug(dataset: { id: string; name: string } | null): string {
  if (dataset === null) return 'forecast-data';
  if (dataset.id.startsWith('sample:')) return slugify(dataset.id.slice('sample:'.length));
  return slugify(dataset.name.replace(/\.(csv|tsv|txt)$/i, ''));
}

/** The local calendar date, "2026-11-26": the day the user exported, as their clock says. */
export function localDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "co2-forecast-2026-11-26.png": the data, what the file shows, the day, the format. */
export function exportFileName(
  dataset: { id: string; name: string } | null,
  subject: ExportSubject,
  extension: ExportExtension,
  date: Date = new Date(),
): string {
  return `${datasetSlug(dataset)}-${subject}-${localDate(date)}.${extension}`;
}
