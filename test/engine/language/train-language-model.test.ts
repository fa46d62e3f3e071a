import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src-main/engine/backend/select-backend';
import { disposeModel } from '../../../src-main/engine/model/dispose-model';
import { TUTORIAL_SINE_SPEC, type ModelSpec } from '../../../src-main/engine/model/model-spec';
import { trainLanguageModel } from '../../../src-main/engine/language/train-language-model';
import type { LanguageSettings } from '../../../src-main/engine/language/language-settings';
import { sequenceBatchSource } from '../../../src-main/engine/language/sequence-batch-source';
import { sparseSoftmaxCrossEntropy } from '../../../src-main/engine/language/sparse-cross-entropy';
import { evaluateLoss } from '../../../src-main/engine/train/train-loop';
import { expectEngineError } from '../model/model-test-kit';
import { samplePath } from '../../sample-files';

/** The first chapters of Moby Dick: ~5 600 tokens, a vocabulary of a few hundred words. */
const TEXT = readFileSync(samplePath('moby-dick.txt'), 'utf8').slice(0, 26_000);

const SMALL: ModelSpec = {
  ...TUTORIAL_SINE_SPEC,
  layers: [32],
  optimizer: 'adam',
  learningRate: 0.01,
  clipNorm: 5,
  lookback: 12,
  batchSize: 16,
  budget: { kind: 'epochs', epochs: 3 },
  earlyStopping: null,
  seed: 11,
};
const SETTINGS: LanguageSettings = { embeddingDim: 16, corpus: { minCount: 2 } };

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('sequence batches', () => {
  it('cut the training part into shifted sequences and score every held-out token once', () => {
    const ids = Int32Array.from({ length: 30 }, (_, i) => i);
    const source = sequenceBatchSource(ids, 20, 4, { valBatchTokens: 8 });
    expect(source.trainCount).toBe(4);
    const batch = source.trainBatch([1, 3]);
    expect(Array.from(batch.xs.dataSync())).toEqual([4, 5, 6, 7, 12, 13, 14, 15]);
    expect(Array.from(batch.ys.dataSync())).toEqual([5, 6, 7, 8, 13, 14, 15, 16]);
    tf.dispose([batch.xs, batch.ys]);
    const targets: number[] = [];
    let size = 0;
    for (const val of source.valBatches()) {
      targets.push(...val.ys.dataSync());
      size += val.size;
      tf.dispose([val.xs, val.ys]);
    }
    expect(targets).toEqual(Array.from({ length: 10 }, (_, i) => 20 + i));
    expect(size).toBe(10);
  });
});

describe('training a language model on wasm', () => {
  it('lowers the validation perplexity in a short real run and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const trained = await trainLanguageModel(TEXT, SMALL, SETTINGS);
    const { outcome, corpus } = trained;
    const vocab = corpus.vocabulary.words.length;
    expect(outcome.status).toBe('completed');
    const first = outcome.history[0]!;
    const last = outcome.history.at(-1)!;
    // About two validation passes per epoch, the last at the last step.
    expect(outcome.history.length).toBeGreaterThanOrEqual(5);
    expect(outcome.history.at(-1)!.step).toBe(outcome.steps);
    expect(last.valLoss!).toBeLessThan(first.valLoss!);
    expect(last.loss).toBeLessThan(first.loss);
    // From a uniform guess over the vocabulary to something that knows the text.
    expect(Math.exp(first.valLoss!)).toBeGreaterThan(trained.perplexity);
    expect(trained.perplexity).toBeLessThan(vocab / 2);
    expect(trained.perplexity).toBeCloseTo(Math.exp(last.valLoss!), 6);
    expect(trained.baseline.perplexity).toBeGreaterThan(1);
    expect(trained.baseline.perplexity).toBeLessThan(vocab);
    disposeModel(trained.model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains with a sampled softmax and reports the full-softmax perplexity of the saved layers', async () => {
    const start = tf.memory().numTensors;
    const trained = await trainLanguageModel(TEXT, SMALL, { ...SETTINGS, sampledSoftmax: 60 });
    const history = trained.outcome.history;
    expect(history.at(-1)!.valLoss!).toBeLessThan(history[0]!.valLoss!);
    expect(trained.perplexity).toBeLessThan(trained.corpus.vocabulary.words.length / 2);
    // The trained head was copied into dense_out: the plain model scores the same.
    const { corpus } = trained;
    const source = sequenceBatchSource(corpus.ids, corpus.valStart, SMALL.lookback);
    const valLoss = evaluateLoss(trained.model, source, sparseSoftmaxCrossEntropy)!;
    expect(Math.exp(valLoss)).toBeCloseTo(trained.perplexity, 3);
    // The training graph and its head are gone with the model: nothing is left behind.
    disposeModel(trained.model);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('stops at the time budget after one last evaluation', async () => {
    const trained = await trainLanguageModel(
      TEXT,
      { ...SMALL, budget: { kind: 'epochs', epochs: 200 } },
      { ...SETTINGS, maxSeconds: 1.5 },
    );
    const { outcome } = trained;
    expect(outcome.status).toBe('completed');
    expect(outcome.message).toContain('time budget');
    expect(outcome.seconds).toBeLessThan(30);
    expect(outcome.history.at(-1)!.step).toBe(outcome.steps);
    expect(trained.perplexity).toBeCloseTo(Math.exp(outcome.history.at(-1)!.valLoss!), 6);
    disposeModel(trained.model);
  });

  it('keeps the current weights on cancel and measures their perplexity', async () => {
    let polls = 0;
    const trained = await trainLanguageModel(TEXT, SMALL, SETTINGS, {
      isCancelled: () => ++polls > 4,
    });
    expect(trained.outcome.status).toBe('cancelled');
    expect(trained.outcome.steps).toBe(4);
    expect(Number.isFinite(trained.perplexity)).toBe(true);
    disposeModel(trained.model);
  });

  it('refuses a bidirectional network with the reason', async () => {
    await expectEngineError(
      trainLanguageModel(TEXT, { ...SMALL, bidirectional: true }, SETTINGS),
      'INVALID_SPEC',
      'cannot be bidirectional',
    );
  });
});

describe('training a language model on cpu', () => {
  it('trains the embedding too (the gather gradient has a kernel there)', async () => {
    await selectBackend('cpu');
    const trained = await trainLanguageModel(
      TEXT.slice(0, 8000),
      { ...SMALL, layers: [16], budget: { kind: 'epochs', epochs: 2 } },
      { ...SETTINGS, embeddingDim: 8 },
    );
    const history = trained.outcome.history;
    expect(history.at(-1)!.valLoss!).toBeLessThan(history[0]!.valLoss!);
    disposeModel(trained.model);
  });
});
