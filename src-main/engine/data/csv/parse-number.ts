/**
 * Number cells. A CSV has no types: a cell is a number when it reads as one under the file's
 * decimal mark, missing when it is empty or a common "not available" marker, and invalid otherwise.
 * Missing and invalid cells are both stored as NaN; the import counts them separately.
 */
import type { SplitAmount } from './split-amount';
import { splitAmount } from './split-amount';

export type DecimalMark = '.' | ',';

/** Markers spreadsheets and statistics tools write for "no value" (compared lower-cased). */
const MISSING_MARKERS = new Set(['', 'na', 'n/a', 'n.a.', 'nan', 'null', 'none', '-', '?', '#n/a']);

/**
 * Infinity as loggers and numpy write it. No series can be trained on it (one infinite value makes
 * the scaler, the loss and every metric infinite or NaN), so it is read as missing, and reported.
 */
const INFINITY_MARKERS = new Set(['inf', '+inf', '-inf', 'infinity', '+infinity', '-infinity']);

/** Longest marker above: a length check first keeps the lookup off ordinary long cells. */
const LONGEST_MARKER = 9;

/**
 * Numbers beyond this magnitude are read as missing. Statistics over them are not safe in float64
 * (a sum of squares of 1e160 overflows to Infinity, and with it the scaler and the MASE scale) nor
 * in the float32 tensors the model trains on (which end at 3.4e38), and above 2^53 ≈ 9e15 even
 * whole numbers are not exact. No measurement a user forecasts needs more than 15 digits, while a
 * value like 1e300 is a sensor's or an export's error code; dropping it with a note is simpler and
 * more honest than making every statistic overflow-safe and then training on a meaningless scale.
 */
export const MAX_MAGNITUDE = 1e15;

export function isInfinityMarker(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length <= LONGEST_MARKER && INFINITY_MARKERS.has(trimmed.toLowerCase());
}

/** Whether a cell says "no value": empty, a marker such as NA, or an infinity such as Inf. */
export function isMissingMarker(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length > LONGEST_MARKER) return false;
  const lower = trimmed.toLowerCase();
  return MISSING_MARKERS.has(lower) || INFINITY_MARKERS.has(lower);
}

const DOT_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const COMMA_DECIMAL = /^[+-]?(?:\d+(?:,\d*)?|,\d+)(?:[eE][+-]?\d+)?$/;
const COMMA_THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const DOT_THOUSANDS = /^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;

/** Parse a trimmed cell with the given decimal mark (and the other mark as thousands separator). */
function parseTrimmed(text: string, decimal: DecimalMark): number {
  if (decimal === '.') {
    if (DOT_DECIMAL.test(text)) return Number(text);
    if (COMMA_THOUSANDS.test(text)) return Number(text.replaceAll(',', ''));
    return NaN;
  }
  if (COMMA_DECIMAL.test(text)) return Number(text.replace(',', '.'));
  // "1.234" is a thousands group under a decimal comma; "1.5" can only be a stray dot decimal.
  if (DOT_THOUSANDS.test(text)) return Number(text.replaceAll('.', '').replace(',', '.'));
  if (DOT_DECIMAL.test(text)) return Number(text);
  return NaN;
}

/** Whether a cell has surrounding whitespace; cheaper than always trimming a million cells. */
export function needsTrim(text: string): boolean {
  return text.length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32);
}

/** A cell read as a number: NaN when it is not one (see `isMissingMarker` to tell why). */
export function parseNumber(text: string, decimal: DecimalMark): number {
  return parseTrimmed(needsTrim(text) ? text.trim() : text, decimal);
}

/**
 * A cell that is a number once its currency or percent sign is off ("$1.25", "5%"): the value and
 * what was taken off, or null. Called only for cells `parseNumber` rejects, so plain numbers never
 * pay for the regexes.
 */
export function parseAmount(
  text: string,
  decimal: DecimalMark,
): { value: number; amount: SplitAmount } | null {
  const amount = splitAmount(needsTrim(text) ? text.trim() : text);
  if (amount === null) return null;
  const value = parseTrimmed(amount.number, decimal);
  return Number.isNaN(value) ? null : { value, amount };
}

/** Whether a cell reads as a number, plain or as an amount: for guessing column kinds. */
export function readsAsNumber(text: string, decimal: DecimalMark): boolean {
  return !Number.isNaN(parseNumber(text, decimal)) || parseAmount(text, decimal) !== null;
}

function looksPlainNumeric(trimmed: string): boolean {
  return (
    DOT_DECIMAL.test(trimmed) ||
    COMMA_DECIMAL.test(trimmed) ||
    COMMA_THOUSANDS.test(trimmed) ||
    DOT_THOUSANDS.test(trimmed)
  );
}

/** The number part of a trimmed cell: the cell itself, or the amount without its unit. */
function numberPart(trimmed: string): string {
  return splitAmount(trimmed)?.number ?? trimmed;
}

/** Whether a cell reads as a number (or amount) under either decimal mark: for sniffing. */
export function looksNumeric(text: string): boolean {
  const trimmed = text.trim();
  return looksPlainNumeric(trimmed) || looksPlainNumeric(numberPart(trimmed));
}

const COMMA_VOTE = /^[+-]?(?:\d+,\d+|\d{1,3}(?:\.\d{3})+,\d+)$/;
const DOT_VOTE = /^[+-]?\d*\.\d+(?:[eE][+-]?\d+)?$/;
const AMBIGUOUS_THOUSANDS = /^[+-]?\d{1,3}\.\d{3}$/;

/**
 * What a cell says about the decimal mark: "1,5" and "1.234,5" vote comma, "1.5" votes dot, and
 * "1.234" (either 1.234 or 1234) does not vote.
 */
export function decimalEvidence(text: string): DecimalMark | null {
  const trimmed = numberPart(text.trim());
  if (COMMA_VOTE.test(trimmed)) return ',';
  if (DOT_VOTE.test(trimmed) && !AMBIGUOUS_THOUSANDS.test(trimmed)) return '.';
  return null;
}
