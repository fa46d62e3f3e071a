import { open, stat } from 'node:fs/promises';
import { EngineError } from '../../util/engine-error';
import { assertNotEmpty, assertTextBytes, assertTextChars } from './check-text';
import type { CsvDelimiter } from './csv-dialect';
import { readSepLine } from './excel-sep-line';

/** Enough rows to sniff a dialect and guess column kinds, small enough to read instantly. */
export const SAMPLE_BYTES = 64 * 1024;

export type TextEncoding = 'utf8' | 'latin1';

/**
 * The checked start of a CSV source: its first rows as text, without BOM and without an Excel
 * "sep=" line, ending on a whole line.
 */
export interface CsvSample {
  text: string;
  /** The delimiter an Excel "sep=" first line declares, or null when there is none. */
  declaredDelimiter: CsvDelimiter | null;
  /** Lines at the start of the source that are not CSV (the "sep=" line) and must be skipped. */
  skipLines: number;
  totalBytes: number;
  /** UTF-8, or Latin-1 for files that are not valid UTF-8 (old Excel exports). */
  encoding: TextEncoding;
}

export function readError(path: string, cause: unknown): EngineError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new EngineError('CSV_READ', `Cannot read "${path}": ${reason}`, { cause });
}

/**
 * Cut a sample at its last line break, so a row split by the byte limit is not sniffed, and drop
 * a UTF-8 byte-order mark, which would otherwise stick to the first column name.
 */
function wholeLines(text: string, complete: boolean): string {
  const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (complete) return unmarked;
  const lastBreak = unmarked.lastIndexOf('\n');
  return lastBreak > 0 ? unmarked.slice(0, lastBreak + 1) : unmarked;
}

/** UTF-8 unless the bytes are not valid UTF-8; a sequence cut at the sample's end is fine. */
function detectEncoding(bytes: Uint8Array): TextEncoding {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return 'utf8';
  } catch {
    return 'latin1';
  }
}

async function readHead(path: string, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function withoutSepLine(text: string, totalBytes: number, encoding: TextEncoding): CsvSample {
  const sep = readSepLine(text);
  return sep === null
    ? { text, declaredDelimiter: null, skipLines: 0, totalBytes, encoding }
    : {
        text: text.slice(sep.length),
        declaredDelimiter: sep.delimiter,
        skipLines: 1,
        totalBytes,
        encoding,
      };
}

/** Read and check the start of a file: rejects missing, empty and binary files. */
export async function readFileSample(path: string): Promise<CsvSample> {
  let totalBytes: number;
  let bytes: Uint8Array;
  try {
    totalBytes = (await stat(path)).size;
    bytes = await readHead(path, Math.min(totalBytes, SAMPLE_BYTES));
  } catch (error) {
    throw readError(path, error);
  }
  assertTextBytes(bytes);
  const encoding = detectEncoding(bytes);
  const decoded = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding);
  assertNotEmpty(decoded);
  return withoutSepLine(wholeLines(decoded, bytes.length >= totalBytes), totalBytes, encoding);
}

/** The same checks and sample for text already in memory. */
export function textSample(text: string): CsvSample {
  assertTextChars(text);
  assertNotEmpty(text);
  const complete = text.length <= SAMPLE_BYTES;
  const sample = wholeLines(complete ? text : text.slice(0, SAMPLE_BYTES), complete);
  return withoutSepLine(sample, Buffer.byteLength(text), 'utf8');
}
