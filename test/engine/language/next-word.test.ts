import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend, type BackendName } from '../../../src-main/engine/backend/select-backend';
import { buildLanguageModel } from '../../../src-main/engine/model/build-model';
import { disposeModel } from '../../../src-main/engine/model/dispose-model';
import { TUTORIAL_SINE_SPEC } from '../../../src-main/engine/model/model-spec';
import {
  createNextWordPredictor,
  sentenceStartId,
  topIndices,
  type LanguageModelHandle,
} from '../../../src-main/engine/language/next-word';
import { buildVocabulary, UNKNOWN_ID } from '../../../src-main/engine/language/vocabulary';
import { tokenize } from '../../../src-main/engine/language/tokenize';
import { expectEngineError } from '../model/model-test-kit';

const TEXT =
  'call me ishmael . some years ago , never mind how long , i thought i would sail about . ' +
  'call me ishmael . the whale , the whale ! never mind the sea . i would sail the sea .';
const CONTEXT = 6;

function makeHandle(): LanguageModelHandle {
  const vocabulary = buildVocabulary(tokenize(TEXT), { minCount: 2 });
  const spec = { ...TUTORIAL_SINE_SPEC, layers: [12, 10], lookback: CONTEXT, seed: 3 };
  const model = buildLanguageModel(spec, vocabulary.words.length, 8);
  return { model, vocabulary, tokenize: {}, contextTokens: CONTEXT };
}

const sum = (values: ArrayLike<number>): number => Array.from(values).reduce((a, b) => a + b, 0);

describe.each<BackendName>(['cpu', 'wasm'])('next-word predictor on %s', (backend) => {
  let handle: LanguageModelHandle;
  beforeAll(async () => {
    await selectBackend(backend);
    handle = makeHandle();
  });
  afterAll(() => disposeModel(handle.model));

  it('gives probabilities that sum to 1 at every temperature, sharper when colder', () => {
    const predictor = createNextWordPredictor(handle);
    const peaks: number[] = [];
    for (const temperature of [0.25, 0.5, 1, 2, 5]) {
      const probs = predictor.probabilities('Call me', temperature);
      expect(probs.length).toBe(handle.vocabulary.words.length);
      expect(sum(probs)).toBeCloseTo(1, 5);
      peaks.push(Math.max(...probs));
    }
    for (let i = 1; i < peaks.length; i++) expect(peaks[i]!).toBeLessThanOrEqual(peaks[i - 1]!);
  });

  it('equals softmax(logits / T) of the full model at the last step of the context', () => {
    const predictor = createNextWordPredictor(handle);
    const ids = ['call', 'me', 'ishmael'].map((w) => handle.vocabulary.ids.get(w)!);
    const context = [sentenceStartId(handle.vocabulary), ...ids];
    const expected = tf.tidy(() => {
      const logits = handle.model.predict(
        tf.tensor2d(context, [1, context.length], 'int32'),
      ) as tf.Tensor;
      const last = tf.slice(logits, [0, context.length - 1, 0], [1, 1, -1]);
      return tf.softmax(tf.div(tf.reshape(last, [-1]), 0.7)).dataSync();
    });
    const got = predictor.probabilities('Call me Ishmael', 0.7);
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(expected[i]!, 5);
  });

  it('lists the top k words in order and marks unknown words', () => {
    const predictor = createNextWordPredictor(handle);
    const result = predictor.nextWords('Call me Queequeg', { topK: 5, temperature: 1.5 });
    expect(result.words).toHaveLength(5);
    const probs = predictor.probabilities('Call me Queequeg', 1.5);
    for (let i = 0; i < 5; i++) {
      const entry = result.words[i]!;
      expect(entry.p).toBeCloseTo(probs[handle.vocabulary.ids.get(entry.word)!]!, 7);
      expect(entry.unknown).toBe(entry.word === '<unk>');
      if (i > 0) expect(entry.p).toBeLessThanOrEqual(result.words[i - 1]!.p);
    }
    expect(result.tokens.map((t) => [t.token, t.known])).toEqual([
      ['call', true],
      ['me', true],
      ['queequeg', false],
    ]);
    const all = predictor.nextWords('', { topK: 1000 });
    expect(all.words).toHaveLength(handle.vocabulary.words.length);
    expect(all.words.find((w) => w.word === '<unk>')?.unknown).toBe(true);
  });

  it('reads only the last contextTokens tokens', () => {
    const predictor = createNextWordPredictor(handle);
    const long = 'i thought i would sail about . never mind the whale , the sea';
    // The start mark falls out of the window too: only the last CONTEXT tokens count.
    const tail = tokenize(long).slice(-CONTEXT).join(' ');
    const a = predictor.probabilities(long);
    const b = predictor.probabilities(tail);
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i]!, 6);
  });

  it('generates the same words for the same seed, never <unk> unless allowed', () => {
    const predictor = createNextWordPredictor(handle);
    const a = predictor.generate('Call me', { words: 12, seed: 5, temperature: 1.5 });
    const b = predictor.generate('Call me', { words: 12, seed: 5, temperature: 1.5 });
    const c = predictor.generate('Call me', { words: 12, seed: 6, temperature: 1.5 });
    expect(a.tokens).toHaveLength(12);
    expect(a).toEqual(b);
    expect(c.tokens).not.toEqual(a.tokens);
    expect(a.tokens).not.toContain('<unk>');
    expect(a.text.startsWith('Call me ')).toBe(true);
    const top1 = predictor.generate('the', { words: 3, topK: 1 });
    const greedy = topIndices(predictor.probabilities('the'), 2).find((id) => id !== UNKNOWN_ID)!;
    expect(top1.tokens[0]).toBe(handle.vocabulary.words[greedy]);
  });

  it('scores each token by its surprise given the tokens before it', () => {
    const predictor = createNextWordPredictor(handle);
    const text = 'Call me Queequeg, the whale';
    const scored = predictor.surprise(text);
    expect(scored.map((s) => text.slice(s.start, s.end))).toEqual([
      'Call',
      'me',
      'Queequeg',
      ',',
      'the',
      'whale',
    ]);
    const words = tokenize(text);
    scored.forEach((s, i) => {
      const before = words.slice(0, i).join(' ');
      const id = handle.vocabulary.ids.get(s.token) ?? UNKNOWN_ID;
      const p = predictor.probabilities(before)[id]!;
      expect(s.p).toBeCloseTo(p, 5);
      expect(s.surprise).toBeCloseTo(-Math.log(p), 4);
      expect(s.known).toBe(s.token !== 'queequeg');
    });
    expect(predictor.surprise('')).toEqual([]);
    // Longer than the context: scored window by window, every token once.
    const long = `${TEXT} ${TEXT}`;
    expect(predictor.surprise(long)).toHaveLength(tokenize(long).length);
  });

  it('leaks no tensors and refuses nonsense settings', async () => {
    const predictor = createNextWordPredictor(handle);
    predictor.nextWords('warm up');
    const before = tf.memory().numTensors;
    predictor.nextWords('call me', { topK: 3 });
    predictor.generate('call me', { words: 3 });
    predictor.surprise(`${TEXT} ${TEXT}`);
    expect(tf.memory().numTensors).toBe(before);
    await expectEngineError(
      () => predictor.probabilities('x', 0),
      'INVALID_OPTIONS',
      'temperature',
    );
    await expectEngineError(
      () => predictor.nextWords('x', { topK: 0 }),
      'INVALID_OPTIONS',
      'top-k',
    );
    await expectEngineError(
      () => createNextWordPredictor({ ...handle, vocabulary: buildVocabulary(['a', 'a']) }),
      'INVALID_OPTIONS',
      'vocabulary',
    );
  });
});
