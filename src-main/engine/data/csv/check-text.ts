import { EngineError } from '../../util/engine-error';

/** How much of the start is inspected for binary content. */
const BINARY_PROBE = 1024;
/** Text files have almost no control characters; more than this share means "not text". */
const MAX_CONTROL_SHARE = 0.1;

function isControl(code: number): boolean {
  // Tab, line feed, vertical tab, form feed and carriage return are ordinary in text files.
  return (code < 32 && (code < 9 || code > 13)) || code === 127;
}

function binaryProblem(codes: ArrayLike<number>): string | null {
  const length = Math.min(codes.length, BINARY_PROBE);
  let controls = 0;
  for (let index = 0; index < length; index += 1) {
    const code = codes[index] ?? 0;
    if (code === 0) return 'it contains NUL bytes';
    if (isControl(code)) controls += 1;
  }
  return length > 0 && controls / length > MAX_CONTROL_SHARE ? 'it is mostly not text' : null;
}

function binaryError(reason: string): EngineError {
  return new EngineError(
    'CSV_BINARY',
    `This is not a CSV text file (${reason} in the first KB). If it is a spreadsheet (.xlsx) or ` +
      'UTF-16 text, save it as "CSV UTF-8" and import that.',
  );
}

/** Reject binary files from their first bytes, before decoding them as text. */
export function assertTextBytes(bytes: Uint8Array): void {
  const problem = binaryProblem(bytes);
  if (problem !== null) throw binaryError(problem);
}

/** The same check for text that is already decoded (pasted data, `readCsvText`). */
export function assertTextChars(text: string): void {
  const probe = text.slice(0, BINARY_PROBE);
  const codes = Array.from(probe, (char) => char.charCodeAt(0));
  const problem = binaryProblem(codes);
  if (problem !== null) throw binaryError(problem);
}

/** Reject a file with nothing but whitespace (and perhaps a byte-order mark). */
export function assertNotEmpty(text: string): void {
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    throw new EngineError('CSV_EMPTY', 'The file is empty: there is no header and no data.');
  }
}
