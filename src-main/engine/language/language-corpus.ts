import { EngineError } from '../util/engine-error';
import { tokenize, type TokenizeOptions } from './tokenize';
import {
  buildVocabulary,
  encodeTokens,
  unknownRate,
  type Vocabulary,
  type VocabularyOptions,
} from './vocabulary';

/**
 * A text made ready for language modelling: tokens, the vocabulary built from the training part
 * only, and the ids of the whole stream. The last `valFraction` (default 10 %) of the tokens is held
 * out for validation perplexity; it follows the training part in the text, so its first tokens'
 * context is the end of the training part.
 */
export interface LanguageCorpus {
  vocabulary: Vocabulary;
  /** Ids of all tokens, training part first: `[0, valStart)` train, `[valStart, length)` validation. */
  ids: Int32Array;
  valStart: number;
  /** Fraction of validation tokens outside the vocabulary (they become `<unk>`). */
  unkRate: number;
  options: CorpusOptions;
}

export interface CorpusOptions extends TokenizeOptions, VocabularyOptions {
  /** Fraction of tokens held out at the end (default 0.1). */
  valFraction?: number;
}

export const DEFAULT_VAL_FRACTION = 0.1;

/** Fewest tokens worth modelling: a few sequences to train on and some to validate on. */
export const MIN_CORPUS_TOKENS = 20;

export function prepareCorpus(text: string, options: CorpusOptions = {}): LanguageCorpus {
  const valFraction = options.valFraction ?? DEFAULT_VAL_FRACTION;
  if (!(valFraction > 0 && valFraction < 0.5)) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `valFraction must be between 0 and 0.5 (got ${valFraction})`,
    );
  }
  const tokens = tokenize(text, options);
  if (tokens.length < MIN_CORPUS_TOKENS) {
    throw new EngineError(
      'DATA_TOO_SHORT',
      `the text has ${tokens.length} tokens; a language model needs at least ${MIN_CORPUS_TOKENS} (more than 10 000 to learn much)`,
    );
  }
  const valStart = tokens.length - Math.max(2, Math.round(tokens.length * valFraction));
  const vocabulary = buildVocabulary(tokens.slice(0, valStart), options);
  if (vocabulary.words.length < 2) {
    throw new EngineError(
      'DATA_TOO_SHORT',
      `no word of the training text occurs ${options.minCount ?? 2} times or more; lower the minimum count or use a longer text`,
    );
  }
  const ids = encodeTokens(vocabulary, tokens);
  return {
    vocabulary,
    ids,
    valStart,
    unkRate: unknownRate(ids.subarray(valStart)),
    options: { ...options, valFraction },
  };
}
