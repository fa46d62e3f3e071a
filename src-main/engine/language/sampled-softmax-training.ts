import * as tf from '@tensorflow/tfjs';
import { LAYER_NAMES } from '../model/layer-names';
import { EngineError } from '../util/engine-error';
import { createRandom, type SeededRandom } from '../util/seeded-random';
import { tokenCrossEntropy } from './sparse-cross-entropy';

/**
 * Training with a sampled softmax (Jean et al. 2015, as TF's `tf.nn.sampled_softmax_loss`), scored
 * with the full one.
 *
 * Why: with a vocabulary of ~10 000 words the output layer, `[tokens, units] × [units, vocab]`
 * forwards and twice backwards, is three quarters of every training step (2.3 of 3.1 s per batch
 * of 64 × 35 tokens for a 1 × 256 LSTM on wasm), so a 10-minute run saw two epochs of Moby Dick.
 * A training step here scores each token's target against `samples` shared negative words drawn
 * from a log-uniform (Zipfian) distribution over the frequency-ordered ids, with the logQ
 * correction and accidental hits removed: the same gradient in expectation, for a tenth of the
 * output cost. Validation (`training: false`) computes the exact full-softmax cross-entropy, so
 * the perplexity reported is the real one.
 *
 * Measured on Moby Dick (vocabulary 9 139, 1 × 256 LSTM, Adam 0.003, wasm): 1 024 negatives made a
 * step 3× faster, but after two epochs the perplexity was 749 against 308 with the full softmax,
 * so it is an option (`LanguageSettings.sampledSoftmax`), not the default: the defaults shrink the
 * output layer instead (128 units). It pays off for vocabularies far beyond 10 000 words.
 *
 * The training graph reuses the language model's own layers (embedding, recurrent stack, dropout:
 * shared weights) and ends in a head layer holding a copy of `dense_out`'s kernel and bias, copied
 * back by `copyToOutput` when training ends. It reads windows of `steps + 1` token ids
 * `[batch, steps + 1]` (inputs are the first `steps`, targets the last `steps`) and outputs the
 * loss of every token `[batch, steps]`; the training loss is its mean. It is never saved: the
 * saved model is the plain TF.js one.
 */
export interface SampledTraining {
  model: tf.LayersModel;
  /** Copy the head's kernel and bias into the language model's output layer. */
  copyToOutput(): void;
  /** Free the training graph and the head's weights; the language model keeps its layers. */
  dispose(): void;
}

/** Loss of every token: mean it for the training loss. */
export const meanTokenLoss = (_targets: tf.Tensor, tokenLosses: tf.Tensor): tf.Scalar =>
  tf.mean(tokenLosses) as tf.Scalar;

export function buildSampledTraining(
  languageModel: tf.LayersModel,
  samples: number,
  seed: number,
): SampledTraining {
  const output = languageModel.getLayer(LAYER_NAMES.output);
  const [kernel] = output.getWeights();
  const vocabSize = kernel?.shape[1] ?? 0;
  if (!Number.isInteger(samples) || samples < 1 || samples >= vocabSize) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `sampled softmax needs between 1 and ${vocabSize - 1} negative samples (got ${samples})`,
    );
  }
  const windows = tf.input({ shape: [null], dtype: 'int32', name: 'windows' });
  let x = applyLayer(new WindowPart('inputs'), windows);
  const targets = applyLayer(new WindowPart('targets'), windows);
  // The chain between the token input and the output layer, in order (see buildLanguageModel).
  for (const layer of languageModel.layers) {
    if (layer === output || layer.name === LAYER_NAMES.tokens) continue;
    x = applyLayer(layer, x);
  }
  const head = new SampledSoftmaxHead({ vocabSize, samples, seed });
  const losses = head.apply([x, targets]) as tf.SymbolicTensor;
  const model = tf.model({ inputs: windows, outputs: losses, name: 'sampled_training' });
  head.setWeights(output.getWeights());
  return {
    model,
    copyToOutput: () => output.setWeights(head.getWeights()),
    dispose: () => {
      // Shared layers were applied twice (refcount 2): this only drops the training graph's count.
      model.dispose();
    },
  };
}

function applyLayer(layer: tf.layers.Layer, input: tf.SymbolicTensor): tf.SymbolicTensor {
  const out = layer.apply(input);
  if (!(out instanceof tf.SymbolicTensor)) {
    throw new EngineError('INTERNAL', `layer ${layer.name} did not return one symbolic tensor`);
  }
  return out;
}

/** `[batch, steps + 1]` windows → their first (`inputs`) or last (`targets`) `steps` ids. */
class WindowPart extends tf.layers.Layer {
  static readonly className = 'WindowPart';
  private readonly part: 'inputs' | 'targets';

  constructor(part: 'inputs' | 'targets') {
    super({ name: `window_${part}` });
    this.part = part;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const steps = shape[1];
    return [shape[0] ?? null, typeof steps === 'number' ? steps - 1 : null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const windows = Array.isArray(inputs) ? inputs[0]! : inputs;
    const steps = windows.shape[1]! - 1;
    return tf.slice(windows, [0, this.part === 'inputs' ? 0 : 1], [-1, steps]);
  }
}

/**
 * `[hidden [batch, steps, units], targets [batch, steps]]` → loss of each token `[batch, steps]`:
 * sampled softmax when training, the exact cross-entropy otherwise.
 */
class SampledSoftmaxHead extends tf.layers.Layer {
  static readonly className = 'SampledSoftmaxHead';
  private readonly vocabSize: number;
  private readonly samples: number;
  private readonly random: SeededRandom;
  private kernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(args: { vocabSize: number; samples: number; seed: number }) {
    super({ name: 'sampled_softmax' });
    this.vocabSize = args.vocabSize;
    this.samples = args.samples;
    this.random = createRandom(args.seed);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const hiddenShape = inputShape[0] as tf.Shape;
    const units = hiddenShape[hiddenShape.length - 1] as number;
    this.kernel = this.addWeight(
      'kernel',
      [units, this.vocabSize],
      'float32',
      tf.initializers.zeros(),
    );
    this.bias = this.addWeight('bias', [this.vocabSize], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape[1] as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const [hidden, targets] = inputs as tf.Tensor[];
    if (
      hidden === undefined ||
      targets === undefined ||
      this.kernel === null ||
      this.bias === null
    ) {
      throw new EngineError(
        'INTERNAL',
        'the sampled softmax head needs [hidden, targets] and to be built',
      );
    }
    const kernel = this.kernel.read();
    const bias = this.bias.read();
    const count = targets.size;
    const units = hidden.shape[hidden.shape.length - 1]!;
    if (kwargs['training'] !== true) {
      return tf.tidy(() => {
        const logits = tf.add(tf.matMul(tf.reshape(hidden, [count, units]), kernel), bias);
        return tf.reshape(tokenCrossEntropy(tf.reshape(targets, [count]), logits), targets.shape);
      });
    }
    // Drawn outside tidy so the stream advances once per training call.
    const draws = this.drawSamples();
    // Per token: log(expected count) of its target, and the column where it was also drawn as a
    // negative (an "accidental hit", −1 if none), which must not count against it.
    const targetIds = targets.dataSync();
    const targetLogExpected = new Float32Array(count);
    const hitColumn = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const id = targetIds[i]!;
      targetLogExpected[i] = this.logExpectedCount(id, draws.tries);
      hitColumn[i] = draws.column.get(id) ?? -1;
    }
    return tf.tidy(() => {
      const h = tf.reshape(hidden, [count, units]);
      const t = tf.tensor1d(Int32Array.from(targetIds), 'int32');
      const sampled = tf.tensor1d(draws.ids, 'int32');
      // True logits: each token against its own target column, [count].
      const trueWeights = tf.transpose(tf.gather(kernel, t, 1));
      const trueLogits = tf.add(tf.sum(tf.mul(h, trueWeights), 1), tf.gather(bias, t));
      // Shared negatives: [count, samples].
      const sampledLogits = tf.add(
        tf.matMul(h, tf.gather(kernel, sampled, 1)),
        tf.gather(bias, sampled),
      );
      // logQ correction: every logit minus log(expected count of its word in the draw).
      const trueAdjusted = tf.sub(trueLogits, tf.tensor1d(targetLogExpected));
      const hits = tf.oneHot(tf.tensor1d(hitColumn, 'int32'), this.samples);
      const sampledAdjusted = tf.sub(
        tf.sub(sampledLogits, tf.tensor1d(draws.logExpected)),
        tf.mul(hits, 1e9),
      );
      // Cross-entropy over [target, negatives...] with the target in column 0 (the fused softmax
      // of tokenCrossEntropy; tf.logSumExp's max gradient is a slow broadcast compare on wasm).
      const all = tf.concat([tf.reshape(trueAdjusted, [count, 1]), sampledAdjusted], 1);
      return tf.reshape(tokenCrossEntropy(tf.zeros([count], 'int32'), all), targets.shape);
    });
  }

  /**
   * `samples` distinct ids, log-uniform: Q(k) = ln((k + 2) / (k + 1)) / ln(V + 1), drawn by
   * inverse transform, k = ⌊exp(u · ln(V + 1))⌋ − 1, repeating draws until enough are distinct
   * (TF's `log_uniform_candidate_sampler` with `unique=True`). Ids are sorted by frequency, so
   * this follows Zipf's law.
   */
  private drawSamples(): {
    ids: Int32Array;
    column: Map<number, number>;
    logExpected: Float32Array;
    tries: number;
  } {
    const logRange = Math.log(this.vocabSize + 1);
    const ids = new Int32Array(this.samples);
    const column = new Map<number, number>();
    let tries = 0;
    while (column.size < this.samples) {
      tries++;
      const u = this.random.next();
      const id = Math.min(this.vocabSize - 1, Math.floor(Math.exp(u * logRange)) - 1);
      if (!column.has(id)) {
        ids[column.size] = id;
        column.set(id, column.size);
      }
    }
    const logExpected = Float32Array.from(ids, (id) => this.logExpectedCount(id, tries));
    return { ids, column, logExpected, tries };
  }

  /** log of the expected count of `id` among the draws: log(1 − (1 − Q(id))^tries). */
  private logExpectedCount(id: number, tries: number): number {
    const q = Math.log((id + 2) / (id + 1)) / Math.log(this.vocabSize + 1);
    return Math.log(-Math.expm1(tries * Math.log1p(-q)));
  }
}
