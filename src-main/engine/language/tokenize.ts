/**
 * Word-level tokenisation with `Intl.Segmenter` (word granularity, ICU's Unicode word-break
 * rules, UAX #29, plus ICU's dictionary segmentation for Chinese, Japanese, Thai...):
 *
 * - word-like segments (words, numbers, "don't", "U.S.A", "我们") are tokens;
 * - every other non-blank segment (".", ",", "—", "“", "？") is a token of its own: punctuation
 *   carries information about the next word ("." → a capitalised sentence start);
 * - whitespace is dropped.
 *
 * Tokens are lower-cased unless `keepCase` is set (a small corpus cannot afford "The" and "the" as
 * two words), and the typographic apostrophe ’ inside a word is written as ' so that "don’t" and
 * "don't" are one word (ICU already keeps both in one segment; a ’ at a word's edge is a quote
 * mark and stays a punctuation token).
 */
export interface TokenizeOptions {
  /** Keep upper case as written (default false: lower-case everything). */
  keepCase?: boolean;
  /** BCP 47 locale for the segmenter (default "en"; CJK dictionary segmentation works in any). */
  locale?: string;
}

const INNER_APOSTROPHES = /[\u2019\u02bc]/g;

/**
 * Longest piece handed to the segmenter at once. V8's segment iterator takes time quadratic in
 * the length of the string (Chromium issue 326176949, fixed upstream in 2024; Node 20's V8 11.3
 * still has it): Moby Dick in one piece takes many minutes, in pieces about 3 seconds.
 */
const MAX_PIECE = 512;
const SOFT_BREAK = /[\s。！？；，、]/u;

/** A token and where it was found: text.slice(start, end) is its surface form. */
export interface TokenSpan {
  token: string;
  start: number;
  end: number;
}

export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  return tokenizeSpans(text, options).map((span) => span.token);
}

/** Tokens with their character offsets in `text` (for tinting what the user typed). */
export function tokenizeSpans(text: string, options: TokenizeOptions = {}): TokenSpan[] {
  const segmenter = new Intl.Segmenter(options.locale ?? 'en', { granularity: 'word' });
  const spans: TokenSpan[] = [];
  for (const piece of pieces(text)) {
    for (const { segment, index, isWordLike } of segmenter.segment(piece.text)) {
      const start = piece.start + index;
      const end = start + segment.length;
      if (isWordLike === true) {
        const word = segment.replace(INNER_APOSTROPHES, "'");
        spans.push({ token: options.keepCase === true ? word : word.toLowerCase(), start, end });
      } else if (segment.trim() !== '') {
        spans.push({ token: segment, start, end });
      }
    }
  }
  return spans;
}

/**
 * The text cut into pieces of at most MAX_PIECE characters, each ending where a word cannot
 * continue: after a line break (Unicode always breaks words there), else after the last space or
 * CJK punctuation mark in the window; only a window with neither is cut blindly.
 */
function* pieces(text: string): Generator<{ text: string; start: number }> {
  let start = 0;
  while (start < text.length) {
    if (text.length - start <= MAX_PIECE) {
      yield { text: text.slice(start), start };
      return;
    }
    const window = text.slice(start, start + MAX_PIECE);
    let cut = window.lastIndexOf('\n') + 1;
    if (cut === 0) {
      for (let i = window.length - 1; i > 0; i--) {
        if (SOFT_BREAK.test(window[i]!)) {
          cut = i + 1;
          break;
        }
      }
    }
    if (cut === 0) cut = surrogateSafe(window, MAX_PIECE);
    yield { text: window.slice(0, cut), start };
    start += cut;
  }
}

/** Never cut between the two halves of a surrogate pair. */
function surrogateSafe(window: string, cut: number): number {
  const code = window.charCodeAt(cut - 1);
  return code >= 0xd800 && code <= 0xdbff ? cut - 1 : cut;
}
