import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { EventName, EventOf, ParsedRequestOf, ResponseOf } from '../contract/api-contract';
import {
  languageRunSchema,
  type CorpusOptionsValue,
  type CorpusSourceValue,
  type LanguageRunValue,
  type LANGUAGE_CHANNELS,
} from '../contract/language-schemas';
import {
  DEFAULT_LANGUAGE_SETTINGS,
  DEFAULT_LANGUAGE_SPEC,
  DEFAULT_TIME_BUDGET_MINUTES,
  type LanguageSettings,
} from '../engine/language/language-settings';
import type { TokenSurprise } from '../engine/language/next-word';
import { refuseBidirectionalLanguageModel } from '../engine/model/param-count';
import { EngineError } from '../engine/util/engine-error';
import { reasonOf } from '../engine/util/fs-errors';
import type { LanguageTrainJobResult } from '../worker/language-jobs';
import type { WorkerHost } from '../worker/worker-host';
import type { AppState } from './app-state';
import { LANGUAGE_SAMPLES } from './language-samples';
import { samplePath } from './samples';

export type LanguageChannel = keyof typeof LANGUAGE_CHANNELS;

export type LanguageHandlers = {
  [C in LanguageChannel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
};

export interface LanguageDeps {
  host: WorkerHost;
  /** Shared with forecasting: one job trains at a time (`state.active`), whatever its kind. */
  state: AppState;
  emit: <E extends EventName>(event: E, payload: EventOf<E>) => void;
  resourcesDir: string;
  projectsDir: string;
}

/** A loaded text, kept here (not in the worker) so a worker restart never loses it. */
interface CorpusEntry {
  name: string;
  text: string;
  options: CorpusOptionsValue;
}

/** Texts past this are better trained from the command line (`rnn-studio lm`). */
const MAX_TEXT_BYTES = 32 * 1024 * 1024;
/** Loaded texts kept at once: each may be megabytes. */
const MAX_CORPORA = 4;
const EXCERPT_CHARS = 600;

function checkText(text: string, name: string): string {
  if (text.includes('\u0000')) {
    throw new EngineError('INVALID_OPTIONS', `${name} looks like a binary file, not text`);
  }
  if (text.trim() === '') throw new EngineError('DATA_TOO_SHORT', `${name} is empty`);
  return text;
}

async function readTextFile(path: string): Promise<string> {
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
  } catch (error) {
    throw new EngineError('INVALID_OPTIONS', `cannot read ${path}: ${reasonOf(error)}`, {
      cause: error,
    });
  }
  if (buffer.byteLength > MAX_TEXT_BYTES) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `${basename(path)} is ${(buffer.byteLength / 1048576).toFixed(0)} MB; the app takes texts up to ${MAX_TEXT_BYTES / 1048576} MB (train larger ones with rnn-studio lm --text FILE)`,
    );
  }
  // A byte-order mark is not part of the first word.
  return buffer.toString('utf8').replace(/^\uFEFF/, '');
}

function excerptOf(text: string): string {
  const start = text.trimStart();
  if (start.length <= EXCERPT_CHARS) return start;
  const cut = start.lastIndexOf(' ', EXCERPT_CHARS);
  return `${start.slice(0, cut > EXCERPT_CHARS / 2 ? cut : EXCERPT_CHARS)}…`;
}

function fileSafe(name: string): string {
  return (
    name
      .replace(/\.[^.]+$/, '')
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'text'
  );
}

function settingsOf(
  embeddingDim: number,
  options: CorpusOptionsValue,
  minutes: number | null,
): LanguageSettings {
  // The engine's defaults first: whatever else it sets for a language model (such as how the
  // softmax is trained) applies in the app as in the CLI.
  return {
    ...DEFAULT_LANGUAGE_SETTINGS,
    embeddingDim,
    corpus: { minCount: options.minCount, maxVocab: options.maxVocab, keepCase: options.keepCase },
    ...(minutes === null ? {} : { maxSeconds: minutes * 60 }),
  };
}

/** A token as the contract carries it (the engine's object may hold more). */
function readToken({ token, start, end, known, p, surprise }: TokenSurprise) {
  return { token, start, end, known, p, surprise };
}

/** The engine's refusal, word for word, so the form and the error say the same thing. */
function bidirectionalReason(): string {
  try {
    refuseBidirectionalLanguageModel({ ...DEFAULT_LANGUAGE_SPEC, bidirectional: true });
  } catch (error) {
    return reasonOf(error);
  }
  return 'a language model cannot be bidirectional';
}

/** The worker's finished run in the contract's shape. */
export function toLanguageRun(
  base: Pick<
    LanguageRunValue,
    'runId' | 'corpusId' | 'corpusName' | 'spec' | 'embeddingDim' | 'corpusOptions' | 'minutes'
  >,
  job: LanguageTrainJobResult,
): LanguageRunValue {
  const { outcome } = job;
  return {
    ...base,
    backend: job.backend,
    status: outcome.status,
    message: outcome.message,
    steps: outcome.steps,
    epochs: outcome.epochs,
    seconds: outcome.seconds,
    paramCount: job.paramCount,
    vocabSize: job.vocabSize,
    tokens: job.tokens,
    unkRate: job.unkRate,
    perplexity: job.perplexity,
    baselinePerplexity: job.baselinePerplexity,
    history: outcome.history.map((h) => ({
      step: h.step,
      epoch: h.epoch,
      loss: h.loss,
      valLoss: h.valLoss,
      valPerplexity: h.valLoss === null ? null : Math.exp(h.valLoss),
    })),
  };
}

/**
 * The Language view's channels: texts, training (in the worker, with lm:* events), next-word
 * questions, generation, and projects. Transport-free like every handler. A language model trains
 * in the same worker as a forecaster, so the two share `state.active`: one training at a time, and
 * questions to a model wait for no training run (they are refused while one is going).
 */
export function createLanguageHandlers(deps: LanguageDeps): LanguageHandlers {
  const { host, state, emit } = deps;
  const corpora = new Map<string, CorpusEntry>();
  const runs = new Map<string, LanguageRunValue>();

  const refuseWhileBusy = (): void => {
    if (state.active !== null || state.backtest !== null) {
      throw new EngineError(
        'BUSY',
        state.active !== null
          ? 'a model is training; try again when it has finished (or stop it)'
          : 'a backtest is running; try again when it has finished (or stop it)',
      );
    }
  };

  const readSource = async (source: CorpusSourceValue) => {
    if ('sample' in source) {
      const sample = LANGUAGE_SAMPLES.find((s) => s.id === source.sample)!;
      const text = await readTextFile(samplePath(deps.resourcesDir, sample.file));
      return { name: sample.name, attribution: sample.attribution, text };
    }
    if ('path' in source) {
      const name = basename(source.path);
      return { name, attribution: null, text: checkText(await readTextFile(source.path), name) };
    }
    return { name: source.name, attribution: null, text: checkText(source.text, source.name) };
  };

  /** Ids of opened texts' trigrams in the worker: they answer lm:next, surprise and generate. */
  const ngrams = new Set<string>();
  /** A model that can be read from: a trained or opened network, or an opened text's trigram. */
  const requireReadable = (runId: string): void => {
    if (!ngrams.has(runId)) requireRun(runId);
  };
  const requireRun = (runId: string): LanguageRunValue => {
    const run = runs.get(runId);
    if (run === undefined) {
      throw new EngineError('INVALID_OPTIONS', 'that language model is not trained or not open');
    }
    return run;
  };

  return {
    async 'lm:defaults'() {
      const { corpus } = DEFAULT_LANGUAGE_SETTINGS;
      return {
        spec: DEFAULT_LANGUAGE_SPEC,
        embeddingDim: DEFAULT_LANGUAGE_SETTINGS.embeddingDim,
        corpus: { minCount: corpus.minCount, maxVocab: corpus.maxVocab, keepCase: false },
        minutes: DEFAULT_TIME_BUDGET_MINUTES,
        bidirectionalReason: bidirectionalReason(),
        samples: LANGUAGE_SAMPLES.map(({ id, name, description, attribution }) => ({
          id,
          name,
          description,
          attribution,
        })),
      };
    },

    async 'lm:corpus'({ source, options }) {
      refuseWhileBusy();
      const { name, attribution, text } = await readSource(source);
      const ngramId = `ngram:${randomUUID()}`;
      const { ngramPerplexity, ...stats } = await host.run('lm-corpus', {
        text,
        options,
        keepNgramAs: ngramId,
      }).result;
      ngrams.add(ngramId);
      // The worker keeps the latest few; older ids then answer "not in memory" as values.
      while (ngrams.size > MAX_CORPORA) ngrams.delete(ngrams.values().next().value!);
      const id = `corpus:${randomUUID()}`;
      corpora.set(id, { name, text, options });
      while (corpora.size > MAX_CORPORA) corpora.delete(corpora.keys().next().value!);
      return {
        id,
        name,
        attribution,
        characters: text.length,
        ...stats,
        excerpt: excerptOf(text),
        options,
        ngram: ngramPerplexity === null ? null : { runId: ngramId, perplexity: ngramPerplexity },
      };
    },

    async 'lm:train'({ corpusId, spec, embeddingDim, minutes, backend }) {
      refuseBidirectionalLanguageModel(spec);
      refuseWhileBusy();
      const corpus = corpora.get(corpusId);
      if (corpus === undefined) {
        throw new EngineError('INVALID_OPTIONS', 'that text is no longer loaded; load it again');
      }
      const runId = randomUUID();
      const maxSeconds = minutes === null ? null : minutes * 60;
      let baselinePerplexity: number | null = null;
      let vocabSize: number | null = null;
      const job = host.run(
        'lm-train',
        {
          backend,
          text: corpus.text,
          textName: corpus.name,
          spec,
          settings: settingsOf(embeddingDim, corpus.options, minutes),
          keepAs: runId,
        },
        (update) => {
          if (update.kind === 'prepared') {
            baselinePerplexity = update.baselinePerplexity;
            vocabSize = update.vocabSize;
          }
          const progress = update.kind === 'step' ? update.progress : null;
          emit('lm:progress', {
            runId,
            phase: update.kind === 'step' ? 'training' : 'preparing',
            progress,
            valPerplexity: progress?.valLoss == null ? null : Math.exp(progress.valLoss),
            baselinePerplexity,
            vocabSize,
            maxSeconds,
          });
        },
      );
      state.active = { runId, job };
      // Tokenising a book takes seconds: say so before the first report from the worker.
      emit('lm:progress', {
        runId,
        phase: 'preparing',
        progress: null,
        valPerplexity: null,
        baselinePerplexity: null,
        vocabSize: null,
        maxSeconds,
      });
      job.result.then(
        (value) => {
          const result = toLanguageRun(
            {
              runId,
              corpusId,
              corpusName: corpus.name,
              spec,
              embeddingDim,
              corpusOptions: corpus.options,
              minutes,
            },
            value,
          );
          runs.set(runId, result);
          state.active = null;
          emit('lm:done', { runId, result });
        },
        (error: unknown) => {
          state.active = null;
          const e =
            error instanceof EngineError ? error : new EngineError('INTERNAL', String(error));
          emit('lm:failed', { runId, error: { code: e.code, message: e.message } });
        },
      );
      return { runId };
    },

    async 'lm:stop'({ runId }) {
      if (state.active?.runId !== runId) return { stopping: false };
      state.active.job.cancel();
      return { stopping: true };
    },

    async 'lm:next'({ runId, text, topK, temperature, surprise }) {
      requireReadable(runId);
      refuseWhileBusy();
      const answer = await host.run('lm-next', { runId, text, topK, temperature, surprise }).result;
      return {
        text,
        words: answer.words,
        tokens: answer.tokens.map(readToken),
        engineMs: answer.engineMs,
      };
    },

    async 'lm:surprise'({ runId, text }) {
      requireReadable(runId);
      refuseWhileBusy();
      const answer = await host.run('lm-surprise', { runId, text }).result;
      return { text, tokens: answer.tokens.map(readToken), engineMs: answer.engineMs };
    },

    async 'lm:generate'({ runId, text, words, temperature, topK, seed }) {
      requireReadable(runId);
      refuseWhileBusy();
      const generated = await host.run('lm-generate', {
        runId,
        text,
        words,
        temperature,
        ...(topK === undefined ? {} : { topK }),
        ...(seed === undefined ? {} : { seed }),
      }).result;
      return { text: generated.text, tokens: generated.tokens };
    },

    async 'lm:save'({ runId, path }) {
      const run = requireRun(runId);
      refuseWhileBusy();
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      const dir = path ?? join(deps.projectsDir, `${fileSafe(run.corpusName)}-lm-${stamp}`);
      await host.run('lm-save', { runId, dir, result: { run } }).result;
      return { path: dir };
    },

    async 'lm:open'({ path }) {
      refuseWhileBusy();
      const runId = randomUUID();
      const opened = await host.run('lm-open', { dir: path, keepAs: runId }).result;
      const saved = languageRunSchema.safeParse((opened.result as { run?: unknown } | null)?.run);
      const corpusOptions = {
        minCount: opened.settings.corpus.minCount ?? DEFAULT_LANGUAGE_SETTINGS.corpus.minCount,
        maxVocab: opened.settings.corpus.maxVocab ?? DEFAULT_LANGUAGE_SETTINGS.corpus.maxVocab,
        keepCase: opened.settings.corpus.keepCase ?? false,
      };
      const record = opened.record as Partial<{
        backend: LanguageRunValue['backend'];
        text: string;
        seconds: number;
        steps: number;
        status: LanguageRunValue['status'];
        tokens: LanguageRunValue['tokens'];
        unkRate: number;
        perplexity: number;
        kneserNeyTrigram: number;
      }>;
      // A project saved by the CLI carries no run for the view: rebuild what its record says.
      const run: LanguageRunValue = saved.success
        ? { ...saved.data, runId, corpusId: null }
        : {
            runId,
            corpusId: null,
            corpusName: record.text ?? basename(path),
            spec: opened.spec,
            embeddingDim: opened.settings.embeddingDim,
            corpusOptions,
            backend: record.backend ?? { name: 'cpu', version: '', fallbackReason: null },
            status: record.status ?? 'completed',
            message: 'Opened from a project.',
            steps: record.steps ?? 0,
            epochs: 0,
            seconds: record.seconds ?? 0,
            minutes:
              opened.settings.maxSeconds === undefined ? null : opened.settings.maxSeconds / 60,
            paramCount: opened.paramCount,
            vocabSize: opened.vocabSize,
            tokens: record.tokens ?? { train: 0, val: 0 },
            unkRate: record.unkRate ?? 0,
            perplexity: record.perplexity ?? null,
            baselinePerplexity: record.kneserNeyTrigram ?? null,
            history: [],
          };
      runs.set(runId, run);
      return { run };
    },
  };
}
