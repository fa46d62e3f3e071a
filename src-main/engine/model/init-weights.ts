import * as tf from '@tensorflow/tfjs';
import { createRandom } from '../util/seeded-random';
import type { SeededRandom } from '../util/seeded-random';
import { EngineError } from '../util/engine-error';
import { randomOrthogonal } from './orthogonal';

/** Keras's default for Embedding: uniform in ±0.05. */
const EMBEDDING_LIMIT = 0.05;
/** TF.js LSTM gate order along the last axis of kernel, recurrent_kernel and bias: i, f, c, o. */
const LSTM_FORGET_GATE = 1;
const LSTM_GATES = 4;

/**
 * Set every weight of a built model from our seeded PRNG: same seed → bit-identical weights on
 * every backend. TF.js's own initializers cannot give that: their `seed` was ignored for years
 * (tensorflow/tfjs#7104) and the rest draw from `Math.random`.
 *
 * The scheme is Keras's defaults for these layers:
 * - `kernel` `[in, gates·units]` (and the dense kernel): Glorot uniform over the whole matrix,
 *   limit √(6 / (in + gates·units)).
 * - `recurrent_kernel` `[units, gates·units]`: orthogonal. Keras draws one orthogonal
 *   `[units, gates·units]` matrix (orthonormal rows); we make each `[units, units]` gate block
 *   orthogonal on its own, so every gate's state-to-state map preserves norms, the property the
 *   orthogonal init exists for.
 * - `bias`: zeros, except the LSTM forget gate (block 1 of i, f, c, o; tfjs-layers
 *   src/layers/recurrent.ts `LSTMCell.call` splits z into i, f, c, o) which starts at 1
 *   (Keras `unit_forget_bias`, Jozefowicz et al. 2015) so the cell remembers by default.
 * - `embeddings` `[vocab, dim]`: uniform in ±0.05.
 *
 * Weights are told apart by their stable names (`rnn_1/recurrent_kernel`, `rnn_1/forward_rnn_1/bias`,
 * see layer-names.ts); a cell's gate count is read from its recurrent kernel's shape, so GRU (3)
 * and LSTM (4) biases need no layer-class lookup. Each variable gets its own stream forked in
 * model order. Throws INTERNAL for a weight kind it does not know, rather than leaving it random.
 */
export function initWeights(model: tf.LayersModel, seed: number): void {
  const streams = createRandom(seed);
  const gatesByLayer = new Map<string, number>();
  for (const variable of model.weights) {
    const { layer, kind } = splitName(variable.originalName);
    const [units, width] = variable.shape;
    if (kind === 'recurrent_kernel' && typeof units === 'number' && typeof width === 'number') {
      gatesByLayer.set(layer, width / units);
    }
  }

  for (const variable of model.weights) {
    const { layer, kind } = splitName(variable.originalName);
    // Weights always have concrete shapes; only activations have a free batch dimension.
    const shape = variable.shape.map((dim) => dim ?? 0);
    const random = createRandom(streams.fork());
    let values: Float32Array;
    if (kind === 'kernel') {
      values = glorotUniform(shape, random);
    } else if (kind === 'recurrent_kernel') {
      values = blockOrthogonal(shape, random);
    } else if (kind === 'bias') {
      values = new Float32Array(sizeOf(shape));
      if (gatesByLayer.get(layer) === LSTM_GATES) {
        const units = values.length / LSTM_GATES;
        values.fill(1, LSTM_FORGET_GATE * units, (LSTM_FORGET_GATE + 1) * units);
      }
    } else if (kind === 'embeddings') {
      values = uniform(sizeOf(shape), EMBEDDING_LIMIT, random);
    } else {
      throw new EngineError(
        'INTERNAL',
        `no initialisation rule for weight ${variable.originalName}; add one in init-weights.ts`,
      );
    }
    const tensor = tf.tensor(values, shape, 'float32');
    variable.write(tensor);
    // write() assigns by reference-counted data id, so our handle can go.
    tensor.dispose();
  }
}

function splitName(name: string): { layer: string; kind: string } {
  const cut = name.lastIndexOf('/');
  return { layer: name.slice(0, cut), kind: name.slice(cut + 1) };
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

function uniform(size: number, limit: number, random: SeededRandom): Float32Array {
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = (2 * random.next() - 1) * limit;
  return values;
}

function glorotUniform(shape: readonly number[], random: SeededRandom): Float32Array {
  const [fanIn = 1, fanOut = 1] = shape;
  return uniform(sizeOf(shape), Math.sqrt(6 / (fanIn + fanOut)), random);
}

/** `[units, gates·units]`, row-major, each `[units, units]` column block an orthogonal matrix. */
function blockOrthogonal(shape: readonly number[], random: SeededRandom): Float32Array {
  const [units = 0, width = 0] = shape;
  const values = new Float32Array(units * width);
  for (let offset = 0; offset < width; offset += units) {
    const block = randomOrthogonal(units, random);
    for (let r = 0; r < units; r++) {
      for (let c = 0; c < units; c++) values[r * width + offset + c] = block[r * units + c] ?? 0;
    }
  }
  return values;
}
