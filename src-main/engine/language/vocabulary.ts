import { EngineError } from '../util/engine-error';

/** The id every word outside the vocabulary maps to. */
export const UNKNOWN_TOKEN = '<unk>';
export const UNKNOWN_ID = 0;

/**
 * A closed vocabulary: `words[id]` is the word of an id; id 0 is `<unk>`, then the kept words from
 * the most to the least frequent. Serialises as its `words` array (saved in projects).
 */
export interface Vocabulary {
  readonly words: readonly string[];
  readonly ids: ReadonlyMap<string, number>;
}

export interface VocabularyOptions {
  /** Keep words seen at least this often in the training tokens (default 2). */
  minCount?: number;
  /** Keep at most this many words (the most frequent), not counting `<unk>` (default 10 000). */
  maxVocab?: number;
}

export const DEFAULT_MIN_COUNT = 2;
export const DEFAULT_MAX_VOCAB = 10_000;

/**
 * Build the vocabulary from training tokens: words seen ≥ minCount times, the maxVocab most
 * frequent of them, plus `<unk>`. Ties in frequency are broken by code-unit order of the word, so
 * the same tokens always give the same ids. A literal "<unk>" in the text counts as unknown.
 */
export function buildVocabulary(
  tokens: readonly string[],
  options: VocabularyOptions = {},
): Vocabulary {
  const minCount = options.minCount ?? DEFAULT_MIN_COUNT;
  const maxVocab = options.maxVocab ?? DEFAULT_MAX_VOCAB;
  if (!Number.isInteger(minCount) || minCount < 1) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `minCount must be a whole number ≥ 1 (got ${minCount})`,
    );
  }
  if (!Number.isInteger(maxVocab) || maxVocab < 1) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `maxVocab must be a whole number ≥ 1 (got ${maxVocab})`,
    );
  }
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  counts.delete(UNKNOWN_TOKEN);
  const kept = [...counts]
    .filter(([, count]) => count >= minCount)
    .sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, maxVocab)
    .map(([word]) => word);
  return vocabularyFromWords([UNKNOWN_TOKEN, ...kept]);
}

/** Rebuild a vocabulary from its saved word list (`<unk>` first). */
export function vocabularyFromWords(words: readonly string[]): Vocabulary {
  if (words[UNKNOWN_ID] !== UNKNOWN_TOKEN) {
    throw new EngineError('INVALID_OPTIONS', `a vocabulary must start with ${UNKNOWN_TOKEN}`);
  }
  const ids = new Map<string, number>();
  words.forEach((word, id) => {
    if (ids.has(word)) {
      throw new EngineError('INVALID_OPTIONS', `the vocabulary lists "${word}" twice`);
    }
    ids.set(word, id);
  });
  return { words: [...words], ids };
}

/** Ids of tokens; words outside the vocabulary become `<unk>` (0). */
export function encodeTokens(vocabulary: Vocabulary, tokens: readonly string[]): Int32Array {
  return Int32Array.from(tokens, (token) => vocabulary.ids.get(token) ?? UNKNOWN_ID);
}

/** Words of ids. */
export function decodeIds(vocabulary: Vocabulary, ids: ArrayLike<number>): string[] {
  return Array.from(ids, (id) => {
    const word = vocabulary.words[id];
    if (word === undefined) {
      throw new EngineError(
        'INVALID_OPTIONS',
        `id ${id} is outside the vocabulary (size ${vocabulary.words.length})`,
      );
    }
    return word;
  });
}

/** Fraction of ids that are `<unk>` (0 for no ids). */
export function unknownRate(ids: ArrayLike<number>): number {
  if (ids.length === 0) return 0;
  let unknown = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i] === UNKNOWN_ID) unknown++;
  return unknown / ids.length;
}
