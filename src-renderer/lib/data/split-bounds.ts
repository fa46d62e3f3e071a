import { splitRows, type SplitBounds } from '../../../src-main/contract/shared-rules';

export type { SplitBounds };

/**
 * Chronological split of n rows: train = [0, valStart), validation = [valStart, testStart),
 * test = [testStart, n). The engine's own splitRows, so the split drawn on the preview is the one
 * training will use.
 */
export function splitBounds(n: number, testFraction: number, valFraction: number): SplitBounds {
  return splitRows(n, { testFraction, valFraction });
}
