import { z } from 'zod';
import { modelSpecSchema } from '../engine/model/model-spec';
import { apiErrorSchema } from './result';
import { backendChoiceSchema, backendInfoSchema, progressSchema } from './train-schemas';

/**
 * The language model in the contract: load a text (the bundled Moby Dick, a file the user opened,
 * or a path), train a word-level model on it in the worker with live progress, then ask the trained
 * model for the next word of any text, continue a text, and save or open the model as a project.
 */

/** Built-in texts, by id (their files and attributions live with the handlers). */
export const LANGUAGE_SAMPLE_IDS = ['moby-dick'] as const;

/** Longest text the app trains on (the CLI takes any): tokenising it already takes minutes. */
export const MAX_CORPUS_CHARS = 32 * 1024 * 1024;

/** Where a text comes from: a bundled sample, the text itself (a browser file), or a path. */
export const corpusSourceSchema = z.union([
  z.object({ sample: z.enum(LANGUAGE_SAMPLE_IDS) }),
  z.object({
    text: z
      .string()
      .min(1, 'the file is empty')
      .max(MAX_CORPUS_CHARS, 'that text is over 32 MB: train it with rnn-studio lm --text FILE'),
    name: z.string(),
  }),
  z.object({ path: z.string().min(1) }),
]);
export type CorpusSourceValue = z.infer<typeof corpusSourceSchema>;

/** How the text is cut into words and which words the model knows. */
export const corpusOptionsSchema = z.object({
  /** Keep words seen at least this often in the training part. */
  minCount: z.number().int('the minimum count must be a whole number').min(1).max(1000),
  /** Keep at most this many words (the most frequent), besides `<unk>`. */
  maxVocab: z
    .number()
    .int('the vocabulary size must be a whole number')
    .min(2, 'keep at least 2 words')
    .max(50_000, 'at most 50 000 words: the softmax over them is the cost of every step'),
  /** Keep upper case as written (default: everything lower-cased). */
  keepCase: z.boolean(),
});
export type CorpusOptionsValue = z.infer<typeof corpusOptionsSchema>;

export const corpusSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Who wrote the text and under what licence (bundled samples), else null. */
  attribution: z.string().nullable(),
  characters: z.number(),
  /** Tokens of the training part and of the held-out last 10 % (validation perplexity). */
  tokens: z.object({ train: z.number(), val: z.number() }),
  /** Words the model knows, `<unk>` included. */
  vocabSize: z.number(),
  /** Fraction of held-out tokens outside the vocabulary. */
  unkRate: z.number(),
  /** The opening of the text, to recognise it by. */
  excerpt: z.string(),
  options: corpusOptionsSchema,
  /**
   * The text's Kneser–Ney trigram, kept to answer next-word questions before any network is
   * trained: pass `runId` to lm:next, lm:surprise and lm:generate. Its held-out perplexity.
   */
  ngram: z.object({ runId: z.string(), perplexity: z.number() }).nullable().optional(),
});
export type CorpusSummaryValue = z.infer<typeof corpusSummarySchema>;

export const languageSampleSchema = z.object({
  id: z.enum(LANGUAGE_SAMPLE_IDS),
  name: z.string(),
  description: z.string(),
  attribution: z.string(),
});

/** The engine's defaults for a language model, and what it refuses, so the forms say the same. */
export const languageDefaultsSchema = z.object({
  spec: modelSpecSchema,
  embeddingDim: z.number(),
  corpus: corpusOptionsSchema,
  /** The default time budget. */
  minutes: z.number(),
  /** The engine's one-line reason a language model cannot be bidirectional. */
  bidirectionalReason: z.string(),
  samples: z.array(languageSampleSchema),
});
export type LanguageDefaultsValue = z.infer<typeof languageDefaultsSchema>;

export const languageTrainSchema = z.object({
  corpusId: z.string(),
  /** The shared model spec; `lookback` is the sequence length of truncated backpropagation. */
  spec: modelSpecSchema,
  embeddingDim: z
    .number()
    .int('the embedding size must be a whole number')
    .min(1, 'the embedding needs at least 1 dimension')
    .max(4096, 'at most 4096 embedding dimensions'),
  /** A time budget on top of the spec's epochs; null = train for the epochs. */
  minutes: z
    .number()
    .gt(0, 'the time budget must be > 0 minutes')
    .max(24 * 60)
    .nullable(),
  backend: backendChoiceSchema,
});
export type LanguageTrainRequest = z.infer<typeof languageTrainSchema>;

const historyPointSchema = z.object({
  step: z.number(),
  epoch: z.number(),
  loss: z.number(),
  valLoss: z.number().nullable(),
  /** exp(valLoss): the validation perplexity. */
  valPerplexity: z.number().nullable(),
});
export type LanguageHistoryPoint = z.infer<typeof historyPointSchema>;

/** A finished language-model run: what the Language view shows and a project brings back. */
export const languageRunSchema = z.object({
  runId: z.string(),
  corpusId: z.string().nullable(),
  corpusName: z.string(),
  spec: modelSpecSchema,
  embeddingDim: z.number(),
  corpusOptions: corpusOptionsSchema,
  backend: backendInfoSchema,
  status: z.enum(['completed', 'early-stopped', 'cancelled', 'nan']),
  message: z.string(),
  steps: z.number(),
  epochs: z.number(),
  seconds: z.number(),
  /** The time budget the run had, or null. */
  minutes: z.number().nullable(),
  paramCount: z.number(),
  vocabSize: z.number(),
  tokens: z.object({ train: z.number(), val: z.number() }),
  unkRate: z.number(),
  /** Validation perplexity of the weights the model holds (null: an opened project without it). */
  perplexity: z.number().nullable(),
  /** The interpolated Kneser–Ney trigram's on the same held-out tokens: the line to beat. */
  baselinePerplexity: z.number().nullable(),
  history: z.array(historyPointSchema),
});
export type LanguageRunValue = z.infer<typeof languageRunSchema>;

export const languageProgressSchema = z.object({
  runId: z.string(),
  /** 'preparing': tokenising and fitting the n-gram baseline; then training steps. */
  phase: z.enum(['preparing', 'training']),
  progress: progressSchema.nullable(),
  valPerplexity: z.number().nullable(),
  /** Known once the text is prepared, before the first step. */
  baselinePerplexity: z.number().nullable(),
  vocabSize: z.number().nullable(),
  /** The run's time budget in seconds, or null. */
  maxSeconds: z.number().nullable(),
});
export type LanguageProgressValue = z.infer<typeof languageProgressSchema>;

const MAX_TEXT = 100_000;

export const nextWordRequestSchema = z.object({
  runId: z.string(),
  text: z.string().max(MAX_TEXT, 'that text is too long to read at each keystroke'),
  topK: z.number().int().min(1).max(100).default(10),
  temperature: z.number().gt(0, 'temperature must be > 0').max(10).default(1),
  /**
   * Also read every token's surprise (default). Off, `tokens` comes back empty and the answer is
   * about twice as fast: the view asks for the bars at each keystroke and the tints (lm:surprise)
   * when typing pauses.
   */
  surprise: z.boolean().default(true),
});

const readTokenSchema = z.object({
  token: z.string(),
  start: z.number(),
  end: z.number(),
  known: z.boolean(),
  /** P(token | the tokens before it), temperature 1. */
  p: z.number(),
  /** −ln p in nats. */
  surprise: z.number(),
});

export const nextWordsSchema = z.object({
  /** The text the answer is about (answers may arrive after the user typed on). */
  text: z.string(),
  /** The top-k next words, most probable first, probabilities after temperature. */
  words: z.array(z.object({ word: z.string(), p: z.number(), unknown: z.boolean() })),
  /**
   * Every token of the text: where it is, whether the model knows it, and how surprising it was
   * (empty when the request said `surprise: false`).
   */
  tokens: z.array(readTokenSchema),
  /** Time the engine spent on the answer, in ms. */
  engineMs: z.number(),
});
export type NextWordsValue = z.infer<typeof nextWordsSchema>;

/** How surprising each token of a text was to the model, with where it is and whether it is known. */
export const surpriseSchema = z.object({
  text: z.string(),
  tokens: z.array(readTokenSchema),
  engineMs: z.number(),
});
export type SurpriseValue = z.infer<typeof surpriseSchema>;

export const generateRequestSchema = z.object({
  runId: z.string(),
  text: z.string().max(MAX_TEXT),
  words: z.number().int().min(1, 'generate at least 1 word').max(500, 'at most 500 words at once'),
  temperature: z.number().gt(0, 'temperature must be > 0').max(10).default(1),
  /** Sample among the k most probable words only; omitted: the whole vocabulary. */
  topK: z.number().int().min(1).optional(),
  seed: z.number().int().min(0).max(4294967295).optional(),
});

export const LANGUAGE_CHANNELS = {
  /** The engine's language-model defaults and the bundled texts. */
  'lm:defaults': { request: z.object({}), response: languageDefaultsSchema },
  /** Load and tokenise a text (in the worker): tokens, vocabulary, unknown rate. */
  'lm:corpus': {
    request: z.object({ source: corpusSourceSchema, options: corpusOptionsSchema }),
    response: corpusSummarySchema,
  },
  /** Train in the worker; progress and the result arrive as lm:* events. */
  'lm:train': { request: languageTrainSchema, response: z.object({ runId: z.string() }) },
  'lm:stop': {
    request: z.object({ runId: z.string() }),
    response: z.object({ stopping: z.boolean() }),
  },
  'lm:next': { request: nextWordRequestSchema, response: nextWordsSchema },
  'lm:surprise': {
    request: z.object({
      runId: z.string(),
      text: z.string().max(MAX_TEXT, 'that text is too long to read at each keystroke'),
    }),
    response: surpriseSchema,
  },
  'lm:generate': {
    request: generateRequestSchema,
    response: z.object({ text: z.string(), tokens: z.array(z.string()) }),
  },
  'lm:save': {
    request: z.object({ runId: z.string(), path: z.string().min(1).optional() }),
    response: z.object({ path: z.string() }),
  },
  'lm:open': {
    request: z.object({ path: z.string().min(1) }),
    response: z.object({ run: languageRunSchema }),
  },
} as const;

export const LANGUAGE_EVENTS = {
  'lm:progress': languageProgressSchema,
  'lm:done': z.object({ runId: z.string(), result: languageRunSchema }),
  'lm:failed': z.object({ runId: z.string(), error: apiErrorSchema }),
} as const;
