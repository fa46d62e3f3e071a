/**
 * Sliding windows, produced batch by batch and never materialised whole: for a 1M-row series with a
 * lookback of 50 the full window tensor would be 50× the data. A window for row t is the input rows
 * [t − lookback, t) and its label is the target at row t.
 */
export interface WindowSource {
  /** Row-major `[rows, featureCount]` model-space inputs. */
  inputs: Float32Array;
  featureCount: number;
  /** Model-space target of each row (NaN where undefined). */
  targets: Float32Array;
  lookback: number;
}

export interface WindowBatch {
  /** `[size, lookback, featureCount]`, row-major. */
  x: Float32Array;
  /** `[size]` labels. */
  y: Float32Array;
  size: number;
}

/** Fill one batch with the windows ending before each of `rows[from, from + size)`. */
export function fillWindowBatch(
  source: WindowSource,
  rows: ArrayLike<number>,
  from: number,
  size: number,
): WindowBatch {
  const { inputs, featureCount, targets, lookback } = source;
  const stride = lookback * featureCount;
  // A fresh buffer per batch: tfjs's cpu backend keeps a reference to the array it was given.
  const x = new Float32Array(size * stride);
  const y = new Float32Array(size);
  for (let b = 0; b < size; b++) {
    const t = rows[from + b]!;
    const start = (t - lookback) * featureCount;
    x.set(inputs.subarray(start, start + stride), b * stride);
    y[b] = targets[t]!;
  }
  return { x, y, size };
}

/** All batches over `rows` in order; the last one may be smaller. */
export function* windowBatches(
  source: WindowSource,
  rows: ArrayLike<number>,
  batchSize: number,
): Generator<WindowBatch> {
  for (let from = 0; from < rows.length; from += batchSize) {
    yield fillWindowBatch(source, rows, from, Math.min(batchSize, rows.length - from));
  }
}

/** The rows [from, to) as an index array. */
export function rowRange(from: number, to: number): Int32Array {
  const rows = new Int32Array(Math.max(0, to - from));
  for (let i = 0; i < rows.length; i++) rows[i] = from + i;
  return rows;
}
