/**
 * The engine's rule for writing tokens back as text, for the renderer (which sees only the
 * contract): a word the user picks from the bars is appended exactly as generation would write it.
 * join-tokens.ts is plain TypeScript with no imports.
 */
export { joinTokens } from '../engine/language/join-tokens';
