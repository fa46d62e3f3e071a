import * as tf from '@tensorflow/tfjs';
import { EngineError } from '../util/engine-error';
import type { BatchSource } from '../train/train-loop';

/**
 * Truncated backpropagation through time over a token stream. The training part `[0, valStart)` is
 * cut into non-overlapping sequences of `seqLen`: example k reads ids[kL, kL + L) and predicts
 * ids[kL + 1, kL + L + 1), so gradients flow back at most L steps and every sequence starts from a
 * zero state (examples are shuffled, so no state is carried between batches).
 *
 * Validation predicts EVERY held-out token exactly once: its sequences start one token early
 * (at valStart − 1, the last training token) so the first target is ids[valStart]; a shorter last
 * sequence takes the remainder. Each validation batch reports `size` = its number of target
 * tokens, so the loop's size-weighted mean is the exact per-token mean, whose exp is the perplexity.
 *
 * Layouts: `pairs` gives xs int32 `[batch, steps]` (inputs) and ys int32 `[batch, steps]`
 * (targets), for the language model itself; `windows` gives xs int32 `[batch, steps + 1]` (inputs
 * and targets in one, for the sampled-softmax training graph) and ys the same windows.
 */
export interface SequenceSource extends BatchSource {
  seqLen: number;
  /** Target tokens of one pass over the validation batches. */
  valTokens: number;
}

export type SequenceLayout = 'pairs' | 'windows';

export function sequenceBatchSource(
  ids: Int32Array,
  valStart: number,
  seqLen: number,
  options: { layout?: SequenceLayout; valBatchTokens?: number } = {},
): SequenceSource {
  if (!Number.isInteger(seqLen) || seqLen < 1) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `sequence length must be a whole number ≥ 1 (got ${seqLen})`,
    );
  }
  const trainCount = Math.floor((valStart - 1) / seqLen);
  if (trainCount < 1) {
    throw new EngineError(
      'DATA_TOO_SHORT',
      `the training part has ${valStart} tokens, fewer than one sequence of ${seqLen} + 1: use a longer text or a shorter sequence length`,
    );
  }
  const layout = options.layout ?? 'pairs';
  const valTokens = ids.length - valStart;
  const fill = (starts: readonly number[], steps: number): { xs: tf.Tensor2D; ys: tf.Tensor2D } => {
    if (layout === 'windows') {
      const w = new Int32Array(starts.length * (steps + 1));
      starts.forEach((from, row) => w.set(ids.subarray(from, from + steps + 1), row * (steps + 1)));
      const xs = tf.tensor2d(w, [starts.length, steps + 1], 'int32');
      return { xs, ys: xs };
    }
    const x = new Int32Array(starts.length * steps);
    const y = new Int32Array(starts.length * steps);
    starts.forEach((from, row) => {
      x.set(ids.subarray(from, from + steps), row * steps);
      y.set(ids.subarray(from + 1, from + steps + 1), row * steps);
    });
    return {
      xs: tf.tensor2d(x, [starts.length, steps], 'int32'),
      ys: tf.tensor2d(y, [starts.length, steps], 'int32'),
    };
  };
  const rowsPerValBatch = Math.max(1, Math.floor((options.valBatchTokens ?? 2048) / seqLen));
  return {
    seqLen,
    valTokens,
    trainCount,
    trainBatch(indices) {
      return fill(
        Array.from(indices as ArrayLike<number>, (k) => k * seqLen),
        seqLen,
      );
    },
    *valBatches() {
      const first = valStart - 1;
      const fullRows = Math.floor(valTokens / seqLen);
      for (let row = 0; row < fullRows; row += rowsPerValBatch) {
        const rows = Math.min(rowsPerValBatch, fullRows - row);
        const starts = Array.from({ length: rows }, (_, r) => first + (row + r) * seqLen);
        yield { ...fill(starts, seqLen), size: rows * seqLen };
      }
      const rest = valTokens - fullRows * seqLen;
      if (rest > 0) yield { ...fill([first + fullRows * seqLen], rest), size: rest };
    },
  };
}
