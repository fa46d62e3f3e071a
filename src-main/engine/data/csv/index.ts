/**
 * CSV import for time series: sniff the dialect, stream the file into typed columns, then build a
 * regular `TimeSeries` with missing values and dates filled. See each file for the details.
 */
export type { ColumnGuess, ColumnKind } from './column-kind';
export type { CsvDelimiter, CsvDialect } from './csv-dialect';
export { sniffDialect } from './csv-dialect';
export type { ColumnNote, CsvColumn, CsvTable } from './csv-table';
export type { FillInput, FillPolicy, FillResult } from './fill-missing';
export { FILL_POLICIES, fillMissing } from './fill-missing';
export type { ImportReport } from './import-report';
export { inferFrequency } from './infer-frequency';
export type { DateFormat, DateOrder, ParseDateOptions } from './parse-date';
export { DATE_FORMATS, DEFAULT_DATE_ORDER, describeDateFormat, parseDate } from './parse-date';
export type { DecimalMark } from './parse-number';
export type { CsvPreview, CsvPreviewColumn, CsvPreviewOptions, CsvSource } from './preview-csv';
export { previewCsv } from './preview-csv';
export type { CsvReadOptions } from './read-csv';
export { readCsvFile, readCsvText } from './read-csv';
export type { ToTimeSeriesOptions } from './to-time-series';
export type { DateUnit } from './unix-time';
export { DATE_UNITS } from './unix-time';
export { toTimeSeries } from './to-time-series';
