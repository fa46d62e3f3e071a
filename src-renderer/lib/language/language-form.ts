import { z } from 'zod';
import {
  corpusOptionsSchema,
  type LanguageDefaultsValue,
  type LanguageTrainRequest,
} from '../../../src-main/contract/language-schemas';
import { trainStartSchema } from '../../../src-main/contract/train-schemas';
import type { PerplexityPoint } from '../charts/perplexity-chart-option';
import type { BackendChoice, ModelSpec } from '../types';

/** What the Language view's settings hold: the model, the vocabulary and the time or epoch budget. */
export interface LanguageForm {
  /** Shared with the designer's spec; `lookback` is the sequence length. */
  spec: ModelSpec;
  embeddingDim: number;
  corpus: z.infer<typeof corpusOptionsSchema>;
  /** Stop after `minutes`, or run the spec's epochs. */
  budget: 'minutes' | 'epochs';
  minutes: number;
}

export const LANGUAGE_FORM_KEY = 'rnn-studio.language.v1';

const formSchema = z.object({
  spec: trainStartSchema.shape.spec,
  embeddingDim: z.number().int().min(1).max(4096),
  corpus: corpusOptionsSchema,
  budget: z.enum(['minutes', 'epochs']),
  minutes: z.number().gt(0),
});

export function defaultForm(defaults: LanguageDefaultsValue): LanguageForm {
  return {
    spec: structuredClone(defaults.spec),
    embeddingDim: defaults.embeddingDim,
    corpus: { ...defaults.corpus },
    budget: 'minutes',
    minutes: defaults.minutes,
  };
}

/**
 * The stored form, field by field: whatever no longer parses (an older version, a half-typed
 * number) falls back to the engine's default without losing the rest. A stored bidirectional flag
 * is dropped: the engine refuses it for a language model.
 */
export function parseForm(raw: string | null, defaults: LanguageForm): LanguageForm {
  let stored: unknown;
  try {
    stored = raw === null ? null : JSON.parse(raw);
  } catch {
    stored = null;
  }
  if (typeof stored !== 'object' || stored === null) return defaults;
  const record = stored as Record<string, unknown>;
  const result: Record<string, unknown> = { ...defaults };
  for (const [key, schema] of Object.entries(formSchema.shape)) {
    const parsed = (schema as z.ZodType).safeParse(record[key]);
    if (parsed.success) result[key] = parsed.data;
  }
  const form = result as unknown as LanguageForm;
  return { ...form, spec: { ...form.spec, bidirectional: false } };
}

/** The form as an lm:train request (a time budget keeps the spec's epochs as an upper bound). */
export function trainRequest(
  form: LanguageForm,
  corpusId: string,
  backend: BackendChoice,
): LanguageTrainRequest {
  return {
    corpusId,
    spec: structuredClone(form.spec),
    embeddingDim: form.embeddingDim,
    minutes: form.budget === 'minutes' ? form.minutes : null,
    backend,
  };
}

/** True when a loaded text was cut into words with other options than the form's. */
export function corpusOptionsDiffer(
  a: z.infer<typeof corpusOptionsSchema>,
  b: z.infer<typeof corpusOptionsSchema>,
): boolean {
  return a.minCount !== b.minCount || a.maxVocab !== b.maxVocab || a.keepCase !== b.keepCase;
}

/**
 * How far a run is, 0–100: by steps, or by time when a time budget will end it first. A run that
 * ran its course is full.
 */
export function runPercent(
  progress: { step: number; totalSteps: number; elapsedSeconds: number } | null,
  maxSeconds: number | null,
): number {
  if (progress === null) return 0;
  const bySteps = progress.totalSteps > 0 ? progress.step / progress.totalSteps : 0;
  const byTime = maxSeconds !== null && maxSeconds > 0 ? progress.elapsedSeconds / maxSeconds : 0;
  return Math.min(100, 100 * Math.max(bySteps, byTime));
}

/**
 * The curves of a finished run. The run's own history has a point per evaluation only; the live
 * reports we watched have the training loss in between. Keep the live points and put the run's
 * evaluations on them (the final one may come after the last report), so the loss curve does not
 * collapse to a few dots when the run ends.
 */
export function mergeHistory(
  live: readonly PerplexityPoint[],
  evaluations: readonly PerplexityPoint[],
): PerplexityPoint[] {
  if (live.length === 0) return evaluations.slice();
  const byStep = new Map<number, PerplexityPoint>();
  for (const point of live) byStep.set(point.step, { ...point, valPerplexity: null });
  for (const point of evaluations) {
    const at = byStep.get(point.step);
    byStep.set(
      point.step,
      at === undefined ? { ...point } : { ...at, valPerplexity: point.valPerplexity },
    );
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}
