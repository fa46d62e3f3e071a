import * as tf from '@tensorflow/tfjs';
import {
  selectBackend,
  type BackendChoice,
  type BackendInfo,
} from '../engine/backend/select-backend';
import { prepareCorpus, type CorpusOptions } from '../engine/language/language-corpus';
import { openLanguageProject, saveLanguageProject } from '../engine/language/language-project';
import type { LanguageSettings } from '../engine/language/language-settings';
import type { GeneratedText, NextWord, TokenSurprise } from '../engine/language/next-word';
import { trainLanguageModel } from '../engine/language/train-language-model';
import { kneserNeyBaseline } from '../engine/language/kneser-ney-baseline';
import { createNgramPredictor } from '../engine/language/ngram-predictor';
import { disposeModel } from '../engine/model/dispose-model';
import type { ModelSpec } from '../engine/model/model-spec';
import type { TrainOutcome, TrainProgress } from '../engine/train/train-progress';
import type { JobHandler } from './worker-jobs';

/** A text made ready for a language model: the numbers the Language view shows before training. */
export interface CorpusJob {
  text: string;
  options: CorpusOptions;
  /** Keep the text's Kneser–Ney trigram under this id, to answer next-word questions at once. */
  keepNgramAs?: string;
}
export interface CorpusJobResult {
  tokens: { train: number; val: number };
  vocabSize: number;
  unkRate: number;
  /** The trigram's perplexity on the held-out tokens (when it was kept). */
  ngramPerplexity: number | null;
}

export interface LanguageTrainJob {
  backend: BackendChoice;
  text: string;
  /** What the text is called (a file name), for the saved record. */
  textName: string;
  spec: ModelSpec;
  settings: LanguageSettings;
  /** Keep the trained model in the worker under this id (to read from and save). */
  keepAs: string;
}
/** First the prepared text and its n-gram baseline, then the training loop's own reports. */
export type LanguageTrainProgress =
  | {
      kind: 'prepared';
      baselinePerplexity: number;
      vocabSize: number;
      tokens: { train: number; val: number };
      unkRate: number;
    }
  | { kind: 'step'; progress: TrainProgress };
export interface LanguageTrainJobResult {
  backend: BackendInfo;
  outcome: TrainOutcome;
  perplexity: number;
  baselinePerplexity: number;
  vocabSize: number;
  tokens: { train: number; val: number };
  unkRate: number;
  paramCount: number;
}

export interface NextWordJob {
  runId: string;
  text: string;
  topK: number;
  temperature: number;
  /** Also read each token's surprise (a second pass over the text). */
  surprise: boolean;
}
export interface NextWordJobResult {
  words: NextWord[];
  tokens: TokenSurprise[];
  /** Time spent in the worker, ms. */
  engineMs: number;
}

export interface GenerateJob {
  runId: string;
  text: string;
  words: number;
  temperature: number;
  topK?: number;
  seed?: number;
}

export interface LanguageSaveJob {
  runId: string;
  dir: string;
  /** The run as the UI shows it, brought back when the project is opened. */
  result: unknown;
}
export interface LanguageOpenJob {
  dir: string;
  keepAs: string;
}
export interface LanguageOpenJobResult {
  spec: ModelSpec;
  settings: LanguageSettings;
  record: Record<string, unknown>;
  result: unknown;
  vocabSize: number;
  paramCount: number;
}

/** The language-model jobs of the worker's job table (merged into JobTypes). */
export interface LanguageJobTypes {
  'lm-corpus': { request: CorpusJob; result: CorpusJobResult; progress: never };
  'lm-train': {
    request: LanguageTrainJob;
    result: LanguageTrainJobResult;
    progress: LanguageTrainProgress;
  };
  'lm-next': { request: NextWordJob; result: NextWordJobResult; progress: never };
  'lm-surprise': {
    request: { runId: string; text: string };
    result: { tokens: TokenSurprise[]; engineMs: number };
    progress: never;
  };
  'lm-generate': { request: GenerateJob; result: GeneratedText; progress: never };
  'lm-save': { request: LanguageSaveJob; result: { dir: string }; progress: never };
  'lm-open': { request: LanguageOpenJob; result: LanguageOpenJobResult; progress: never };
}

const tokenCounts = (ids: Int32Array, valStart: number) => ({
  train: valStart,
  val: ids.length - valStart,
});

export const LANGUAGE_JOB_HANDLERS: { [K in keyof LanguageJobTypes]: JobHandler<K> } = {
  async 'lm-corpus'(request, { session }) {
    const corpus = prepareCorpus(request.text, request.options);
    let ngramPerplexity: number | null = null;
    if (request.keepNgramAs !== undefined) {
      // The same trigram the lm baseline fits, read with the same tokeniser options as the text.
      const baseline = kneserNeyBaseline(corpus);
      ngramPerplexity = baseline.perplexity;
      session.language.keepNgram(
        request.keepNgramAs,
        createNgramPredictor(baseline.model, corpus.vocabulary, request.options),
      );
    }
    return {
      tokens: tokenCounts(corpus.ids, corpus.valStart),
      vocabSize: corpus.vocabulary.words.length,
      unkRate: corpus.unkRate,
      ngramPerplexity,
    };
  },

  async 'lm-train'(request, { onProgress, isCancelled, session }) {
    const backend = await selectBackend(request.backend);
    const trained = await trainLanguageModel(request.text, request.spec, request.settings, {
      isCancelled,
      onProgress: (progress) => onProgress({ kind: 'step', progress }),
      onPrepared: ({ corpus, baseline }) =>
        onProgress({
          kind: 'prepared',
          baselinePerplexity: baseline.perplexity,
          vocabSize: corpus.vocabulary.words.length,
          tokens: tokenCounts(corpus.ids, corpus.valStart),
          unkRate: corpus.unkRate,
        }),
    });
    try {
      const { corpus, outcome } = trained;
      session.language.keep(request.keepAs, {
        spec: request.spec,
        model: trained.model,
        vocabulary: corpus.vocabulary,
        settings: request.settings,
        // The same record as `rnn-studio lm` writes, so either opens the other's projects.
        record: {
          kind: 'language',
          createdAt: new Date().toISOString(),
          backend,
          versions: { tfjs: tf.version.tfjs, node: process.version },
          text: request.textName,
          seed: request.spec.seed,
          seconds: outcome.seconds,
          steps: outcome.steps,
          status: outcome.status,
          tokens: tokenCounts(corpus.ids, corpus.valStart),
          unkRate: corpus.unkRate,
          perplexity: trained.perplexity,
          kneserNeyTrigram: trained.baseline.perplexity,
        },
      });
      return {
        backend,
        outcome,
        perplexity: trained.perplexity,
        baselinePerplexity: trained.baseline.perplexity,
        vocabSize: corpus.vocabulary.words.length,
        tokens: tokenCounts(corpus.ids, corpus.valStart),
        unkRate: corpus.unkRate,
        paramCount: trained.model.countParams(),
      };
    } catch (error) {
      disposeModel(trained.model);
      throw error;
    }
  },

  async 'lm-next'(request, { session }) {
    const started = performance.now();
    const predictor = session.language.predictor(request.runId);
    const { words } = predictor.nextWords(request.text, {
      topK: request.topK,
      temperature: request.temperature,
    });
    const tokens = request.surprise ? predictor.surprise(request.text) : [];
    return { words, tokens, engineMs: performance.now() - started };
  },

  async 'lm-surprise'(request, { session }) {
    const started = performance.now();
    const tokens = session.language.predictor(request.runId).surprise(request.text);
    return { tokens, engineMs: performance.now() - started };
  },

  async 'lm-generate'(request, { session }) {
    return session.language.predictor(request.runId).generate(request.text, {
      words: request.words,
      temperature: request.temperature,
      ...(request.topK === undefined ? {} : { topK: request.topK }),
      ...(request.seed === undefined ? {} : { seed: request.seed }),
    });
  },

  async 'lm-save'(request, { session }) {
    const kept = session.language.get(request.runId);
    await saveLanguageProject(request.dir, { ...kept, result: request.result });
    return { dir: request.dir };
  },

  async 'lm-open'(request, { session }) {
    const opened = await openLanguageProject(request.dir);
    const { spec, model, vocabulary, settings, record, result } = opened;
    session.language.keep(request.keepAs, { spec, model, vocabulary, settings, record });
    return {
      spec,
      settings,
      record,
      result,
      vocabSize: vocabulary.words.length,
      paramCount: model.countParams(),
    };
  },
};
