/**
 * Chronological split of n rows: train = [0, valStart), validation = [valStart, testStart),
 * test = [testStart, n). The same arithmetic as the engine's splitRows, so the split drawn on the
 * preview is the one training will use (test/renderer/split-bounds.test.ts pins them together).
 */
export interface SplitBounds {
  n: number;
  valStart: number;
  testStart: number;
}

export function splitBounds(n: number, testFraction: number, valFraction: number): SplitBounds {
  const testStart = Math.floor((1 - testFraction) * n);
  const valStart = Math.floor((1 - valFraction) * testStart);
  return { n, valStart, testStart };
}
