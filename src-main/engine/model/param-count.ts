import type { CellType, ModelSpec } from './model-spec';
import { EngineError } from '../util/engine-error';
import { LAYER_NAMES } from './layer-names';
import { requireWhole } from './require-whole';

/**
 * Parameter counts a user can check by hand, one row per layer with weights, in the order the
 * layers are built. Every count equals what the built TF.js model reports for the layer of the
 * same name (`model.getLayer(name).countParams()`); the tests hold this for every cell type,
 * bidirectional or not, with 1-3 layers.
 */
export interface LayerParamCount {
  /** The layer's name in the built model (`rnn_1`, `dense_out`, `embedding`). */
  name: string;
  kind: 'recurrent' | 'dense' | 'embedding';
  /** Units of the layer (output width of one direction for recurrent layers; vocabulary for the LM's output). */
  units: number;
  /** Width of each input vector: features, the previous layer's output (2u if bidirectional) or the vocabulary. */
  inputSize: number;
  params: number;
  /** The formula with the numbers filled in, e.g. `4 × u × (i + u + 1) = 4 × 30 × (1 + 30 + 1) = 3840`. */
  formula: string;
}

/**
 * Gate blocks per cell. TF.js GRU has no `reset_after` option (its GRUCell throws if asked), so a
 * GRU layer has one bias per gate: 3u(i + u + 1), not Keras 2's default 3u(i + u + 2).
 */
export const GATES: Record<CellType, number> = { simpleRNN: 1, lstm: 4, gru: 3 };

/** Rows for a forecaster: recurrent layers, then Dense(outputUnits) on the last output `[batch, lastOut]`. */
export function countParams(
  spec: ModelSpec,
  inputFeatures: number,
  outputUnits = 1,
): LayerParamCount[] {
  requireWhole('inputFeatures', inputFeatures, 1);
  requireWhole('outputUnits', outputUnits, 1);
  const rows = countRecurrent(spec, inputFeatures);
  rows.push(countDense(LAYER_NAMES.output, lastWidth(spec), outputUnits));
  return rows;
}

/**
 * Rows for a word-level language model: embedding (vocab × d), the recurrent stack reading
 * `[batch, steps, d]`, and a dense layer giving one logit per word of the vocabulary, (u + 1) × vocab.
 */
export function countParamsForLanguageModel(
  spec: ModelSpec,
  vocabSize: number,
  embeddingDim: number,
): LayerParamCount[] {
  refuseBidirectionalLanguageModel(spec);
  requireWhole('vocabSize', vocabSize, 2);
  requireWhole('embeddingDim', embeddingDim, 1);
  const embedding: LayerParamCount = {
    name: LAYER_NAMES.embedding,
    kind: 'embedding',
    units: embeddingDim,
    inputSize: vocabSize,
    params: vocabSize * embeddingDim,
    formula: `vocab × d = ${vocabSize} × ${embeddingDim} = ${vocabSize * embeddingDim}`,
  };
  return [
    embedding,
    ...countRecurrent(spec, embeddingDim),
    countDense(LAYER_NAMES.output, lastWidth(spec), vocabSize),
  ];
}

/** The sum of a table's `params`: what `model.countParams()` reports for the whole model. */
export function totalParams(rows: readonly LayerParamCount[]): number {
  return rows.reduce((sum, row) => sum + row.params, 0);
}

/**
 * A language model predicts the next word from the words before it; a backward pass would read
 * the answer. Shared by the counter and the builder so both refuse with the same words.
 */
export function refuseBidirectionalLanguageModel(spec: ModelSpec): void {
  if (spec.bidirectional) {
    throw new EngineError(
      'INVALID_SPEC',
      'a language model cannot be bidirectional: predicting the next word must not read the words after it (turn bidirectional off)',
    );
  }
}

function countRecurrent(spec: ModelSpec, firstInput: number): LayerParamCount[] {
  const gates = GATES[spec.cell];
  const directions = spec.bidirectional ? 2 : 1;
  const rows: LayerParamCount[] = [];
  let inputSize = firstInput;
  spec.layers.forEach((units, index) => {
    const params = directions * gates * units * (inputSize + units + 1);
    const factors = [directions > 1 ? '2' : null, gates > 1 ? String(gates) : null].filter(
      (factor): factor is string => factor !== null,
    );
    const symbolic = [...factors, 'u × (i + u + 1)'].join(' × ');
    const numeric = [...factors, `${units} × (${inputSize} + ${units} + 1)`].join(' × ');
    rows.push({
      name: LAYER_NAMES.recurrent(index),
      kind: 'recurrent',
      units,
      inputSize,
      params,
      formula: `${symbolic} = ${numeric} = ${params}`,
    });
    // Bidirectional layers concatenate both directions: the next layer sees 2u values per step.
    inputSize = directions * units;
  });
  return rows;
}

function countDense(name: string, inputSize: number, units: number): LayerParamCount {
  const params = (inputSize + 1) * units;
  return {
    name,
    kind: 'dense',
    units,
    inputSize,
    params,
    formula: `(i + 1) × o = (${inputSize} + 1) × ${units} = ${params}`,
  };
}

function lastWidth(spec: ModelSpec): number {
  const last = spec.layers[spec.layers.length - 1] ?? 0;
  return (spec.bidirectional ? 2 : 1) * last;
}
