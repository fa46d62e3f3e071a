import { describe, expect, it } from 'vitest';
import {
  UNKNOWN_ID,
  UNKNOWN_TOKEN,
  buildVocabulary,
  decodeIds,
  encodeTokens,
  unknownRate,
  vocabularyFromWords,
} from '../../../src-main/engine/language/vocabulary';
import { prepareCorpus } from '../../../src-main/engine/language/language-corpus';
import { expectEngineError } from '../model/model-test-kit';

describe('buildVocabulary', () => {
  it('keeps words seen at least minCount times, most frequent first, after <unk>', () => {
    const vocabulary = buildVocabulary(['b', 'a', 'c', 'a', 'b', 'd', 'a']);
    expect(vocabulary.words).toEqual([UNKNOWN_TOKEN, 'a', 'b']);
    expect(vocabulary.ids.get('a')).toBe(1);
    expect(buildVocabulary(['b', 'a', 'c'], { minCount: 1 }).words).toEqual([
      UNKNOWN_TOKEN,
      'a',
      'b',
      'c',
    ]);
  });

  it('breaks frequency ties by code-unit order and caps at maxVocab', () => {
    const tokens = ['y', 'x', 'y', 'x', 'z', 'z', 'w', 'w', 'w'];
    expect(buildVocabulary(tokens).words).toEqual([UNKNOWN_TOKEN, 'w', 'x', 'y', 'z']);
    expect(buildVocabulary([...tokens].reverse()).words).toEqual([
      UNKNOWN_TOKEN,
      'w',
      'x',
      'y',
      'z',
    ]);
    expect(buildVocabulary(tokens, { maxVocab: 2 }).words).toEqual([UNKNOWN_TOKEN, 'w', 'x']);
  });

  it('never lists a literal "<unk>" in the text as a word of its own', () => {
    expect(buildVocabulary(['<unk>', '<unk>', 'a', 'a']).words).toEqual([UNKNOWN_TOKEN, 'a']);
  });

  it('refuses settings that make no sense', async () => {
    await expectEngineError(
      () => buildVocabulary(['a'], { minCount: 0 }),
      'INVALID_OPTIONS',
      'minCount',
    );
    await expectEngineError(
      () => buildVocabulary(['a'], { maxVocab: 1.5 }),
      'INVALID_OPTIONS',
      'maxVocab',
    );
    await expectEngineError(() => vocabularyFromWords(['a', 'b']), 'INVALID_OPTIONS', '<unk>');
    await expectEngineError(
      () => vocabularyFromWords([UNKNOWN_TOKEN, 'a', 'a']),
      'INVALID_OPTIONS',
      'twice',
    );
  });
});

describe('encoding', () => {
  const vocabulary = buildVocabulary(['the', 'whale', 'the', 'whale', 'sea']);

  it('maps words outside the vocabulary to <unk> and decodes ids back', () => {
    const ids = encodeTokens(vocabulary, ['the', 'white', 'whale']);
    expect(Array.from(ids)).toEqual([1, UNKNOWN_ID, 2]);
    expect(decodeIds(vocabulary, ids)).toEqual(['the', UNKNOWN_TOKEN, 'whale']);
    expect(unknownRate(ids)).toBeCloseTo(1 / 3);
    expect(unknownRate([])).toBe(0);
  });

  it('refuses ids outside the vocabulary', async () => {
    await expectEngineError(() => decodeIds(vocabulary, [3]), 'INVALID_OPTIONS', 'outside');
  });

  it('round-trips through the saved word list', () => {
    const again = vocabularyFromWords(vocabulary.words);
    expect(again.words).toEqual(vocabulary.words);
    expect([...again.ids]).toEqual([...vocabulary.ids]);
  });
});

describe('prepareCorpus', () => {
  it('holds out the last 10 % of tokens and builds the vocabulary on the rest only', () => {
    // 90 training tokens cycling through a, b, c; 10 validation tokens, 5 of them unseen words.
    const train = Array.from({ length: 90 }, (_, i) => 'abc'[i % 3]).join(' ');
    const text = `${train} a b x y z a b q r s`;
    const corpus = prepareCorpus(text);
    expect(corpus.ids.length).toBe(100);
    expect(corpus.valStart).toBe(90);
    expect(corpus.vocabulary.words).toEqual([UNKNOWN_TOKEN, 'a', 'b', 'c']);
    expect(corpus.unkRate).toBeCloseTo(0.6);
    expect(Array.from(corpus.ids.subarray(90))).toEqual([1, 2, 0, 0, 0, 1, 2, 0, 0, 0]);
  });

  it('refuses a text too short to model', async () => {
    await expectEngineError(() => prepareCorpus('Call me Ishmael.'), 'DATA_TOO_SHORT', 'tokens');
    await expectEngineError(
      () => prepareCorpus(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ')),
      'DATA_TOO_SHORT',
      'minimum count',
    );
  });
});
