import type { HorizonErrorPoint } from '../charts/horizon-error-option';

/**
 * How many steps ahead, counted from the first, the model's closed-loop RMSE stays below
 * persistence's from the same origins; null when persistence was not reported.
 */
export function stepsBeatingPersistence(errors: readonly HorizonErrorPoint[]): number | null {
  if (errors.length === 0 || errors.some((e) => e.persistenceRmse === undefined)) return null;
  let steps = 0;
  for (const error of errors) {
    if (!(error.rmse < error.persistenceRmse!)) break;
    steps++;
  }
  return steps;
}
