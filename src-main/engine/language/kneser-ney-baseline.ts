import {
  kneserNeyPerplexity,
  trainKneserNey,
  type KneserNeyModel,
  type LevelDiscounts,
} from './kneser-ney';
import type { LanguageCorpus } from './language-corpus';

/** The n-gram line to beat: modified Kneser–Ney trigram on the same tokens and vocabulary. */
export interface KneserNeyBaseline {
  /** Validation perplexity over exactly the tokens the network is scored on (every held-out token). */
  perplexity: number;
  discounts: { trigram: LevelDiscounts; bigram: LevelDiscounts; unigram: LevelDiscounts };
  seconds: number;
  /** The trigram itself, which can answer next-word questions (see ngram-predictor). */
  model: KneserNeyModel;
}

export function kneserNeyBaseline(corpus: LanguageCorpus): KneserNeyBaseline {
  const started = performance.now();
  const model = trainKneserNey(
    corpus.ids.subarray(0, corpus.valStart),
    corpus.vocabulary.words.length,
  );
  const perplexity = kneserNeyPerplexity(model, corpus.ids, corpus.valStart);
  return {
    perplexity,
    discounts: model.discounts,
    seconds: (performance.now() - started) / 1000,
    model,
  };
}
