import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildLanguageModel } from '../src-main/engine/model/build-model';
import { disposeModel } from '../src-main/engine/model/dispose-model';
import type { ModelSpec } from '../src-main/engine/model/model-spec';
import { runTrainLoop } from '../src-main/engine/train/train-loop';
import { prepareCorpus } from '../src-main/engine/language/language-corpus';
import {
  DEFAULT_LANGUAGE_SETTINGS,
  DEFAULT_LANGUAGE_SPEC,
} from '../src-main/engine/language/language-settings';
import { sequenceBatchSource } from '../src-main/engine/language/sequence-batch-source';
import { sparseSoftmaxCrossEntropy } from '../src-main/engine/language/sparse-cross-entropy';
import { createNextWordPredictor } from '../src-main/engine/language/next-word';

export interface LanguageBench {
  vocabSize: number;
  layers: number[];
  embeddingDim: number;
  seqLen: number;
  batchSize: number;
  steps: number;
  tokensPerSecond: number;
  /** Median ms from a prompt to its next-word distribution (top 10), warm. */
  latencyMs: number;
  latencyP90Ms: number;
}

/**
 * Training speed of a word-level model with a 10 000-word vocabulary (the 9 999 most frequent
 * tokens of Moby Dick plus <unk>), timed over `steps` steps after 2 warm-up steps with validation
 * switched off; then keystroke-to-distribution latency: the median of 50 calls of next-word on a
 * short prompt after 5 warm-up calls. Run on the active backend.
 */
export async function runLanguageBench(layers: number[], steps: number): Promise<LanguageBench> {
  const text = readFileSync(
    join(import.meta.dirname, '../resources/samples/moby-dick.txt'),
    'utf8',
  );
  const corpus = prepareCorpus(text, { minCount: 1, maxVocab: 9_999 });
  const vocabSize = corpus.vocabulary.words.length;
  const spec: ModelSpec = { ...DEFAULT_LANGUAGE_SPEC, layers, earlyStopping: null };
  const embeddingDim = DEFAULT_LANGUAGE_SETTINGS.embeddingDim;
  const source = {
    ...sequenceBatchSource(corpus.ids, corpus.valStart, spec.lookback),
    *valBatches() {},
  };
  const model = buildLanguageModel(spec, vocabSize, embeddingDim);
  try {
    const train = (n: number) =>
      runTrainLoop({
        model,
        spec: { ...spec, budget: { kind: 'steps', steps: n } },
        source,
        lossFn: sparseSoftmaxCrossEntropy,
      });
    await train(2);
    const timed = await train(steps);
    const predictor = createNextWordPredictor({
      model,
      vocabulary: corpus.vocabulary,
      tokenize: {},
      contextTokens: spec.lookback,
    });
    const prompt = 'Call me Ishmael. Some years ago, never mind how long precisely, having';
    for (let i = 0; i < 5; i++) predictor.nextWords(prompt, { topK: 10 });
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      predictor.nextWords(prompt.slice(0, prompt.length - (i % 7)), { topK: 10 });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return {
      vocabSize,
      layers,
      embeddingDim,
      seqLen: spec.lookback,
      batchSize: spec.batchSize,
      steps: timed.steps,
      tokensPerSecond: (timed.steps * spec.batchSize * spec.lookback) / timed.seconds,
      latencyMs: times[25]!,
      latencyP90Ms: times[45]!,
    };
  } finally {
    disposeModel(model);
  }
}
