/**
 * How surprising a word was to the model, −ln p in nats, as one of five tint levels. The bounds
 * are round probabilities, so the legend can say what each tint means: level 0 is a word the model
 * gave more than 1 chance in 3, level 4 one it gave less than 1 in 400.
 */
export const SURPRISE_BOUNDS = [1, 2.5, 4, 6] as const;

export type SurpriseLevel = 0 | 1 | 2 | 3 | 4;

export function surpriseLevel(surprise: number): SurpriseLevel {
  if (!Number.isFinite(surprise)) return 4;
  let level = 0;
  while (level < SURPRISE_BOUNDS.length && surprise >= SURPRISE_BOUNDS[level]!) level++;
  return level as SurpriseLevel;
}

export interface LegendStop {
  level: SurpriseLevel;
  /** "< 1 nat", "1–2.5 nats", …, "≥ 6 nats". */
  nats: string;
  /** The same as a probability: "p > 37 %", …, "p < 0.25 %". */
  probability: string;
}

/** A probability for people: 0.3679 -> "37 %", 0.0821 -> "8 %", 0.0025 -> "0.25 %". */
export function formatProbability(p: number): string {
  const percent = p * 100;
  if (percent >= 10) return `${Math.round(percent)} %`;
  if (percent >= 1) return `${Number(percent.toFixed(1))} %`;
  return `${Number(percent.toPrecision(2))} %`;
}

export function surpriseLegend(): LegendStop[] {
  const bounds = SURPRISE_BOUNDS;
  const p = (nats: number): string => formatProbability(Math.exp(-nats));
  return [
    { level: 0, nats: `< ${bounds[0]} nat`, probability: `p > ${p(bounds[0])}` },
    ...bounds.slice(1).map((upper, i) => ({
      level: (i + 1) as SurpriseLevel,
      nats: `${bounds[i]}–${upper} nats`,
      probability: `${p(upper)}–${p(bounds[i]!)}`,
    })),
    {
      level: 4,
      nats: `≥ ${bounds[3]} nats`,
      probability: `p < ${p(bounds[3])}`,
    },
  ];
}

/** The tooltip of one word as the model read it. */
export function describeToken(token: {
  token: string;
  known: boolean;
  p: number;
  surprise: number;
}): string {
  if (!token.known) {
    return `“${token.token}” is not in the vocabulary: the model read it as <unk> (p = ${formatProbability(token.p)} for some unknown word here)`;
  }
  return `“${token.token}”: p = ${formatProbability(token.p)}, surprise ${token.surprise.toFixed(1)} nats`;
}

export interface TextPiece {
  text: string;
  /** The token's index in the answer, or null for the text between tokens (spaces). */
  token: number | null;
}

/**
 * The text cut at the tokens' offsets, so every character is shown as typed (spaces and line
 * breaks too) and each token can be tinted on its own.
 */
export function piecesOf(
  text: string,
  tokens: readonly { start: number; end: number }[],
): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  tokens.forEach((token, index) => {
    if (token.start < at || token.end > text.length) return;
    if (token.start > at) pieces.push({ text: text.slice(at, token.start), token: null });
    pieces.push({ text: text.slice(token.start, token.end), token: index });
    at = token.end;
  });
  if (at < text.length) pieces.push({ text: text.slice(at), token: null });
  return pieces;
}
