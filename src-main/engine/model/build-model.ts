import * as tf from '@tensorflow/tfjs';
import type { ModelSpec } from './model-spec';
import { EngineError } from '../util/engine-error';
import { createRandom } from '../util/seeded-random';
import type { SeededRandom } from '../util/seeded-random';
import { LAYER_NAMES } from './layer-names';
import { requireWhole } from './require-whole';
import { refuseBidirectionalLanguageModel } from './param-count';
import { SeededDropout, seedRecurrentDropout } from './seeded-dropout';
import { initWeights } from './init-weights';

/**
 * Build the forecaster the spec describes, initialised and ready to train:
 *
 *   window `[batch, lookback, features]`
 *   → rnn_1 … rnn_n (each `[batch, lookback, u]`, `2u` if bidirectional with mergeMode 'concat';
 *     the last returns only its final step `[batch, u]`)
 *     with dropout_k between rnn_k and rnn_k+1 only
 *   → dense_out, linear `[batch, outputUnits]`.
 *
 * Dropout sits only between stacked recurrent layers, as in the tutorial (Zaremba et al.):
 * never across time steps (that is `recurrentDropout`, a separate knob passed to the cells),
 * never on the raw input (dropping one of a few input features destroys the signal) and never
 * on the final state feeding the linear head. With one layer, or `dropout` 0, there are no
 * dropout layers at all.
 *
 * Weights come from `initWeights` seeded by the spec (same spec → bit-identical model on every
 * backend) and dropout masks from seeded streams (see seeded-dropout.ts). The gate activation is
 * the spec's `recurrentActivation` (sigmoid by default, as in Keras and the tutorial; TF.js alone
 * defaults to hardSigmoid). Dispose with `disposeModel`.
 */
export function buildForecaster(
  spec: ModelSpec,
  inputFeatures: number,
  outputUnits = 1,
): tf.LayersModel {
  requireWhole('inputFeatures', inputFeatures, 1);
  requireWhole('outputUnits', outputUnits, 1);
  const seeds = makeSeeds(spec.seed);
  const input = tf.input({ shape: [spec.lookback, inputFeatures], name: LAYER_NAMES.window });
  const last = stackRecurrent(spec, input, false, seeds.dropout);
  const output = applyLayer(
    tf.layers.dense({
      units: outputUnits,
      activation: 'linear',
      name: LAYER_NAMES.output,
      kernelInitializer: 'glorotUniform',
    }),
    last,
  );
  return finish(tf.model({ inputs: input, outputs: output, name: 'forecaster' }), seeds);
}

/**
 * Build a word-level language model:
 *
 *   tokens `[batch, steps]` (int32 ids; `steps` is free, so a prompt of any length can be fed)
 *   → embedding `[batch, steps, embeddingDim]`
 *   → rnn_1 … rnn_n, all returning sequences `[batch, steps, u]`, dropout_k between them
 *   → dense_out `[batch, steps, vocabSize]`: LOGITS, not probabilities.
 *
 * Logits because training uses softmax cross-entropy from logits (one fused, numerically stable
 * op, no log(0)), and inference applies softmax with a temperature, softmax(logits / T), which
 * needs the logits anyway. Bidirectional is refused with INVALID_SPEC: the next word must be
 * predicted from the words before it only.
 */
export function buildLanguageModel(
  spec: ModelSpec,
  vocabSize: number,
  embeddingDim: number,
): tf.LayersModel {
  refuseBidirectionalLanguageModel(spec);
  requireWhole('vocabSize', vocabSize, 2);
  requireWhole('embeddingDim', embeddingDim, 1);
  const seeds = makeSeeds(spec.seed);
  const input = tf.input({ shape: [null], dtype: 'int32', name: LAYER_NAMES.tokens });
  const embedded = applyLayer(
    tf.layers.embedding({
      inputDim: vocabSize,
      outputDim: embeddingDim,
      name: LAYER_NAMES.embedding,
      embeddingsInitializer: 'randomUniform',
    }),
    input,
  );
  const sequence = stackRecurrent(spec, embedded, true, seeds.dropout);
  const logits = applyLayer(
    tf.layers.dense({
      units: vocabSize,
      activation: 'linear',
      name: LAYER_NAMES.output,
      kernelInitializer: 'glorotUniform',
    }),
    sequence,
  );
  return finish(tf.model({ inputs: input, outputs: logits, name: 'language_model' }), seeds);
}

interface Seeds {
  weights: number;
  dropout: SeededRandom;
  recurrentDropout: number;
}

/** Independent streams, drawn in a fixed order so turning dropout on never changes the weights. */
function makeSeeds(seed: number): Seeds {
  const root = createRandom(seed);
  const weights = root.fork();
  const dropout = createRandom(root.fork());
  const recurrentDropout = root.fork();
  return { weights, dropout, recurrentDropout };
}

function finish(model: tf.LayersModel, seeds: Seeds): tf.LayersModel {
  try {
    seedRecurrentDropout(model, seeds.recurrentDropout);
    initWeights(model, seeds.weights);
    return model;
  } catch (error) {
    model.dispose();
    throw error;
  }
}

/** The recurrent stack; `allSequences` false makes the last layer return only its final step. */
function stackRecurrent(
  spec: ModelSpec,
  input: tf.SymbolicTensor,
  allSequences: boolean,
  dropoutSeeds: SeededRandom,
): tf.SymbolicTensor {
  let x = input;
  spec.layers.forEach((units, index) => {
    const isLast = index === spec.layers.length - 1;
    const name = LAYER_NAMES.recurrent(index);
    const layer = makeRecurrentLayer(spec, units, allSequences || !isLast, name);
    // Wrapper and wrapped share the name, so weights read `rnn_1/forward_rnn_1/kernel`.
    x = applyLayer(
      spec.bidirectional ? tf.layers.bidirectional({ layer, mergeMode: 'concat', name }) : layer,
      x,
    );
    if (!isLast && spec.dropout > 0) {
      const dropout = new SeededDropout({
        rate: spec.dropout,
        seed: dropoutSeeds.fork(),
        name: LAYER_NAMES.dropout(index),
      });
      x = applyLayer(dropout, x);
    }
  });
  return x;
}

/**
 * One recurrent layer. The initializers named here are placeholders that initWeights overwrites
 * at once; they are cheap ones (TF.js's default Orthogonal warns and is slow above 2000
 * elements), and they are what a model rebuilt from the saved config alone would start from.
 */
function makeRecurrentLayer(
  spec: ModelSpec,
  units: number,
  returnSequences: boolean,
  name: string,
): tf.RNN {
  const common = {
    units,
    returnSequences,
    name,
    activation: 'tanh' as const,
    recurrentDropout: spec.recurrentDropout,
    kernelInitializer: 'glorotUniform' as const,
    recurrentInitializer: 'glorotUniform' as const,
    biasInitializer: 'zeros' as const,
  };
  switch (spec.cell) {
    case 'simpleRNN':
      return tf.layers.simpleRNN(common);
    case 'lstm':
      // No `unitForgetBias` here although the forget gate does start at 1 (initWeights sets it):
      // TF.js's unitForgetBias initializer leaks 4 tensors per LSTM layer at every build and
      // every load of the saved config (tfjs-layers src/layers/recurrent.ts, LSTMCell.build:
      // its CustomInit concatenates un-tidied tensors).
      return tf.layers.lstm({ ...common, recurrentActivation: spec.recurrentActivation });
    case 'gru':
      return tf.layers.gru({ ...common, recurrentActivation: spec.recurrentActivation });
  }
}

/** `layer.apply` on a symbolic tensor returns one symbolic tensor for every layer we use. */
function applyLayer(layer: tf.layers.Layer, input: tf.SymbolicTensor): tf.SymbolicTensor {
  const output = layer.apply(input);
  if (!(output instanceof tf.SymbolicTensor)) {
    throw new EngineError('INTERNAL', `layer ${layer.name} did not return one symbolic tensor`);
  }
  return output;
}
