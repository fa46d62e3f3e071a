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
