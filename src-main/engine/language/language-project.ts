import type * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { LAYER_NAMES } from '../model/layer-names';
import type { ModelSpec } from '../model/model-spec';
import { openProject, saveProject } from '../model/project-io';
import { disposeModel } from '../model/dispose-model';
import { EngineError } from '../util/engine-error';
import { languageSettingsSchema, type LanguageSettings } from './language-settings';
import type { LanguageModelHandle } from './next-word';
import { vocabularyFromWords, type Vocabulary } from './vocabulary';

/**
 * A language-model project: the shared project folder (see project-io.ts) whose extras hold
 *
 *   { kind: "language", vocabulary: ["<unk>", "the", ...], settings, record, result }
 *
 * The vocabulary is the word of each id, so the saved model reads and writes the same words it was
 * trained on; settings carry the embedding width and the tokeniser options.
 */
export interface LanguageProjectInput {
  spec: ModelSpec;
  model: tf.LayersModel;
  vocabulary: Vocabulary;
  settings: LanguageSettings;
  /** What ran, on what (backend, versions, seconds, perplexities...): shown when reopened. */
  record?: Record<string, unknown>;
  /** Whatever the UI wants back when the project is reopened (e.g. the run result). */
  result?: unknown;
}

export interface OpenedLanguageModel {
  spec: ModelSpec;
  model: tf.LayersModel;
  vocabulary: Vocabulary;
  settings: LanguageSettings;
  record: Record<string, unknown>;
  result: unknown;
}

const extrasSchema = z.object({
  kind: z.literal('language'),
  vocabulary: z.array(z.string()).min(2),
  settings: languageSettingsSchema,
  record: z.record(z.string(), z.unknown()),
  result: z.unknown(),
});

export async function saveLanguageProject(dir: string, input: LanguageProjectInput): Promise<void> {
  await saveProject(dir, {
    spec: input.spec,
    model: input.model,
    extras: {
      kind: 'language',
      vocabulary: [...input.vocabulary.words],
      settings: input.settings,
      record: input.record ?? {},
      result: input.result ?? null,
    },
  });
}

/** Open a language-model project; the model's output width must match the saved vocabulary. */
export async function openLanguageProject(dir: string): Promise<OpenedLanguageModel> {
  const project = await openProject(dir);
  try {
    const parsed = extrasSchema.safeParse(project.extras);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new EngineError(
        'PROJECT_CORRUPT',
        `project.json is not a language-model project (${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'unexpected content'})`,
      );
    }
    let vocabulary: Vocabulary;
    try {
      vocabulary = vocabularyFromWords(parsed.data.vocabulary);
    } catch (error) {
      throw new EngineError(
        'PROJECT_CORRUPT',
        `project.json holds a damaged vocabulary: ${(error as Error).message}`,
      );
    }
    const outputWords = project.model.getLayer(LAYER_NAMES.output).getWeights()[1]?.shape[0];
    if (outputWords !== vocabulary.words.length) {
      throw new EngineError(
        'PROJECT_CORRUPT',
        `the model predicts ${outputWords ?? '?'} words but project.json lists ${vocabulary.words.length}`,
      );
    }
    return {
      spec: project.spec,
      model: project.model,
      vocabulary,
      settings: parsed.data.settings as LanguageSettings,
      record: parsed.data.record,
      result: parsed.data.result,
    };
  } catch (error) {
    disposeModel(project.model);
    throw error;
  }
}

/** What createNextWordPredictor needs from an opened (or freshly trained) model. */
export function languageModelHandle(
  opened: Pick<OpenedLanguageModel, 'model' | 'vocabulary' | 'settings' | 'spec'>,
): LanguageModelHandle {
  const { keepCase, locale } = opened.settings.corpus;
  return {
    model: opened.model,
    vocabulary: opened.vocabulary,
    tokenize: {
      ...(keepCase === undefined ? {} : { keepCase }),
      ...(locale === undefined ? {} : { locale }),
    },
    contextTokens: opened.spec.lookback,
  };
}
