import { EngineError } from '../util/engine-error';

/** Guard a size argument (features, units, vocabulary) with a message naming it. */
export function requireWhole(what: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `${what} must be a whole number of at least ${min} (got ${value})`,
    );
  }
}
