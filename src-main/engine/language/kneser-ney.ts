import { EngineError } from '../util/engine-error';

/**
 * The baseline that needs no training: an interpolated Kneser–Ney trigram model (Chen & Goodman
 * 1998, "interpolated modified Kneser–Ney"; the estimator KenLM and SRILM use by default).
 *
 *   P3(w | u v) = (max(c(uvw) − D3(c), 0) + γ(uv) · P2(w | v)) / c(uv·)
 *   P2(w | v)   = (max(N(·vw) − D2(N), 0) + γ(v) · P1(w)) / N(·v·)
 *   P1(w)       = (max(N(·w) − D1(N), 0) + γ · 1/|V|) / N(··)
 *
 * c are trigram counts; N(·vw) is the number of distinct words seen before the bigram vw and N(·w)
 * the number of distinct bigrams ending in w (continuation counts: "Francisco" is frequent but
 * follows only "San", so it gets a small lower-order probability). γ(h) is exactly the mass the
 * discounts removed from h's words, Σ_w min(count, D(count)), so every level sums to 1; a context
 * never seen falls through to the level below, and the unigram level is interpolated with the
 * uniform distribution so every vocabulary word has a probability > 0.
 *
 * Discounts: "modified" (default) uses three per level, D(1), D(2), D(3+), estimated from the
 * counts-of-counts n1..n4 of that level: Y = n1 / (n1 + 2 n2), D(k) = k − (k + 1) Y n(k+1) / n(k)
 * (any that cannot be estimated, as on a tiny corpus, falls back to 0.75). A number gives plain
 * interpolated Kneser–Ney with that one discount everywhere (0.75 is the classic choice).
 */
export interface KneserNeyOptions {
  discount?: 'modified' | number;
}

/** D(1), D(2), D(3+) of one level. */
export type LevelDiscounts = readonly [number, number, number];

export interface KneserNeyModel {
  readonly vocabSize: number;
  readonly discounts: { trigram: LevelDiscounts; bigram: LevelDiscounts; unigram: LevelDiscounts };
  /** P(w | u v). Pass -1 for a missing history word (start of the text): u = -1 uses P2, v = -1 uses P1. */
  probability(u: number, v: number, w: number): number;
  /** P(· | u v) over the whole vocabulary, as `probability` for every w. */
  distribution(u: number, v: number): Float64Array;
}

export const PLAIN_KN_DISCOUNT = 0.75;

/** Train on `ids` (a token stream of vocabulary ids in [0, vocabSize)). */
export function trainKneserNey(
  ids: ArrayLike<number>,
  vocabSize: number,
  options: KneserNeyOptions = {},
): KneserNeyModel {
  if (!Number.isInteger(vocabSize) || vocabSize < 1) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `vocabSize must be a whole number ≥ 1 (got ${vocabSize})`,
    );
  }
  const discount = options.discount ?? 'modified';
  if (discount !== 'modified' && !(discount > 0 && discount < 1)) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `a plain Kneser-Ney discount must be in (0, 1) (got ${discount})`,
    );
  }
  const V = vocabSize;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (!Number.isInteger(id) || id < 0 || id >= V) {
      throw new EngineError('INVALID_OPTIONS', `token id ${id} at ${i} is outside [0, ${V})`);
    }
  }

  // Trigram counts c(uvw), keyed (u·V + v)·V + w (exact in a double for V up to ~200 000).
  const trigrams = new Map<number, number>();
  for (let i = 2; i < ids.length; i++) {
    const key = (ids[i - 2]! * V + ids[i - 1]!) * V + ids[i]!;
    trigrams.set(key, (trigrams.get(key) ?? 0) + 1);
  }
  // Continuation counts: N(·vw) = distinct u before vw; N(·w) = distinct v before w.
  const bigrams = new Map<number, number>();
  for (const key of trigrams.keys()) {
    const vw = key % (V * V);
    bigrams.set(vw, (bigrams.get(vw) ?? 0) + 1);
  }
  const unigrams = new Float64Array(V);
  for (const vw of bigrams.keys()) unigrams[vw % V]! += 1;

  const pick = (counts: Iterable<number>): LevelDiscounts =>
    discount === 'modified' ? estimateDiscounts(counts) : [discount, discount, discount];
  const d3 = pick(trigrams.values());
  const d2 = pick(bigrams.values());
  const d1 = pick(unigrams);

  // Per-context totals and the mass the discounts removed (γ · total).
  const triTotal = new Map<number, number>();
  const triRemoved = new Map<number, number>();
  for (const [key, count] of trigrams) {
    const uv = Math.floor(key / V);
    triTotal.set(uv, (triTotal.get(uv) ?? 0) + count);
    triRemoved.set(uv, (triRemoved.get(uv) ?? 0) + removedBy(count, d3));
  }
  const biTotal = new Float64Array(V);
  const biRemoved = new Float64Array(V);
  for (const [vw, count] of bigrams) {
    const v = Math.floor(vw / V);
    biTotal[v]! += count;
    biRemoved[v]! += removedBy(count, d2);
  }
  let uniTotal = 0;
  let uniRemoved = 0;
  for (const count of unigrams) {
    uniTotal += count;
    uniRemoved += removedBy(count, d1);
  }

  const p1 = (w: number): number =>
    uniTotal === 0 ? 1 / V : (kept(unigrams[w]!, d1) + uniRemoved / V) / uniTotal;
  const p2 = (v: number, w: number): number => {
    if (v < 0 || biTotal[v] === 0) return p1(w);
    return (kept(bigrams.get(v * V + w) ?? 0, d2) + biRemoved[v]! * p1(w)) / biTotal[v]!;
  };
  const p3 = (u: number, v: number, w: number): number => {
    if (u < 0 || v < 0) return p2(v, w);
    const uv = u * V + v;
    const total = triTotal.get(uv);
    if (total === undefined) return p2(v, w);
    const count = trigrams.get(uv * V + w) ?? 0;
    return (kept(count, d3) + triRemoved.get(uv)! * p2(v, w)) / total;
  };

  return {
    vocabSize: V,
    discounts: { trigram: d3, bigram: d2, unigram: d1 },
    probability: p3,
    distribution(u, v) {
      const out = new Float64Array(V);
      for (let w = 0; w < V; w++) out[w] = p3(u, v, w);
      return out;
    },
  };
}

/**
 * Perplexity exp(−mean log P(ids[i] | ids[i−2], ids[i−1])) over positions [from, to) of the
 * stream; the history of the first positions comes from the tokens before `from`.
 */
export function kneserNeyPerplexity(
  model: KneserNeyModel,
  ids: ArrayLike<number>,
  from: number,
  to: number = ids.length,
): number {
  if (!(from >= 0 && to <= ids.length && from < to)) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `cannot evaluate positions [${from}, ${to}) of ${ids.length} tokens`,
    );
  }
  let logSum = 0;
  for (let i = from; i < to; i++) {
    const u = i >= 2 ? ids[i - 2]! : -1;
    const v = i >= 1 ? ids[i - 1]! : -1;
    logSum += Math.log(model.probability(u, v, ids[i]!));
  }
  return Math.exp(-logSum / (to - from));
}

function discountOf(count: number, d: LevelDiscounts): number {
  return count >= 3 ? d[2] : count === 2 ? d[1] : d[0];
}

function kept(count: number, d: LevelDiscounts): number {
  return count > 0 ? Math.max(count - discountOf(count, d), 0) : 0;
}

function removedBy(count: number, d: LevelDiscounts): number {
  return count > 0 ? Math.min(count, discountOf(count, d)) : 0;
}

/** Chen & Goodman's estimates from counts-of-counts, each checked to lie in (0, k]. */
function estimateDiscounts(counts: Iterable<number>): LevelDiscounts {
  const n = [0, 0, 0, 0, 0];
  for (const count of counts) if (count >= 1 && count <= 4) n[count]! += 1;
  const [, n1, n2, n3, n4] = n as [number, number, number, number, number];
  const y = n1 / (n1 + 2 * n2);
  const estimate = (k: number, nk: number, next: number): number => {
    const d = k - (k + 1) * y * (next / nk);
    return Number.isFinite(d) && d > 0 && d <= k ? d : PLAIN_KN_DISCOUNT;
  };
  return [estimate(1, n1, n2), estimate(2, n2, n3), estimate(3, n3, n4)];
}
