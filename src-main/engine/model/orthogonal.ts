import type { SeededRandom } from '../util/seeded-random';

/**
 * A random n × n orthogonal matrix (row-major, Float64), drawn from our seeded stream so it is
 * the same on every backend. We orthonormalise the columns of a standard-normal matrix with
 * modified Gram-Schmidt, run twice ("twice is enough") so float error stays near 1e-15 even for
 * n in the hundreds. Gram-Schmidt is a QR factorisation whose R has a positive diagonal, which
 * is exactly the sign convention that makes Q uniformly (Haar) distributed, as Keras's
 * Orthogonal initializer arranges by multiplying by sign(diag(R)).
 *
 * We do this in plain JS rather than with tf.linalg.qr because TF.js's Orthogonal initializer
 * seeds poorly, warns above 2000 elements and is slow (tfjs-layers src/initializers.ts,
 * `ELEMENTS_WARN_SLOW`), and its result may differ between backends. Cost: O(n³) per matrix.
 */
export function randomOrthogonal(n: number, random: SeededRandom): Float64Array {
  // Column-major working copy: column j is cols[j*n .. j*n+n), so the inner loops are contiguous.
  // (`?? 0` only satisfies noUncheckedIndexedAccess: every index below is in range.)
  const cols = new Float64Array(n * n);
  for (let i = 0; i < cols.length; i++) cols[i] = random.normal();
  for (let j = 0; j < n; j++) {
    const cj = j * n;
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        const ck = k * n;
        let dot = 0;
        for (let r = 0; r < n; r++) dot += (cols[ck + r] ?? 0) * (cols[cj + r] ?? 0);
        for (let r = 0; r < n; r++) cols[cj + r] = (cols[cj + r] ?? 0) - dot * (cols[ck + r] ?? 0);
      }
    }
    let norm = 0;
    for (let r = 0; r < n; r++) norm += (cols[cj + r] ?? 0) ** 2;
    norm = Math.sqrt(norm);
    // A Gaussian column lying in the span of the previous ones has probability zero; guard anyway
    // so a degenerate draw can never produce NaN weights.
    if (!(norm > 1e-12)) throw new RangeError('degenerate random matrix while orthogonalising');
    for (let r = 0; r < n; r++) cols[cj + r] = (cols[cj + r] ?? 0) / norm;
  }
  const rowMajor = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) rowMajor[r * n + c] = cols[c * n + r] ?? 0;
  }
  return rowMajor;
}
