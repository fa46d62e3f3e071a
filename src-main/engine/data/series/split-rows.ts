import { EngineError } from '../../util/engine-error';

/**
 * Chronological split of n rows: train = [0, valStart), validation = [valStart, testStart),
 * test = [testStart, n). Never shuffled across the boundaries: the future must not leak into training.
 */
export interface SplitBounds {
  n: number;
  valStart: number;
  testStart: number;
}

export interface SplitOptions {
  /** Absolute first test row; overrides testFraction (backtest folds set it). */
  testStart?: number;
  /** Fraction of all rows held out for test, from the end. Default 0.2: test = rows floor(0.8·n) on. */
  testFraction?: number;
  /** Fraction of the remaining rows held out for validation, from their end. Default 0.1. */
  valFraction?: number;
}

/** The fewest rows whose split by `testFraction` leaves at least one row before the test part. */
function minimumRows(testFraction: number): number {
  // The same floor as the split itself, so the minimum matches it exactly (float rounding included).
  let rows = 1;
  while (Math.floor((1 - testFraction) * rows) < 1) rows += 1;
  return rows;
}

/**
 * A file with too few rows (one row, say) is a data problem, not a bad option: say so before the
 * bounds check below would answer with a row range such as "1 … 1".
 */
function assertLongEnough(n: number, testFraction: number): void {
  const minimum = minimumRows(testFraction);
  if (n >= minimum) return;
  throw new EngineError(
    'DATA_TOO_SHORT',
    `The series has ${n} row${n === 1 ? '' : 's'}; splitting it into training and test parts ` +
      `(test fraction ${testFraction}) needs at least ${minimum} rows, and training needs more ` +
      'than the lookback. Use a longer file.',
  );
}

export function splitRows(n: number, options: SplitOptions = {}): SplitBounds {
  const testFraction = options.testFraction ?? 0.2;
  const valFraction = options.valFraction ?? 0.1;
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `test fraction must be between 0 and 1 (got ${testFraction})`,
    );
  }
  if (!(valFraction >= 0 && valFraction < 1)) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `validation fraction must be in [0, 1) (got ${valFraction})`,
    );
  }
  if (options.testStart === undefined) assertLongEnough(n, testFraction);
  const testStart = options.testStart ?? Math.floor((1 - testFraction) * n);
  if (!Number.isInteger(testStart) || testStart < 1 || testStart > n) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `test start must be a row in 1 … ${n} (got ${testStart})`,
    );
  }
  const valStart = Math.floor((1 - valFraction) * testStart);
  return { n, valStart, testStart };
}
