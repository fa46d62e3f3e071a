import type * as tf from '@tensorflow/tfjs';
import type { LanguageSettings } from '../engine/language/language-settings';
import { languageModelHandle } from '../engine/language/language-project';
import { createNextWordPredictor, type NextWordPredictor } from '../engine/language/next-word';
import type { Vocabulary } from '../engine/language/vocabulary';
import { disposeModel } from '../engine/model/dispose-model';
import type { ModelSpec } from '../engine/model/model-spec';
import { EngineError } from '../engine/util/engine-error';

/** A trained (or opened) language model kept in the worker to be read from, and saved. */
export interface KeptLanguageModel {
  spec: ModelSpec;
  model: tf.LayersModel;
  vocabulary: Vocabulary;
  settings: LanguageSettings;
  /** What ran, on what: written into a saved project. */
  record: Record<string, unknown>;
}

interface Entry extends KeptLanguageModel {
  /** Built at the first question and reused: every keystroke asks one. */
  predictor: NextWordPredictor | null;
}

/**
 * The worker's language models by run id. Bounded like the forecasters (WorkerSession): a model
 * with a 10 000-word softmax holds tens of megabytes, so the oldest are disposed past `capacity`.
 */
export class LanguageModelStore {
  private readonly entries = new Map<string, Entry>();
  /** Kneser–Ney trigrams of opened texts (plain arrays, a few MB each), by their own ids. */
  private readonly ngrams = new Map<string, NextWordPredictor>();

  constructor(private readonly capacity = 4) {}

  keepNgram(id: string, predictor: NextWordPredictor): void {
    this.ngrams.delete(id);
    this.ngrams.set(id, predictor);
    while (this.ngrams.size > this.capacity) {
      const oldest = this.ngrams.keys().next().value;
      if (oldest === undefined) break;
      this.ngrams.delete(oldest);
    }
  }

  keep(runId: string, kept: KeptLanguageModel): void {
    this.discard(runId);
    this.entries.set(runId, { ...kept, predictor: null });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.discard(oldest);
    }
  }

  get(runId: string): KeptLanguageModel {
    return this.require(runId);
  }

  /** A trained network's predictor, or an opened text's trigram (see keepNgram). */
  predictor(runId: string): NextWordPredictor {
    const ngram = this.ngrams.get(runId);
    if (ngram !== undefined) return ngram;
    const entry = this.require(runId);
    entry.predictor ??= createNextWordPredictor(languageModelHandle(entry));
    return entry.predictor;
  }

  discard(runId: string): void {
    const entry = this.entries.get(runId);
    if (entry === undefined) return;
    disposeModel(entry.model);
    this.entries.delete(runId);
  }

  private require(runId: string): Entry {
    const entry = this.entries.get(runId);
    if (entry === undefined) {
      throw new EngineError(
        'INVALID_OPTIONS',
        'this language model is no longer in memory; train it again or open its project',
      );
    }
    return entry;
  }
}
