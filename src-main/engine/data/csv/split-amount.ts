/**
 * Amounts as spreadsheets export them: "$1.25", "-$12.00", "€3", "1,234.50 USD", "3,50 €", "5%".
 * This only takes the unit off; the number left over is read like any other cell (decimal mark,
 * thousands), so "12,5 %" works under a decimal comma. Bounded on purpose: a few common symbols
 * and codes before or after the number, and a trailing percent sign; no accounting brackets, no
 * currency conversion (a column mixing currencies is reported, not converted).
 */
export type AmountUnit = 'percent' | 'currency';

export interface SplitAmount {
  /** The number's text, signed: "-12.00" for "-$12.00". */
  number: string;
  unit: AmountUnit;
  /** The symbol or code as written ("$", "USD"); null for percent. */
  currency: string | null;
}

const CURRENCY = String.raw`[$€£¥]|USD|EUR|GBP|JPY|CHF|CAD|AUD|CNY|INR`;
const NUMBER = String.raw`[+-]?\d[\d.,]*(?:[eE][+-]?\d+)?`;
/** Sign, currency, then the number, which may carry the sign itself ("$-7"). */
const LEADING = new RegExp(String.raw`^([+-]?)\s*(${CURRENCY})\s*(${NUMBER})$`);
const TRAILING = new RegExp(String.raw`^(${NUMBER})\s*(${CURRENCY})$`);
const PERCENT = new RegExp(String.raw`^(${NUMBER})\s*%$`);

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Cheap test before the regexes: an amount starts or ends with something other than a digit. */
function mayBeAmount(text: string): boolean {
  return (
    text.length > 1 && (!isDigit(text.charCodeAt(0)) || !isDigit(text.charCodeAt(text.length - 1)))
  );
}

/** The number and unit of a trimmed amount cell, or null when it is not one. */
export function splitAmount(text: string): SplitAmount | null {
  if (!mayBeAmount(text)) return null;
  const percent = PERCENT.exec(text);
  if (percent !== null) return { number: percent[1] ?? '', unit: 'percent', currency: null };
  const trailing = TRAILING.exec(text);
  if (trailing !== null) {
    return { number: trailing[1] ?? '', unit: 'currency', currency: trailing[2] ?? '' };
  }
  const leading = LEADING.exec(text);
  if (leading === null) return null;
  const [, sign = '', currency = '', number = ''] = leading;
  // "-$-7" has two signs: not an amount anyone writes, so not guessed at.
  if (sign !== '' && /^[+-]/.test(number)) return null;
  return { number: sign + number, unit: 'currency', currency };
}
