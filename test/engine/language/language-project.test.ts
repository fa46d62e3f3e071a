import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src-main/engine/backend/select-backend';
import { disposeModel } from '../../../src-main/engine/model/dispose-model';
import { TUTORIAL_SINE_SPEC, type ModelSpec } from '../../../src-main/engine/model/model-spec';
import { saveProject } from '../../../src-main/engine/model/project-io';
import { buildForecaster } from '../../../src-main/engine/model/build-model';
import {
  languageModelHandle,
  openLanguageProject,
  saveLanguageProject,
} from '../../../src-main/engine/language/language-project';
import { createNextWordPredictor } from '../../../src-main/engine/language/next-word';
import { trainLanguageModel } from '../../../src-main/engine/language/train-language-model';
import type { LanguageSettings } from '../../../src-main/engine/language/language-settings';
import { expectEngineError } from '../model/model-test-kit';
import { samplePath } from '../../sample-files';

const TEXT = readFileSync(samplePath('moby-dick.txt'), 'utf8').slice(0, 12_000);
const SPEC: ModelSpec = {
  ...TUTORIAL_SINE_SPEC,
  layers: [16, 12],
  dropout: 0.2,
  optimizer: 'adam',
  learningRate: 0.01,
  lookback: 8,
  batchSize: 16,
  budget: { kind: 'epochs', epochs: 1 },
  seed: 5,
};
const SETTINGS: LanguageSettings = { embeddingDim: 8, corpus: { minCount: 2, keepCase: false } };
const root = mkdtempSync(join(tmpdir(), 'rnn-studio-lm-project-'));

beforeAll(async () => {
  await selectBackend('wasm');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('language-model projects', () => {
  it('save → open gives the identical next-word distribution, vocabulary and settings', async () => {
    const trained = await trainLanguageModel(TEXT, SPEC, SETTINGS);
    const dir = join(root, 'moby');
    await saveLanguageProject(dir, {
      spec: SPEC,
      model: trained.model,
      vocabulary: trained.corpus.vocabulary,
      settings: SETTINGS,
      record: { perplexity: trained.perplexity },
      result: { note: 'kept' },
    });
    const handle = languageModelHandle({
      ...trained,
      spec: SPEC,
      vocabulary: trained.corpus.vocabulary,
    });
    const before = createNextWordPredictor(handle);
    const opened = await openLanguageProject(dir);
    const after = createNextWordPredictor(languageModelHandle(opened));
    expect(opened.vocabulary.words).toEqual(trained.corpus.vocabulary.words);
    expect(opened.settings).toEqual(SETTINGS);
    expect(opened.spec).toEqual(SPEC);
    expect(opened.record).toEqual({ perplexity: trained.perplexity });
    expect(opened.result).toEqual({ note: 'kept' });
    for (const [text, temperature] of [
      ['Call me', 1],
      ['', 0.5],
      ['the whale and the Queequeg', 2],
    ] as const) {
      expect(after.probabilities(text, temperature)).toEqual(
        before.probabilities(text, temperature),
      );
    }
    expect(after.nextWords('call me')).toEqual(before.nextWords('call me'));
    expect(after.generate('call me', { words: 8, seed: 1 })).toEqual(
      before.generate('call me', { words: 8, seed: 1 }),
    );
    disposeModel(opened.model);
    disposeModel(trained.model);
  });

  it('refuses a project whose vocabulary does not match its model', async () => {
    const trained = await trainLanguageModel(
      TEXT,
      { ...SPEC, budget: { kind: 'steps', steps: 1 } },
      SETTINGS,
    );
    const dir = join(root, 'mismatch');
    await saveLanguageProject(dir, {
      spec: SPEC,
      model: trained.model,
      vocabulary: trained.corpus.vocabulary,
      settings: SETTINGS,
    });
    disposeModel(trained.model);
    const file = join(dir, 'project.json');
    const header = JSON.parse(readFileSync(file, 'utf8')) as { extras: { vocabulary: string[] } };
    header.extras.vocabulary.pop();
    writeFileSync(file, JSON.stringify(header));
    const before = tf.memory().numTensors;
    await expectEngineError(openLanguageProject(dir), 'PROJECT_CORRUPT', 'predicts');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a forecasting project', async () => {
    const model = buildForecaster(TUTORIAL_SINE_SPEC, 1);
    const dir = join(root, 'forecast');
    await saveProject(dir, { spec: TUTORIAL_SINE_SPEC, model, extras: { kind: 'forecast' } });
    disposeModel(model);
    await expectEngineError(
      openLanguageProject(dir),
      'PROJECT_CORRUPT',
      'not a language-model project',
    );
  });
});
