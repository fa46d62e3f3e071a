import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tokenize, tokenizeSpans } from '../../../src-main/engine/language/tokenize';
import { joinTokens } from '../../../src-main/engine/language/join-tokens';
import { samplePath } from '../../sample-files';

describe('tokenize', () => {
  it('splits English into lower-cased words and punctuation marks, dropping whitespace', () => {
    expect(tokenize('Call me Ishmael. Some years ago, never mind!')).toEqual([
      'call',
      'me',
      'ishmael',
      '.',
      'some',
      'years',
      'ago',
      ',',
      'never',
      'mind',
      '!',
    ]);
  });

  it('keeps case when asked', () => {
    expect(tokenize('Call me Ishmael.', { keepCase: true })).toEqual([
      'Call',
      'me',
      'Ishmael',
      '.',
    ]);
  });

  it("keeps contractions whole and writes the typographic apostrophe as '", () => {
    expect(tokenize("I don't know; it’s Queequeg’s.")).toEqual([
      'i',
      "don't",
      'know',
      ';',
      "it's",
      "queequeg's",
      '.',
    ]);
  });

  it('makes curly quotes, em dashes, ellipses and brackets tokens of their own', () => {
    expect(tokenize('Rock ’n’ roll isn’t dead—it’s “alive”… (really).')).toEqual([
      'rock',
      '’',
      'n',
      '’',
      'roll',
      "isn't",
      'dead',
      '—',
      "it's",
      '“',
      'alive',
      '”',
      '…',
      '(',
      'really',
      ')',
      '.',
    ]);
  });

  it('keeps numbers and abbreviations as Unicode word rules do', () => {
    expect(tokenize('It cost 3.5 dollars in the U.S.A. at 10:30, sea-hawks')).toEqual([
      'it',
      'cost',
      '3.5',
      'dollars',
      'in',
      'the',
      'u.s.a',
      '.',
      'at',
      '10',
      ':',
      '30',
      ',',
      'sea',
      '-',
      'hawks',
    ]);
  });

  it('segments Chinese into words, with full-width punctuation as tokens', () => {
    expect(tokenize('我们在学习自然语言处理。')).toEqual([
      '我们',
      '在',
      '学习',
      '自然',
      '语言',
      '处理',
      '。',
    ]);
    expect(tokenize('他说：“今天天气很好！”')).toEqual([
      '他',
      '说',
      '：',
      '“',
      '今天',
      '天气',
      '很好',
      '！',
      '”',
    ]);
    expect(tokenize('中文分词是自然语言处理的基础。')).toEqual([
      '中文',
      '分词',
      '是',
      '自然',
      '语言',
      '处理',
      '的',
      '基础',
      '。',
    ]);
  });

  it('reports where each token was found', () => {
    const text = 'Call  me\n“Ishmael”.';
    const spans = tokenizeSpans(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual([
      'Call',
      'me',
      '“',
      'Ishmael',
      '”',
      '.',
    ]);
    expect(spans[3]!.token).toBe('ishmael');
  });

  it('gives the same tokens for a long unbroken text as the segmenter on the whole of it', () => {
    // Long lines are cut into pieces (V8's segmenter is quadratic); cuts must never split a word.
    const english = 'the whale, the whale! '.repeat(200);
    const chinese = '我们在学习自然语言处理，今天天气很好。'.repeat(60);
    for (const text of [english, chinese, english + chinese]) {
      const whole = [...new Intl.Segmenter('en', { granularity: 'word' }).segment(text)]
        .filter((s) => s.segment.trim() !== '')
        .map((s) => s.segment);
      expect(tokenize(text, { keepCase: true })).toEqual(whole);
    }
  });

  it('tokenises Moby Dick in seconds, not minutes', () => {
    const text = readFileSync(samplePath('moby-dick.txt'), 'utf8');
    const started = performance.now();
    const tokens = tokenize(text);
    expect(tokens.length).toBeGreaterThan(250_000);
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(tokens.slice(0, 8)).toEqual([
      'chapter',
      '1',
      '.',
      'loomings',
      '.',
      'call',
      'me',
      'ishmael',
    ]);
  });
});

describe('joinTokens', () => {
  it('spaces words but not punctuation, and not between CJK words', () => {
    expect(
      joinTokens(['call', 'me', 'ishmael', '.', 'some', '“', 'years', '”', 'ago', '—', 'never']),
    ).toBe('call me ishmael. some “years” ago—never');
    expect(joinTokens(['我们', '在', '学习', '。'])).toBe('我们在学习。');
    expect(joinTokens(['the', 'whale'], 'call me')).toBe('call me the whale');
  });
});
