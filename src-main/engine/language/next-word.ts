import * as tf from '@tensorflow/tfjs';
import { LAYER_NAMES } from '../model/layer-names';
import { EngineError } from '../util/engine-error';
import { createRandom } from '../util/seeded-random';
import { joinTokens } from './join-tokens';
import { tokenizeSpans, type TokenizeOptions } from './tokenize';
import { UNKNOWN_ID, UNKNOWN_TOKEN, type Vocabulary } from './vocabulary';

/** A trained language model and what it needs to read text. */
export interface LanguageModelHandle {
  /** Token ids `[batch, steps]` → logits `[batch, steps, vocab]` (see buildLanguageModel). */
  model: tf.LayersModel;
  vocabulary: Vocabulary;
  tokenize: TokenizeOptions;
  /**
   * Tokens of context the model reads: the last `contextTokens` before the next word. The
   * training sequence length, so the model sees what it was trained on (zero state, ≤ L steps).
   */
  contextTokens: number;
}

export interface NextWord {
  word: string;
  /** Probability after temperature. */
  p: number;
  /** True for `<unk>`: "some word outside the vocabulary". */
  unknown: boolean;
}

export interface ReadToken {
  token: string;
  /** Offsets in the text read: text.slice(start, end) is what the user typed. */
  start: number;
  end: number;
  /** False when the word is outside the vocabulary (the model read it as `<unk>`). */
  known: boolean;
}

export interface NextWordResult {
  /** The top-k next words, most probable first (ties: lower id first). */
  words: NextWord[];
  /** Every token of the text, as the model read it. */
  tokens: ReadToken[];
}

export interface TokenSurprise extends ReadToken {
  /** P(token | the tokens before it), temperature 1. */
  p: number;
  /** −ln p in nats: 0 for a certain word, ln(vocab) for a uniform guess. */
  surprise: number;
}

export interface GenerateOptions {
  /** How many tokens to add. */
  words: number;
  temperature?: number;
  /** Sample only among the k most probable (default: the whole vocabulary). */
  topK?: number;
  /** Let `<unk>` be sampled (default false: it is never written). */
  allowUnknown?: boolean;
  seed?: number;
}

export interface GeneratedText {
  tokens: string[];
  /** The prompt followed by the generated tokens, spaced by joinTokens. */
  text: string;
}

export interface NextWordPredictor {
  /** P(next word) over the whole vocabulary: softmax(logits / temperature), sums to 1. */
  probabilities(text: string, temperature?: number): Float32Array;
  nextWords(text: string, options?: { topK?: number; temperature?: number }): NextWordResult;
  generate(text: string, options: GenerateOptions): GeneratedText;
  /** How surprising each token of the text was, given the tokens before it. */
  surprise(text: string): TokenSurprise[];
}

/**
 * What a predictor needs from a language model, whatever it is (a network, the n-gram): its
 * vocabulary and tokeniser, and two questions about id sequences that start with the sentence
 * boundary (see sentenceStartId).
 */
export interface PredictionSource {
  vocabulary: Vocabulary;
  tokenize: TokenizeOptions;
  /** P(next id | context) over the whole vocabulary after temperature, summing to 1. */
  probabilitiesAfter(context: readonly number[], temperature: number): Float32Array;
  /** ln P(sequence[i + 1] | sequence[0 … i]) for every i (temperature 1). */
  logProbabilities(sequence: readonly number[]): Float32Array;
}

/**
 * Reading text with a trained model. The context always starts with the sentence boundary (".",
 * or the most frequent of "。 ! ?" when the vocabulary has no "."): the training stream has no
 * start symbol, and after a boundary is where a text's first word comes from, so an empty text
 * gives the distribution of sentence-opening words.
 *
 * Latency: the recurrent stack runs over at most `contextTokens` steps and only the last step goes
 * through the output layer (one `[1, units] × [units, vocab]` product), not every step.
 * The predictor holds no tensors of its own: the caller keeps owning (and disposing) the model.
 */
export function createNextWordPredictor(handle: LanguageModelHandle): NextWordPredictor {
  const { model, vocabulary } = handle;
  const vocabSize = vocabulary.words.length;
  if (!Number.isInteger(handle.contextTokens) || handle.contextTokens < 1) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `contextTokens must be a whole number ≥ 1 (got ${handle.contextTokens})`,
    );
  }
  const output = model.getLayer(LAYER_NAMES.output);
  const units = output.getWeights()[0]?.shape[1];
  if (units !== vocabSize) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `the model predicts ${units ?? '?'} words but the vocabulary has ${vocabSize}`,
    );
  }
  // The same layers (and weights) up to the input of the output layer: `[batch, steps, units]`.
  const hiddenModel = tf.model({
    inputs: model.inputs,
    outputs: output.input as tf.SymbolicTensor,
  });
  return predictorFrom({
    vocabulary,
    tokenize: handle.tokenize,
    probabilitiesAfter(sequence, temperature) {
      const context = sequence.slice(-handle.contextTokens);
      return tf.tidy(() => {
        const input = tf.tensor2d(context, [1, context.length], 'int32');
        const hidden = hiddenModel.apply(input, { training: false }) as tf.Tensor3D;
        const last = tf.reshape(tf.slice(hidden, [0, context.length - 1, 0], [1, 1, -1]), [1, -1]);
        const [kernel, bias] = output.getWeights();
        const logits = tf.add(tf.matMul(last, kernel!), bias!);
        return tf.softmax(tf.div(logits, temperature)).dataSync() as Float32Array;
      });
    },
    logProbabilities: (sequence) => targetLogProbabilities(model, sequence, handle.contextTokens),
  });
}

/** Next words, generation and surprise over any prediction source (network or n-gram). */
export function predictorFrom(source: PredictionSource): NextWordPredictor {
  const { vocabulary } = source;
  const vocabSize = vocabulary.words.length;
  const startId = sentenceStartId(vocabulary);

  const read = (text: string): { ids: number[]; tokens: ReadToken[] } => {
    const tokens = tokenizeSpans(text, source.tokenize).map((span) => {
      const id = vocabulary.ids.get(span.token);
      return { ...span, known: id !== undefined, id: id ?? UNKNOWN_ID };
    });
    return {
      ids: tokens.map((t) => t.id),
      tokens: tokens.map(({ token, start, end, known }) => ({ token, start, end, known })),
    };
  };

  /** Next-word probabilities after the ids (the start id is prepended here). */
  const probabilitiesAfter = (ids: readonly number[], temperature: number): Float32Array =>
    source.probabilitiesAfter([startId, ...ids], temperature);

  return {
    probabilities(text, temperature = 1) {
      return probabilitiesAfter(read(text).ids, checkTemperature(temperature));
    },

    nextWords(text, options = {}) {
      const topK = checkTopK(options.topK ?? 10, vocabSize);
      const { ids, tokens } = read(text);
      const probs = probabilitiesAfter(ids, checkTemperature(options.temperature ?? 1));
      const words = topIndices(probs, topK).map((id) => ({
        word: vocabulary.words[id]!,
        p: probs[id]!,
        unknown: id === UNKNOWN_ID,
      }));
      return { words, tokens };
    },

    generate(text, options) {
      if (!Number.isInteger(options.words) || options.words < 0 || options.words > 10_000) {
        throw new EngineError(
          'INVALID_OPTIONS',
          `words must be a whole number from 0 to 10 000 (got ${options.words})`,
        );
      }
      const temperature = checkTemperature(options.temperature ?? 1);
      const topK = options.topK === undefined ? vocabSize : checkTopK(options.topK, vocabSize);
      const random = createRandom(options.seed ?? 42);
      const ids = read(text).ids;
      const generated: string[] = [];
      for (let n = 0; n < options.words; n++) {
        const probs = probabilitiesAfter(ids, temperature);
        if (options.allowUnknown !== true) probs[UNKNOWN_ID] = 0;
        const id = sample(probs, topIndices(probs, topK), random.next());
        ids.push(id);
        generated.push(vocabulary.words[id]!);
      }
      return { tokens: generated, text: joinTokens(generated, text.trimEnd()) };
    },

    surprise(text) {
      const { ids, tokens } = read(text);
      if (ids.length === 0) return [];
      const logProbs = source.logProbabilities([startId, ...ids]);
      return tokens.map((token, i) => ({
        ...token,
        p: Math.exp(logProbs[i]!),
        surprise: -logProbs[i]!,
      }));
    },
  };
}

/**
 * ln P(sequence[i + 1] | ...) for every i, reading the sequence in windows of `window` steps as
 * validation does (each window starts from a zero state), a few windows per batch.
 */
function targetLogProbabilities(
  model: tf.LayersModel,
  sequence: readonly number[],
  window: number,
): Float32Array {
  const targets = sequence.length - 1;
  const out = new Float32Array(targets);
  const windowsPerBatch = 16;
  for (let from = 0; from < targets; from += window * windowsPerBatch) {
    const starts: number[] = [];
    for (let s = from; s < Math.min(targets, from + window * windowsPerBatch); s += window) {
      starts.push(s);
    }
    // Full windows batch together; a shorter last one runs alone.
    const full = starts.filter((s) => s + window <= targets);
    const groups = [full, starts.filter((s) => s + window > targets)];
    for (const group of groups) {
      if (group.length === 0) continue;
      const steps = Math.min(window, targets - group[0]!);
      const x = group.flatMap((s) => sequence.slice(s, s + steps));
      const y = group.flatMap((s) => sequence.slice(s + 1, s + steps + 1));
      const picked = tf.tidy(() => {
        const logits = model.apply(tf.tensor2d(x, [group.length, steps], 'int32'), {
          training: false,
        }) as tf.Tensor3D;
        const vocab = logits.shape[2];
        const logSoftmax = tf.logSoftmax(tf.reshape(logits, [group.length * steps, vocab]));
        const index = y.map((target, row) => row * vocab + target);
        return tf.gather(tf.reshape(logSoftmax, [-1]), tf.tensor1d(index, 'int32')).dataSync();
      });
      group.forEach((s, g) => out.set(picked.subarray(g * steps, (g + 1) * steps), s));
    }
  }
  return out;
}

const SENTENCE_ENDS = ['.', '。', '!', '?', '！', '？'];

/** The most frequent sentence-ending mark of the vocabulary (lowest id), else `<unk>`. */
export function sentenceStartId(vocabulary: Vocabulary): number {
  let best = UNKNOWN_ID;
  for (const mark of SENTENCE_ENDS) {
    const id = vocabulary.ids.get(mark);
    if (id !== undefined && (best === UNKNOWN_ID || id < best)) best = id;
  }
  return best;
}

/** Indices of the k largest values, largest first; ties go to the lower index. */
export function topIndices(values: ArrayLike<number>, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (top.length === k && v <= values[top[k - 1]!]!) continue;
    let at = top.length;
    while (at > 0 && values[top[at - 1]!]! < v) at--;
    top.splice(at, 0, i);
    if (top.length > k) top.pop();
  }
  return top;
}

/** Draw one of `candidates` with probability proportional to probs[candidate]; u uniform in [0, 1). */
function sample(probs: Float32Array, candidates: readonly number[], u: number): number {
  let total = 0;
  for (const id of candidates) total += probs[id]!;
  if (!(total > 0)) return candidates[0] ?? UNKNOWN_ID;
  let threshold = u * total;
  for (const id of candidates) {
    threshold -= probs[id]!;
    if (threshold < 0) return id;
  }
  return candidates[candidates.length - 1]!;
}

function checkTemperature(temperature: number): number {
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `temperature must be a number > 0 (got ${temperature})`,
    );
  }
  return temperature;
}

function checkTopK(topK: number, vocabSize: number): number {
  if (!Number.isInteger(topK) || topK < 1) {
    throw new EngineError('INVALID_OPTIONS', `top-k must be a whole number ≥ 1 (got ${topK})`);
  }
  return Math.min(topK, vocabSize);
}

export { UNKNOWN_TOKEN };
