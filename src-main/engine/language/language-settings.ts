import { z } from 'zod';
import type { ModelSpec } from '../model/model-spec';
import { TUTORIAL_SINE_SPEC } from '../model/model-spec';
import type { CorpusOptions } from './language-corpus';

/**
 * What a language model needs beyond the shared model spec: the embedding width, how the text is
 * cut into words and which words are kept, and an optional time budget. The sequence length of
 * truncated backpropagation through time is the spec's `lookback`.
 */
export interface LanguageSettings {
  embeddingDim: number;
  corpus: CorpusOptions;
  /** Stop training after this many seconds (on top of the spec's epochs or steps). */
  maxSeconds?: number;
  /**
   * Train with a sampled softmax over this many negative words per step (see
   * sampled-softmax-training.ts); unset, or ≥ the vocabulary: the full softmax. Validation always
   * uses the full softmax.
   */
  sampledSoftmax?: number;
}

export const languageSettingsSchema = z.object({
  embeddingDim: z.number().int().min(1).max(4096),
  corpus: z.object({
    keepCase: z.boolean().optional(),
    locale: z.string().optional(),
    minCount: z.number().int().min(1).optional(),
    maxVocab: z.number().int().min(1).optional(),
    valFraction: z.number().gt(0).lt(0.5).optional(),
  }),
  maxSeconds: z.number().gt(0).optional(),
  sampledSoftmax: z.number().int().min(1).optional(),
});

/**
 * Defaults for a word-level model on a book-sized text (Moby Dick, ~254 000 tokens), chosen by
 * measurement on a 2-core machine on the wasm backend (see README.md, "lm"): within the default
 * time budget the validation perplexity ends below the Kneser–Ney trigram's.
 *
 * The softmax over ~9 000 words costs 6 × units × vocab FLOPs per token, so units bound the speed:
 * 1 × 128 trains ~2 000 tokens/s where 1 × 256 managed ~800, and reached perplexity 180 after 3
 * epochs (KN 189) where 1 × 256 stood at 308 after 2. Short sequences (20) and a small batch (32)
 * give more updates per epoch; Adam 0.01 with clipping at 5 learned fastest (0.005: 249 after two
 * epochs, 0.01: 206 at sequence length 35, 189 at 20). Without dropout it starts to overfit in the
 * fourth epoch; early stopping keeps the best weights. A second layer with dropout learned slower.
 */
export const DEFAULT_LANGUAGE_SPEC: ModelSpec = {
  ...TUTORIAL_SINE_SPEC,
  cell: 'lstm',
  layers: [128],
  dropout: 0,
  optimizer: 'adam',
  learningRate: 0.01,
  clipNorm: 5,
  lookback: 20,
  batchSize: 32,
  budget: { kind: 'epochs', epochs: 20 },
  earlyStopping: { patience: 3 },
  seed: 42,
};

export const DEFAULT_LANGUAGE_SETTINGS = {
  embeddingDim: 64,
  corpus: { minCount: 2, maxVocab: 10_000 },
} as const satisfies LanguageSettings;

/** The CLI's and the app's default time budget; the bar is 10 minutes on 2 cores. */
export const DEFAULT_TIME_BUDGET_MINUTES = 9;
