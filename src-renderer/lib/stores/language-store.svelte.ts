import type { Api } from '../../../src-main/contract/api';
import type { EventOf } from '../../../src-main/contract/api-contract';
import type {
  CorpusSourceValue,
  CorpusSummaryValue,
  LanguageDefaultsValue,
  LanguageProgressValue,
  LanguageRunValue,
  NextWordsValue,
  SurpriseValue,
} from '../../../src-main/contract/language-schemas';
import { joinTokens } from '../../../src-main/contract/language-rules';
import type { ApiError, Result } from '../../../src-main/contract/result';
import type { PerplexityPoint } from '../charts/perplexity-chart-option';
import {
  LANGUAGE_FORM_KEY,
  corpusOptionsDiffer,
  defaultForm,
  mergeHistory,
  parseForm,
  trainRequest,
  type LanguageForm,
} from '../language/language-form';
import { latestWins, type LatestWins } from '../language/latest-wins';
import type { BackendChoice } from '../types';
import { throttle, type Throttled, type Timers } from './throttle';

export type LanguagePhase =
  'idle' | 'starting' | 'preparing' | 'running' | 'stopping' | 'finished' | 'failed';

/** Wait this long after a keystroke before asking for the next word (and ask at most once at a time). */
export const TYPING_DEBOUNCE_MS = 50;
/**
 * The tints (every word's surprise) cost a second pass over the whole text: they are asked apart
 * from the bars, once typing pauses this long, so the bars never wait for them.
 */
export const TINT_DEBOUNCE_MS = 150;
const LIVE_UPDATE_MS = 200;

interface Question {
  runId: string;
  text: string;
  topK: number;
  temperature: number;
  /** performance.now() when the user changed what is asked (for the keystroke-to-bars latency). */
  askedAt: number;
}

type LanguageEvent =
  | { kind: 'progress'; payload: EventOf<'lm:progress'> }
  | { kind: 'done'; payload: EventOf<'lm:done'> }
  | { kind: 'failed'; payload: EventOf<'lm:failed'> };

/**
 * The Language view's state: the engine's defaults and the user's settings (kept in storage), the
 * loaded text, one training run with live progress, and the reading of a text by the trained model
 * (next-word bars and per-word surprise) as the user types.
 */
export class LanguageStore {
  defaults: LanguageDefaultsValue | null = $state.raw(null);
  form: LanguageForm | null = $state(null);
  loadError: ApiError | null = $state.raw(null);

  /** Which text is chosen: the sample's id, or a file's name. */
  source: CorpusSourceValue | null = $state.raw(null);
  corpus: CorpusSummaryValue | null = $state.raw(null);
  corpusLoading = $state(false);
  corpusError: ApiError | null = $state.raw(null);

  phase: LanguagePhase = $state('idle');
  runId: string | null = $state(null);
  progress: LanguageProgressValue | null = $state.raw(null);
  history: PerplexityPoint[] = $state.raw([]);
  run: LanguageRunValue | null = $state.raw(null);
  error: ApiError | null = $state.raw(null);

  text = $state('');
  topK = $state(10);
  temperature = $state(1);
  generateWords = $state(20);
  answer: NextWordsValue | null = $state.raw(null);
  /** Each word of the text as the model read it: known or not, and how surprising. */
  reading: SurpriseValue | null = $state.raw(null);
  answerError: ApiError | null = $state.raw(null);
  /** From the change that asked (a keystroke, a slider) to its answer being on screen, ms. */
  latencyMs: number | null = $state(null);
  generating = $state(false);
  saving = $state(false);
  savedPath: string | null = $state(null);

  readonly isTraining: boolean = $derived(
    this.phase === 'starting' ||
      this.phase === 'preparing' ||
      this.phase === 'running' ||
      this.phase === 'stopping',
  );
  /**
   * What answers the next-word questions: the trained (or opened) network, else the loaded text's
   * Kneser–Ney trigram, so a text is useful the moment it is opened.
   */
  readonly readerId: string | null = $derived(this.run?.runId ?? this.corpus?.ngram?.runId ?? null);
  readonly readingWith: 'network' | 'ngram' | null = $derived(
    this.run !== null ? 'network' : this.corpus?.ngram ? 'ngram' : null,
  );
  /** A model to read with, and nothing training now. */
  readonly canRead: boolean = $derived(this.readerId !== null && !this.isTraining);

  readonly #api: Api;
  readonly #storage: Storage | null;
  readonly #publish: Throttled;
  readonly #questions: LatestWins<Question>;
  readonly #tints: LatestWins<Question>;
  readonly #unsubscribe: (() => void)[];
  #liveHistory: PerplexityPoint[] = [];
  #liveProgress: LanguageProgressValue | null = null;
  #early: LanguageEvent[] = [];
  #seed = 1;
  #loading: Promise<void> | null = null;

  constructor(api: Api, storage: Storage | null = null, timers?: Timers) {
    this.#api = api;
    this.#storage = storage;
    this.#publish = throttle(
      () => {
        this.history = this.#liveHistory.slice();
        this.progress = this.#liveProgress;
      },
      LIVE_UPDATE_MS,
      timers,
    );
    this.#questions = latestWins<Question, Result<NextWordsValue>>({
      debounceMs: TYPING_DEBOUNCE_MS,
      ...(timers ? { timers } : {}),
      fetch: ({ runId, text, topK, temperature }) =>
        this.#api.call('lm:next', { runId, text, topK, temperature, surprise: false }),
      apply: (result, question) => {
        if (question.runId !== this.readerId) return;
        if (result.ok) {
          this.answer = result.value;
          this.answerError = null;
          this.latencyMs = performance.now() - question.askedAt;
        } else {
          this.answerError = result.error;
        }
      },
    });
    this.#tints = latestWins<Question, Result<SurpriseValue>>({
      debounceMs: TINT_DEBOUNCE_MS,
      ...(timers ? { timers } : {}),
      fetch: ({ runId, text }) => this.#api.call('lm:surprise', { runId, text }),
      apply: (result, question) => {
        if (question.runId !== this.readerId) return;
        if (result.ok) this.reading = result.value;
        else this.answerError = result.error;
      },
    });
    this.#unsubscribe = [
      api.on('lm:progress', (payload) => this.#receive({ kind: 'progress', payload })),
      api.on('lm:done', (payload) => this.#receive({ kind: 'done', payload })),
      api.on('lm:failed', (payload) => this.#receive({ kind: 'failed', payload })),
    ];
  }

  /** Fetches the engine's defaults once and restores the stored settings over them. */
  load(): Promise<void> {
    this.#loading ??= (async () => {
      const result = await this.#api.call('lm:defaults', {});
      if (!result.ok) {
        this.loadError = result.error;
        this.#loading = null;
        return;
      }
      this.defaults = result.value;
      this.form = parseForm(this.#read(), defaultForm(result.value));
    })();
    return this.#loading;
  }

  /** Writes the settings (called from an effect on every change). */
  save(): void {
    if (this.form === null) return;
    try {
      this.#storage?.setItem(LANGUAGE_FORM_KEY, JSON.stringify($state.snapshot(this.form)));
    } catch {
      // A full or disabled storage costs only persistence.
    }
  }

  resetForm(): void {
    if (this.defaults !== null) this.form = defaultForm(this.defaults);
  }

  /** Loads and tokenises a text with the form's vocabulary options. */
  async loadCorpus(source: CorpusSourceValue): Promise<boolean> {
    if (this.form === null) await this.load();
    const form = this.form;
    if (form === null) return false;
    this.source = source;
    this.corpusLoading = true;
    this.corpusError = null;
    const result = await this.#api.call('lm:corpus', {
      source,
      options: $state.snapshot(form.corpus),
    });
    this.corpusLoading = false;
    if (this.source !== source) return false;
    if (!result.ok) {
      this.corpusError = result.error;
      this.corpus = null;
      return false;
    }
    this.corpus = result.value;
    // Without a network yet, the text's trigram answers at once.
    if (this.run === null) this.#askAll();
    return true;
  }

  async loadFile(file: File): Promise<boolean> {
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      this.corpusError = {
        code: 'FILE_READ',
        message: `could not read ${file.name}: ${error instanceof Error ? error.message : String(error)}`,
      };
      return false;
    }
    return this.loadCorpus({ text, name: file.name });
  }

  /** The vocabulary options changed since the text was loaded: it must be cut again. */
  get corpusStale(): boolean {
    return (
      this.corpus !== null &&
      this.form !== null &&
      corpusOptionsDiffer(this.corpus.options, this.form.corpus)
    );
  }

  async train(backend: BackendChoice): Promise<boolean> {
    if (this.isTraining || this.form === null || this.source === null) return false;
    this.phase = 'starting';
    this.error = null;
    if (this.corpus === null || this.corpusStale) {
      if (!(await this.loadCorpus(this.source)) || this.corpus === null) {
        this.phase = 'idle';
        return false;
      }
    }
    this.#questions.cancel();
    this.#tints.cancel();
    this.runId = null;
    this.run = null;
    this.answer = null;
    this.reading = null;
    this.answerError = null;
    this.savedPath = null;
    this.progress = null;
    this.history = [];
    this.#liveHistory = [];
    this.#liveProgress = null;
    this.#early = [];
    const started = await this.#api.call(
      'lm:train',
      trainRequest($state.snapshot(this.form) as LanguageForm, this.corpus.id, backend),
    );
    if (!started.ok) {
      this.phase = 'failed';
      this.error = started.error;
      return false;
    }
    this.runId = started.value.runId;
    this.phase = 'preparing';
    const early = this.#early;
    this.#early = [];
    for (const event of early) this.#receive(event);
    return true;
  }

  async stop(): Promise<void> {
    if (this.runId === null || (this.phase !== 'running' && this.phase !== 'preparing')) return;
    this.phase = 'stopping';
    const result = await this.#api.call('lm:stop', { runId: this.runId });
    if (!result.ok) {
      this.error = result.error;
      this.phase = 'running';
    }
  }

  /** The text box changed: ask for the next word once typing pauses, and the tints after. */
  setText(text: string): void {
    this.text = text;
    const question = this.#question();
    if (question === null) return;
    this.#questions.request(question);
    this.#tints.request(question);
  }

  /** Ask for the bars again now (k or temperature changed: the tints do not depend on them). */
  ask(): void {
    const question = this.#question();
    if (question !== null) this.#questions.requestNow(question);
  }

  /** Ask for the bars and the tints now (the text was replaced, a model became ready). */
  #askAll(): void {
    const question = this.#question();
    if (question === null) return;
    this.#questions.requestNow(question);
    this.#tints.requestNow(question);
  }

  /** Appends a word as generation would write it, and asks what follows. */
  appendWord(word: string): void {
    // After a line break the word starts the new line; otherwise trailing spaces give way to the
    // engine's spacing (none before punctuation).
    const base = /\n\s*$/u.test(this.text) ? this.text : this.text.trimEnd();
    this.text = joinTokens([word], base);
    this.#askAll();
  }

  /** Continues the text with `generateWords` sampled words (a new seed each time). */
  async generate(): Promise<void> {
    const runId = this.readerId;
    if (runId === null || !this.canRead || this.generating) return;
    this.generating = true;
    const result = await this.#api.call('lm:generate', {
      runId,
      text: this.text,
      words: this.generateWords,
      temperature: this.temperature,
      topK: this.topK,
      seed: this.#seed++,
    });
    this.generating = false;
    if (!result.ok) {
      this.answerError = result.error;
      return;
    }
    this.text = result.value.text;
    this.#askAll();
  }

  async saveProject(path?: string): Promise<void> {
    const run = this.run;
    if (run === null || this.saving) return;
    this.saving = true;
    const result = await this.#api.call('lm:save', {
      runId: run.runId,
      ...(path === undefined ? {} : { path }),
    });
    this.saving = false;
    if (result.ok) this.savedPath = result.value.path;
    else this.error = result.error;
  }

  async openProject(path: string): Promise<boolean> {
    if (this.isTraining) return false;
    const result = await this.#api.call('lm:open', { path });
    if (!result.ok) {
      this.error = result.error;
      return false;
    }
    this.#liveHistory = [];
    this.#show(result.value.run);
    this.progress = null;
    return true;
  }

  dispose(): void {
    this.#publish.cancel();
    this.#questions.cancel();
    this.#tints.cancel();
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
  }

  #question(): Question | null {
    const runId = this.readerId;
    if (runId === null || !this.canRead) return null;
    return {
      runId,
      text: this.text,
      topK: this.topK,
      temperature: this.temperature,
      askedAt: performance.now(),
    };
  }

  #show(run: LanguageRunValue): void {
    this.#publish.cancel();
    this.#questions.cancel();
    this.#tints.cancel();
    this.runId = run.runId;
    this.run = run;
    this.error = null;
    this.answer = null;
    this.reading = null;
    this.answerError = null;
    this.savedPath = null;
    const evaluations = run.history.map(({ step, loss, valPerplexity }) => ({
      step,
      loss,
      valPerplexity,
    }));
    this.history = mergeHistory(this.#liveHistory, evaluations);
    this.phase = 'finished';
    this.#askAll();
  }

  #receive(event: LanguageEvent): void {
    if (this.phase === 'starting') {
      this.#early.push(event);
      return;
    }
    if (event.payload.runId !== this.runId || !this.isTraining) return;
    switch (event.kind) {
      case 'progress': {
        const payload = event.payload;
        this.#liveProgress = payload;
        const p = payload.progress;
        if (p !== null) {
          if (this.phase === 'preparing') this.phase = 'running';
          this.#liveHistory.push({ step: p.step, loss: p.loss, valPerplexity: null });
          // Each report carries the latest evaluation: mark it once, where it was made.
          const last = this.#liveHistory.findLast((h) => h.valPerplexity !== null);
          if (payload.valPerplexity !== null && last?.valPerplexity !== payload.valPerplexity) {
            this.#liveHistory.at(-1)!.valPerplexity = payload.valPerplexity;
          }
        }
        this.#publish.request();
        break;
      }
      case 'done': {
        this.#publish.flush();
        const progress = this.#liveProgress;
        this.#show(event.payload.result);
        this.progress = progress;
        break;
      }
      case 'failed':
        this.#publish.flush();
        this.error = event.payload.error;
        this.phase = 'failed';
        break;
    }
  }

  #read(): string | null {
    try {
      return this.#storage?.getItem(LANGUAGE_FORM_KEY) ?? null;
    } catch {
      return null;
    }
  }
}
