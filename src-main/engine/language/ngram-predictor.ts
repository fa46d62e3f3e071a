import type { KneserNeyModel } from './kneser-ney';
import { predictorFrom, type NextWordPredictor } from './next-word';
import type { TokenizeOptions } from './tokenize';
import type { Vocabulary } from './vocabulary';

/**
 * The Kneser–Ney trigram as a next-word predictor, so a text is useful the moment it is opened:
 * the same bars, generation and surprise as a trained network, from counts alone (built in well
 * under a second on a book). It reads the last two tokens of the same context a network reads,
 * sentence boundary first; temperature T reshapes the distribution as p^(1/T), renormalised, which
 * is softmax(log p / T), the same rule the network's logits follow.
 */
export function createNgramPredictor(
  model: KneserNeyModel,
  vocabulary: Vocabulary,
  tokenize: TokenizeOptions,
): NextWordPredictor {
  return predictorFrom({
    vocabulary,
    tokenize,
    probabilitiesAfter(context, temperature) {
      const n = context.length;
      const distribution = model.distribution(n >= 2 ? context[n - 2]! : -1, context[n - 1]!);
      return withTemperature(distribution, temperature);
    },
    logProbabilities(sequence) {
      const out = new Float32Array(Math.max(0, sequence.length - 1));
      for (let i = 0; i + 1 < sequence.length; i++) {
        const u = i >= 1 ? sequence[i - 1]! : -1;
        out[i] = Math.log(model.probability(u, sequence[i]!, sequence[i + 1]!));
      }
      return out;
    },
  });
}

function withTemperature(distribution: Float64Array, temperature: number): Float32Array {
  const out = new Float32Array(distribution.length);
  if (temperature === 1) {
    out.set(distribution);
    return out;
  }
  // In log space with the maximum subtracted, so a tiny temperature cannot overflow.
  let max = -Infinity;
  for (const p of distribution) if (p > 0) max = Math.max(max, Math.log(p) / temperature);
  let sum = 0;
  for (let i = 0; i < distribution.length; i++) {
    const p = distribution[i]!;
    const w = p > 0 ? Math.exp(Math.log(p) / temperature - max) : 0;
    out[i] = w;
    sum += w;
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / sum;
  return out;
}
