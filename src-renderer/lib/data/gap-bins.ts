/**
 * The gap map: `rows` rows folded into at most `bins` equal bins, each holding the fraction of its
 * rows that were missing and filled (0..1). A file with a million rows still draws as one strip.
 */
export function gapBins(filledRows: readonly number[], rows: number, bins: number): number[] {
  if (rows <= 0) return [];
  const count = Math.max(1, Math.min(bins, rows));
  const filled = new Array<number>(count).fill(0);
  const sizes = new Array<number>(count).fill(0);
  for (let b = 0; b < count; b++) {
    // Rows r with floor(r·count / rows) = b, the same mapping as below.
    sizes[b] = Math.ceil(((b + 1) * rows) / count) - Math.ceil((b * rows) / count);
  }
  for (const row of filledRows) {
    if (row < 0 || row >= rows) continue;
    const b = Math.min(count - 1, Math.floor((row * count) / rows));
    filled[b]! += 1;
  }
  return filled.map((n, b) => (sizes[b]! > 0 ? Math.min(1, n / sizes[b]!) : 0));
}
