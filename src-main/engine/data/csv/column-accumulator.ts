import { EngineError } from '../../util/engine-error';
import type { ColumnGuess } from './column-kind';
import type { CsvColumn } from './csv-table';
import { createGrowableFloat64 } from './growable-float64';
import type { DateFormat } from './parse-date';
import { createDateParser, describeDateFormat } from './parse-date';
import type { DecimalMark } from './parse-number';
import type { AmountUnit } from './split-amount';
import {
  MAX_MAGNITUDE,
  isInfinityMarker,
  isMissingMarker,
  needsTrim,
  parseAmount,
  parseNumber,
} from './parse-number';

/** Collects the cells of one column while a file streams past; `line` is the cell's 1-based line. */
export interface ColumnAccumulator {
  add(cell: string, line: number): void;
  /** `notes` say how cells were read (as percent, say); `warnings` what could not be read. */
  finish(): { column: CsvColumn; warnings: string[]; notes: string[] };
}

/** "1e15", as the limit is written in a file. */
const MAGNITUDE_LABEL = MAX_MAGNITUDE.toExponential().replace('e+', 'e');

function quote(cell: string): string {
  return JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}…` : cell);
}

/** Counts one kind of unusable cell and remembers the first, for a warning a user can follow up. */
function createTally(): {
  add(cell: string, line: number): void;
  count(): number;
  first(): string;
} {
  let count = 0;
  let first = '';
  return {
    add(cell, line) {
      if (count === 0) first = `line ${line}: ${quote(cell)}`;
      count += 1;
    },
    count: () => count,
    first: () => first,
  };
}

/** More currencies than this in one column are listed as "…": the warning stays one line. */
const LISTED_CURRENCIES = 4;

/** Remembers how amount cells ("$1.25", "5%") were read, for the column's notes. */
function createAmountLog(name: string): {
  add(cell: string, value: number, unit: AmountUnit, currency: string | null): void;
  notes(): string[];
  warnings(): string[];
} {
  const examples = new Map<AmountUnit, string>();
  const currencies = new Set<string>();
  let moreCurrencies = false;
  return {
    add(cell, value, unit, currency) {
      if (!examples.has(unit)) examples.set(unit, `${quote(cell.trim())} is ${value}`);
      if (currency === null || currencies.has(currency)) return;
      if (currencies.size < LISTED_CURRENCIES) currencies.add(currency);
      else moreCurrencies = true;
    },
    notes() {
      const currency = examples.get('currency');
      const percent = examples.get('percent');
      return [
        currency === undefined ? null : `Read as amounts without the currency, so ${currency}.`,
        percent === undefined ? null : `Read as percent, so ${percent}.`,
      ].filter((note): note is string => note !== null);
    },
    warnings() {
      if (currencies.size < 2) return [];
      const listed = [...currencies].join(', ') + (moreCurrencies ? ', …' : '');
      return [
        `Column "${name}" mixes currencies (${listed}); the amounts were read as they are, not ` +
          'converted.',
      ];
    },
  };
}

function createNumberAccumulator(name: string, decimal: DecimalMark): ColumnAccumulator {
  const values = createGrowableFloat64();
  let missing = 0;
  const invalid = createTally();
  const infinite = createTally();
  const huge = createTally();
  const amounts = createAmountLog(name);
  /** A cell that is not a plain number: an amount, or missing (and then why). */
  function readOther(cell: string, line: number): number {
    const read = parseAmount(cell, decimal);
    if (read !== null) {
      amounts.add(cell, read.value, read.amount.unit, read.amount.currency);
      return read.value;
    }
    if (isInfinityMarker(cell)) infinite.add(cell, line);
    else if (!isMissingMarker(cell)) invalid.add(cell, line);
    return NaN;
  }
  return {
    add(cell, line) {
      let value = parseNumber(cell, decimal);
      if (Number.isNaN(value)) value = readOther(cell, line);
      // Also true for Infinity ("1e309"); false for NaN, which readOther has already explained.
      if (Math.abs(value) > MAX_MAGNITUDE) {
        huge.add(cell, line);
        value = NaN;
      }
      if (Number.isNaN(value)) missing += 1;
      values.push(value);
    },
    finish() {
      const warnings = [
        invalid.count() === 0
          ? null
          : `Column "${name}": ${invalid.count()} value(s) are not numbers and were read as missing ` +
            `(first on ${invalid.first()}).`,
        infinite.count() === 0
          ? null
          : `Column "${name}": ${infinite.count()} infinite value(s) were read as missing ` +
            `(first on ${infinite.first()}).`,
        huge.count() === 0
          ? null
          : `Column "${name}": ${huge.count()} value(s) beyond ±${MAGNITUDE_LABEL} were read as ` +
            `missing (first on ${huge.first()}); no measurement needs them, and the statistics ` +
            'the model is trained with would overflow.',
        ...amounts.warnings(),
      ].filter((warning): warning is string => warning !== null);
      const column = {
        name,
        kind: 'number' as const,
        numbers: values.toArray(),
        times: null,
        texts: null,
        missing,
      };
      return { column, warnings, notes: amounts.notes() };
    },
  };
}

function dateError(
  name: string,
  cell: string,
  line: number,
  format: DateFormat,
  guessedOrder: boolean,
): EngineError {
  const hint = guessedOrder
    ? ` The first rows did not show whether dates are day-first or month-first; they were read as ` +
      `${describeDateFormat(format)}. Choose the other date order if the file uses it.`
    : '';
  return new EngineError(
    'CSV_DATE',
    `Line ${line}: ${quote(cell)} in column "${name}" is not a valid ${describeDateFormat(format)} date.${hint}`,
    { line },
  );
}

/** Dates must all parse: a bad one stops the import with its line, since rows cannot be placed. */
function createDateAccumulator(
  name: string,
  format: DateFormat,
  guessedOrder: boolean,
): ColumnAccumulator {
  const times = createGrowableFloat64();
  const parse = createDateParser(format);
  let missing = 0;
  return {
    add(cell, line) {
      // Parse first: the marker check (trim, lower-case, set lookup) is only for cells that fail.
      const time = parse(needsTrim(cell) ? cell.trim() : cell);
      if (!Number.isNaN(time)) {
        times.push(time);
        return;
      }
      if (!isMissingMarker(cell)) throw dateError(name, cell, line, format, guessedOrder);
      missing += 1;
      times.push(NaN);
    },
    finish() {
      const warning = guessedOrder
        ? `Column "${name}": day and month order could not be told from the data; dates were read as ` +
          `${describeDateFormat(format)}.`
        : null;
      return {
        column: { name, kind: 'date', numbers: null, times: times.toArray(), texts: null, missing },
        warnings: warning === null ? [] : [warning],
        notes: [],
      };
    },
  };
}

function createTextAccumulator(name: string): ColumnAccumulator {
  const texts: string[] = [];
  let missing = 0;
  return {
    add(cell) {
      if (isMissingMarker(cell)) missing += 1;
      texts.push(cell);
    },
    finish() {
      return {
        column: { name, kind: 'text', numbers: null, times: null, texts, missing },
        warnings: [],
        notes: [],
      };
    },
  };
}

export function createColumnAccumulator(
  name: string,
  guess: ColumnGuess,
  decimal: DecimalMark,
): ColumnAccumulator {
  if (guess.kind === 'number') return createNumberAccumulator(name, decimal);
  if (guess.kind === 'date' && guess.dateFormat !== null) {
    return createDateAccumulator(name, guess.dateFormat, !guess.dateOrderFromData);
  }
  return createTextAccumulator(name);
}
