import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kneserNeyPerplexity, trainKneserNey } from '../../../src-main/engine/language/kneser-ney';
import { prepareCorpus } from '../../../src-main/engine/language/language-corpus';
import { expectEngineError } from '../model/model-test-kit';
import { samplePath } from '../../sample-files';

/**
 * The tiny corpus "a b a b c a b" over the vocabulary {<unk>=0, a=1, b=2, c=3}, plain interpolated
 * Kneser–Ney with D = 0.75 everywhere. By hand:
 *
 * Trigrams (each seen once): aba, bab, abc, bca, cab.
 * Bigram continuation counts N(·vw), distinct words before vw: ab = 2 (b, c), ba = 1, bc = 1, ca = 1.
 * Unigram continuation counts N(·w), distinct bigrams ending in w: a = 2 (ba, ca), b = 1, c = 1,
 * <unk> = 0; N(··) = 4.
 *
 * P1(c)      = (max(1 − .75, 0) + γ/|V|) / 4, γ = 3 × .75 = 2.25  →  (.25 + .5625) / 4 = 0.203125
 * P2(c | b)  = (max(N(·bc) − .75, 0) + γ(b) P1(c)) / N(·b·), N(·b·) = 2 (ba, bc), γ(b) = 1.5
 *            = (.25 + 1.5 × .203125) / 2 = 0.27734375
 * P3(c | ab) = (max(c(abc) − .75, 0) + γ(ab) P2(c | b)) / c(ab·), c(ab·) = 2 (aba, abc), γ(ab) = 1.5
 *            = (.25 + 1.5 × .27734375) / 2 = 0.3330078125
 *
 * An unseen context falls through: P(a | c c) = P2(a | c) = (.25 + .75 × P1(a)) / 1, with
 * P1(a) = (2 − .75 + .5625) / 4 = 0.453125, so 0.58984375.
 */
const TINY = [1, 2, 1, 2, 3, 1, 2];
const [A, B, C, UNK] = [1, 2, 3, 0];

describe('interpolated Kneser–Ney trigram', () => {
  const plain = trainKneserNey(TINY, 4, { discount: 0.75 });

  it('matches the probabilities computed by hand', () => {
    expect(plain.probability(A, B, C)).toBeCloseTo(0.3330078125, 12);
    expect(plain.probability(C, C, A)).toBeCloseTo(0.58984375, 12);
    expect(plain.probability(-1, B, C)).toBeCloseTo(0.27734375, 12);
    expect(plain.probability(-1, -1, C)).toBeCloseTo(0.203125, 12);
    // Never seen anywhere, still possible: only the uniform share of the unigram level.
    expect(plain.probability(A, B, UNK)).toBeGreaterThan(0);
  });

  it('sums to 1 over the vocabulary in every kind of context', () => {
    const modified = trainKneserNey(TINY, 4);
    for (const model of [plain, modified]) {
      for (const [u, v] of [
        [A, B],
        [B, A],
        [C, C],
        [UNK, UNK],
        [-1, B],
        [-1, -1],
      ] as const) {
        const total = model.distribution(u, v).reduce((sum, p) => sum + p, 0);
        expect(total).toBeCloseTo(1, 12);
      }
    }
  });

  it('estimates modified discounts from counts of counts and sums to 1 on a real text', () => {
    const text = readFileSync(samplePath('moby-dick.txt'), 'utf8').slice(0, 60_000);
    const corpus = prepareCorpus(text);
    const V = corpus.vocabulary.words.length;
    const model = trainKneserNey(corpus.ids.subarray(0, corpus.valStart), V);
    for (const d of Object.values(model.discounts)) {
      expect(d[0]).toBeGreaterThan(0);
      expect(d[0]).toBeLessThanOrEqual(1);
      expect(d[1]).toBeLessThanOrEqual(2);
      expect(d[2]).toBeLessThanOrEqual(3);
    }
    const the = corpus.vocabulary.ids.get('the')!;
    const of = corpus.vocabulary.ids.get('of')!;
    for (const [u, v] of [
      [of, the],
      [the, the],
      [-1, the],
      [0, 0],
    ] as const) {
      const total = model.distribution(u, v).reduce((sum, p) => sum + p, 0);
      expect(total).toBeCloseTo(1, 9);
    }
    // Better than the uniform guess on held-out text, and modified discounts beat a plain 0.75.
    const perplexity = kneserNeyPerplexity(model, corpus.ids, corpus.valStart);
    expect(perplexity).toBeLessThan(V / 3);
    const plainModel = trainKneserNey(corpus.ids.subarray(0, corpus.valStart), V, {
      discount: 0.75,
    });
    expect(perplexity).toBeLessThan(kneserNeyPerplexity(plainModel, corpus.ids, corpus.valStart));
  });

  it('computes perplexity as exp of the mean negative log probability', () => {
    const expected = Math.exp(
      -(Math.log(plain.probability(A, B, C)) + Math.log(plain.probability(B, C, A))) / 2,
    );
    expect(kneserNeyPerplexity(plain, [A, B, C, A], 2)).toBeCloseTo(expected, 12);
  });

  it('refuses ids outside the vocabulary and bad discounts', async () => {
    await expectEngineError(() => trainKneserNey([1, 5], 4), 'INVALID_OPTIONS', 'outside');
    await expectEngineError(
      () => trainKneserNey(TINY, 4, { discount: 1.5 }),
      'INVALID_OPTIONS',
      'discount',
    );
  });
});
