import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { EngineError } from '../../util/engine-error';
import type { CsvDelimiter, CsvDialect } from './csv-dialect';
import { sniffDialect } from './csv-dialect';
import type { CsvTable } from './csv-table';
import type { DateOrder } from './parse-date';
import { DEFAULT_DATE_ORDER } from './parse-date';
import type { DecimalMark } from './parse-number';
import type { CsvSample } from './read-sample';
import { readError, readFileSample, textSample } from './read-sample';
import { createTableBuilder } from './table-builder';

export interface CsvReadOptions {
  /** Force the delimiter instead of sniffing it. */
  delimiter?: CsvDelimiter;
  /** Force the decimal mark instead of sniffing it. */
  decimal?: DecimalMark;
  /** Force whether the first row is a header instead of sniffing it. */
  hasHeader?: boolean;
  /**
   * How to read dates such as 03/04/2012 when no row of the column settles it (a day above 12).
   * Default 'dmy' (day-first). Data that settles it always wins.
   */
  dateOrder?: DateOrder;
  /** Called after each parsed chunk; for text the bytes are those of its UTF-8 encoding. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  signal?: AbortSignal;
}

/** Bytes per file read (characters per text chunk): the parser is called rarely, memory stays flat. */
const CHUNK_SIZE = 256 * 1024;

/** A started byte stream plus a way to ask how far it has read, for progress. */
interface CsvStreamSource {
  stream: Readable;
  totalBytes: number;
  bytesRead(): number;
  label: string;
}

function dialectFor(sample: CsvSample, options: CsvReadOptions): CsvDialect {
  const { decimal, hasHeader } = options;
  // A delimiter the caller forces wins over the file's own "sep=" line, which wins over sniffing.
  const delimiter = options.delimiter ?? sample.declaredDelimiter ?? undefined;
  return sniffDialect(
    sample.text,
    { delimiter, decimal, hasHeader },
    options.dateOrder ?? DEFAULT_DATE_ORDER,
  );
}

function cancelledError(): EngineError {
  return new EngineError('CANCELLED', 'The import was cancelled.');
}

function problemsByRow(errors: readonly Papa.ParseError[]): Map<number, string> {
  const problems = new Map<number, string>();
  for (const error of errors) {
    if (error.type === 'Quotes' && error.row !== undefined) problems.set(error.row, error.message);
  }
  return problems;
}

/**
 * The one streaming path of both `readCsvFile` and `readCsvText`: papaparse splits the stream into
 * rows chunk by chunk and the table builder turns each chunk into typed columns, so only one chunk
 * of text is alive at a time.
 */
function streamTable(
  source: CsvStreamSource,
  dialect: CsvDialect,
  skipLines: number,
  options: CsvReadOptions,
): Promise<CsvTable> {
  const builder = createTableBuilder({
    dialect,
    dateOrder: options.dateOrder ?? DEFAULT_DATE_ORDER,
    skipLines,
  });
  return new Promise((resolve, reject) => {
    let failure: unknown = null;
    Papa.parse<string[], Readable>(source.stream, {
      delimiter: dialect.delimiter,
      chunk(results, parser) {
        try {
          if (options.signal?.aborted === true) throw cancelledError();
          const problems = problemsByRow(results.errors);
          results.data.forEach((row, index) => builder.addRow(row, problems.get(index)));
          options.onProgress?.(source.bytesRead(), source.totalBytes);
        } catch (error) {
          failure = error;
          // Papa stops parsing on abort but keeps listening; without destroy the stream would
          // go on reading the rest of the file into its queue.
          source.stream.destroy();
          parser.abort();
        }
      },
      complete() {
        if (failure !== null) {
          reject(failure);
          return;
        }
        try {
          const table = builder.finish();
          options.onProgress?.(source.totalBytes, source.totalBytes);
          resolve(table);
        } catch (error) {
          reject(error);
        }
      },
      error(error) {
        source.stream.destroy();
        reject(readError(source.label, error));
      },
    });
  });
}

/**
 * Read a CSV file into a column-wise table, streaming it so a file of millions of rows never holds
 * its whole text in memory. The dialect is sniffed from the first 64 KB unless forced.
 */
export async function readCsvFile(path: string, options: CsvReadOptions = {}): Promise<CsvTable> {
  const sample = await readFileSample(path);
  const dialect = dialectFor(sample, options);
  const stream = createReadStream(path, { encoding: sample.encoding, highWaterMark: CHUNK_SIZE });
  const source: CsvStreamSource = {
    stream,
    totalBytes: sample.totalBytes,
    bytesRead: () => stream.bytesRead,
    label: path,
  };
  return streamTable(source, dialect, sample.skipLines, options);
}

function* textChunks(text: string, counter: { bytes: number }): Generator<string> {
  for (let start = 0; start < text.length; start += CHUNK_SIZE) {
    const chunk = text.slice(start, start + CHUNK_SIZE);
    counter.bytes += Buffer.byteLength(chunk);
    yield chunk;
  }
}

/** Read CSV text (pasted data, tests) through exactly the same streaming path as a file. */
export async function readCsvText(text: string, options: CsvReadOptions = {}): Promise<CsvTable> {
  const sample = textSample(text);
  const dialect = dialectFor(sample, options);
  const counter = { bytes: 0 };
  const source: CsvStreamSource = {
    stream: Readable.from(textChunks(text, counter)),
    totalBytes: sample.totalBytes,
    bytesRead: () => counter.bytes,
    label: 'the pasted text',
  };
  return streamTable(source, dialect, sample.skipLines, options);
}
