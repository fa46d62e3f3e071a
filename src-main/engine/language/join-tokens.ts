/**
 * Tokens back into readable text: a space between words, none before closing punctuation
 * (". , ; : ! ? ) ] ” ’ … — -") or after opening marks ("( [ “ ‘ — -"), and none between two CJK tokens.
 * Good enough for generated text; it cannot know how the original was spaced.
 */
const NO_SPACE_BEFORE = /^[.,;:!?)\]}”’»…%—\-。，、；：！？）」』】]/u;
const NO_SPACE_AFTER = /[([{“‘«¿¡（「『【—-]$/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export function joinTokens(tokens: readonly string[], prefix = ''): string {
  let text = prefix;
  let previous = prefix === '' ? '' : prefix.slice(-1);
  for (const token of tokens) {
    const glued =
      text === '' ||
      /\s$/u.test(previous) ||
      NO_SPACE_BEFORE.test(token) ||
      NO_SPACE_AFTER.test(previous) ||
      (CJK.test(previous) && CJK.test(token.charAt(0)));
    text += glued ? token : ` ${token}`;
    previous = token.slice(-1);
  }
  return text;
}
