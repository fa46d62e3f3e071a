import type * as tf from '@tensorflow/tfjs';
import { registerKernelFixes } from '../backend/register-kernel-fixes';
import { buildLanguageModel } from '../model/build-model';
import { disposeModel } from '../model/dispose-model';
import type { ModelSpec } from '../model/model-spec';
import { evaluateLoss, runTrainLoop } from '../train/train-loop';
import type { TrainOutcome } from '../train/train-progress';
import { EngineError } from '../util/engine-error';
import { kneserNeyBaseline, type KneserNeyBaseline } from './kneser-ney-baseline';
import { prepareCorpus, type LanguageCorpus } from './language-corpus';
import type { LanguageSettings } from './language-settings';
import { sequenceBatchSource } from './sequence-batch-source';
import { sparseSoftmaxCrossEntropy } from './sparse-cross-entropy';
import {
  buildSampledTraining,
  meanTokenLoss,
  type SampledTraining,
} from './sampled-softmax-training';
import type { TrainHooks } from '../forecast/train-forecaster';

export interface LanguageTrainHooks extends TrainHooks {
  /** Called once the text is tokenised and the n-gram baseline is known, before training starts. */
  onPrepared?: (info: { corpus: LanguageCorpus; baseline: KneserNeyBaseline }) => void;
}

export interface TrainedLanguageModel {
  /** Inference-ready model: token ids `[batch, steps]` → logits `[batch, steps, vocab]`. */
  model: tf.LayersModel;
  corpus: LanguageCorpus;
  settings: LanguageSettings;
  outcome: TrainOutcome;
  /** Validation perplexity of the weights the model holds, exp(mean cross-entropy per token). */
  perplexity: number;
  baseline: KneserNeyBaseline;
}

/**
 * Tokenise the text, build the vocabulary on its first 90 %, fit the Kneser–Ney baseline, build
 * the spec's network (embedding → recurrent stack → logits) and train it with truncated BPTT
 * (`spec.lookback` is the sequence length) on sparse softmax cross-entropy, through the shared
 * training loop: progress, cancel, early stopping, NaN guard, and an optional time budget
 * (`settings.maxSeconds`). Validation runs twice per epoch (a full-softmax pass over the
 * held-out tenth costs about 3 % of an epoch), so early stopping can keep weights from mid-epoch,
 * and once more when a time budget ends the run.
 */
export async function trainLanguageModel(
  text: string,
  spec: ModelSpec,
  settings: LanguageSettings,
  hooks: LanguageTrainHooks = {},
): Promise<TrainedLanguageModel> {
  registerKernelFixes();
  if (settings.maxSeconds !== undefined && !(settings.maxSeconds > 0)) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `the time budget must be > 0 seconds (got ${settings.maxSeconds})`,
    );
  }
  const corpus = prepareCorpus(text, settings.corpus);
  const baseline = kneserNeyBaseline(corpus);
  hooks.onPrepared?.({ corpus, baseline });
  const vocabSize = corpus.vocabulary.words.length;
  const model = buildLanguageModel(spec, vocabSize, settings.embeddingDim);
  let sampled: SampledTraining | null = null;
  try {
    if (settings.sampledSoftmax !== undefined && settings.sampledSoftmax < vocabSize) {
      sampled = buildSampledTraining(model, settings.sampledSoftmax, spec.seed ^ 0x5a3b1ed);
    }
    // Full softmax: the model itself on (inputs, targets). Sampled: the training graph on windows.
    const source = sequenceBatchSource(corpus.ids, corpus.valStart, spec.lookback, {
      layout: sampled === null ? 'pairs' : 'windows',
    });
    const trained = sampled?.model ?? model;
    const lossFn = sampled === null ? sparseSoftmaxCrossEntropy : meanTokenLoss;
    const perEpoch = Math.max(1, Math.ceil(source.trainCount / spec.batchSize));
    const outcome = await runTrainLoop({
      model: trained,
      spec,
      source,
      lossFn,
      evalEvery: Math.max(1, Math.ceil(perEpoch / 2)),
      ...(settings.maxSeconds === undefined ? {} : { maxSeconds: settings.maxSeconds }),
      ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
      ...(hooks.isCancelled ? { isCancelled: hooks.isCancelled } : {}),
    });
    // The loss of the weights the model now holds: recorded when they were evaluated, else
    // (cancel, NaN stop between evaluations) measured now.
    const recorded = outcome.history.find((h) => h.step === outcome.restoredStep)?.valLoss;
    const valLoss = recorded ?? evaluateLoss(trained, source, lossFn);
    if (valLoss === null) throw new EngineError('INTERNAL', 'the validation part is empty');
    sampled?.copyToOutput();
    return { model, corpus, settings, outcome, perplexity: Math.exp(valLoss), baseline };
  } catch (error) {
    disposeModel(model);
    throw error;
  } finally {
    sampled?.dispose();
  }
}
