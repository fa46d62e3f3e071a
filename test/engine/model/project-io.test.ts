import * as tf from '@tensorflow/tfjs';
import { mkdir, mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildForecaster, buildLanguageModel } from '../../../src-main/engine/model/build-model';
import { disposeModel } from '../../../src-main/engine/model/dispose-model';
import { fileSystemIO } from '../../../src-main/engine/model/fs-io-handler';
import { openProject, saveProject } from '../../../src-main/engine/model/project-io';
import { transferWeights } from '../../../src-main/engine/model/transfer-weights';
import { BACKENDS, expectEngineError, specWith, useBackend, weightValues } from './model-test-kit';

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rnn-studio-project-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let counter = 0;
/** A fresh, not yet existing project path under the test root. */
function freshDir(): string {
  counter += 1;
  return join(root, `project-${counter}`);
}

async function predictValues(model: tf.LayersModel, x: tf.Tensor): Promise<Float32Array> {
  const y = model.predict(x) as tf.Tensor;
  const values = (await y.data()) as Float32Array;
  y.dispose();
  return values;
}

const extras = {
  scaler: { mean: [0.5], std: [2] },
  metrics: { rmse: 0.125 },
  vocabulary: ['<unk>', 'the', 'cat'],
};

describe.each(BACKENDS)('save → open round trip on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('gives the same spec, extras, weights and predictions', async () => {
    const spec = specWith({ bidirectional: true, dropout: 0.2, layers: [7, 5], seed: 5 });
    const model = buildForecaster(spec, 2);
    const dir = freshDir();
    await saveProject(dir, { spec, model, extras });
    expect((await readdir(dir)).sort()).toEqual(['model', 'project.json']);
    expect((await readdir(join(dir, 'model'))).sort()).toEqual(['model.json', 'weights.bin']);

    const before = tf.memory().numTensors;
    const opened = await openProject(dir);
    expect(opened.spec).toEqual(spec);
    expect(opened.extras).toEqual(extras);
    expect(weightValues(opened.model)).toEqual(weightValues(model));
    const x = tf.tidy(() => tf.linspace(-2, 2, 3 * 10 * 2).reshape([3, 10, 2]));
    expect(await predictValues(opened.model, x)).toEqual(await predictValues(model, x));
    x.dispose();
    disposeModel(opened.model);
    expect(tf.memory().numTensors).toBe(before);
    disposeModel(model);
  });

  it('round-trips a language model at any sequence length', async () => {
    const spec = specWith({ cell: 'gru', layers: [6, 6], dropout: 0.3 });
    const model = buildLanguageModel(spec, 12, 4);
    const dir = freshDir();
    await saveProject(dir, { spec, model, extras: { vocabulary: extras.vocabulary } });
    const opened = await openProject(dir);
    for (const steps of [1, 5]) {
      const tokens = tf.tensor2d(
        Array.from({ length: steps }, (_, i) => i % 12),
        [1, steps],
        'int32',
      );
      expect(await predictValues(opened.model, tokens)).toEqual(await predictValues(model, tokens));
      tokens.dispose();
    }
    disposeModel(opened.model);
    disposeModel(model);
  });

  it('plain tf.loadLayersModel with the fs IOHandler loads the model folder', async () => {
    const spec = specWith({ cell: 'simpleRNN', layers: [4] });
    const model = buildForecaster(spec, 1);
    const dir = freshDir();
    await saveProject(dir, { spec, model, extras: {} });
    const loaded = await tf.loadLayersModel(fileSystemIO(join(dir, 'model')));
    const x = tf.ones([1, 10, 1]);
    expect(await predictValues(loaded, x)).toEqual(await predictValues(model, x));
    x.dispose();
    disposeModel(loaded);
    disposeModel(model);
  });
});

describe('project folders across backends and overwrites', () => {
  beforeEach(async () => {
    await useBackend('cpu');
  });

  it('a project saved on cpu opens on wasm with bit-identical weights', async () => {
    const spec = specWith({ layers: [5] });
    const model = buildForecaster(spec, 1);
    const dir = freshDir();
    await saveProject(dir, { spec, model, extras: {} });
    const saved = weightValues(model);
    disposeModel(model);
    await useBackend('wasm');
    const opened = await openProject(dir);
    expect(weightValues(opened.model)).toEqual(saved);
    disposeModel(opened.model);
  });

  it('overwrites an earlier save of the same project and leaves no temp folders', async () => {
    const dir = freshDir();
    const first = buildForecaster(specWith({ seed: 1 }), 1);
    const second = buildForecaster(specWith({ seed: 2 }), 1);
    await saveProject(dir, { spec: specWith({ seed: 1 }), model: first, extras: { run: 1 } });
    await saveProject(dir, { spec: specWith({ seed: 2 }), model: second, extras: { run: 2 } });
    const opened = await openProject(dir);
    expect(opened.spec.seed).toBe(2);
    expect(opened.extras).toEqual({ run: 2 });
    expect(weightValues(opened.model)).toEqual(weightValues(second));
    expect((await readdir(root)).filter((name) => name.startsWith('.'))).toEqual([]);
    for (const model of [first, second, opened.model]) disposeModel(model);
  });

  it('refuses to replace a folder of other files, and keeps them', async () => {
    const dir = freshDir();
    await mkdir(dir);
    await writeFile(join(dir, 'thesis.docx'), 'precious');
    const model = buildForecaster(specWith(), 1);
    await expectEngineError(
      saveProject(dir, { spec: specWith(), model, extras: {} }),
      'PROJECT_IO',
      'is not an RNN Studio project',
    );
    expect(await readdir(dir)).toEqual(['thesis.docx']);
    expect((await readdir(root)).filter((name) => name.startsWith('.'))).toEqual([]);
    disposeModel(model);
  });

  it('refuses extras that are not JSON data and specs that do not validate', async () => {
    const model = buildForecaster(specWith(), 1);
    const dir = freshDir();
    await expectEngineError(
      saveProject(dir, { spec: specWith(), model, extras: { big: 10n } }),
      'INVALID_OPTIONS',
      'plain JSON data',
    );
    await expectEngineError(
      saveProject(dir, { spec: specWith({ learningRate: -1 }), model, extras: {} }),
      'INVALID_SPEC',
      'learningRate',
    );
    await expect(readdir(dir)).rejects.toThrow();
    disposeModel(model);
  });

  it('lets a rebuilt model take the opened weights by name to continue training', async () => {
    const spec = specWith({ bidirectional: true, dropout: 0.2, layers: [4, 4], seed: 3 });
    const model = buildForecaster(spec, 1);
    const dir = freshDir();
    await saveProject(dir, { spec, model, extras: {} });
    const opened = await openProject(dir);
    const rebuilt = buildForecaster({ ...spec, seed: 99 }, 1);
    transferWeights(opened.model, rebuilt);
    disposeModel(opened.model);
    const x = tf.ones([2, 10, 1]);
    expect(await predictValues(rebuilt, x)).toEqual(await predictValues(model, x));
    x.dispose();

    const other = buildForecaster(specWith({ layers: [3] }), 1);
    await expectEngineError(
      () => transferWeights(model, other),
      'INVALID_OPTIONS',
      'rnn_1/kernel is missing',
    );
    for (const m of [model, rebuilt, other]) disposeModel(m);
  });
});

describe('damaged project folders give PROJECT_CORRUPT naming the file', () => {
  let pristine = '';
  beforeAll(async () => {
    await useBackend('cpu');
    pristine = freshDir();
    const model = buildForecaster(specWith({ layers: [3] }), 1);
    await saveProject(pristine, { spec: specWith({ layers: [3] }), model, extras: { a: 1 } });
    disposeModel(model);
  });

  /** A copy of the good project, damaged by `harm`. */
  async function damaged(harm: (dir: string) => Promise<void>): Promise<string> {
    const dir = freshDir();
    await mkdir(join(dir, 'model'), { recursive: true });
    for (const file of ['project.json', 'model/model.json', 'model/weights.bin']) {
      await writeFile(join(dir, file), await readFile(join(pristine, file)));
    }
    await harm(dir);
    return dir;
  }

  async function editJson(
    path: string,
    edit: (value: Record<string, unknown>) => void,
  ): Promise<void> {
    const value = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    edit(value);
    await writeFile(path, JSON.stringify(value));
  }

  const cases: [string, (dir: string) => Promise<void>, string][] = [
    ['project.json missing', (dir) => rm(join(dir, 'project.json')), 'project.json is missing'],
    [
      'model.json missing',
      (dir) => rm(join(dir, 'model/model.json')),
      'model/model.json is missing',
    ],
    [
      'weights.bin missing',
      (dir) => rm(join(dir, 'model/weights.bin')),
      'model/weights.bin is missing',
    ],
    [
      'project.json not JSON',
      (dir) => writeFile(join(dir, 'project.json'), '{"format": "rnn-studio-proj'),
      'project.json is not valid JSON',
    ],
    [
      'model.json not JSON',
      (dir) => writeFile(join(dir, 'model/model.json'), 'not json'),
      'model/model.json is not valid JSON',
    ],
    [
      'weights.bin truncated',
      (dir) => truncate(join(dir, 'model/weights.bin'), 100),
      'model/weights.bin holds 100 bytes but model/model.json describes 256 bytes of weights',
    ],
    [
      'spec no longer valid',
      (dir) =>
        editJson(join(dir, 'project.json'), (value) => {
          (value['spec'] as Record<string, unknown>)['layers'] = [0];
        }),
      'project.json holds an invalid spec: layers.0: each layer needs at least 1 unit',
    ],
    [
      'not a project file',
      (dir) => writeFile(join(dir, 'project.json'), JSON.stringify({ hello: 'world' })),
      'project.json is not an RNN Studio project file',
    ],
    [
      'written by a newer version',
      (dir) =>
        editJson(join(dir, 'project.json'), (value) => {
          value['version'] = 99;
        }),
      'written by a newer RNN Studio',
    ],
    [
      'weights manifest missing',
      (dir) =>
        editJson(join(dir, 'model/model.json'), (value) => {
          delete value['weightsManifest'];
        }),
      'model/model.json is not a TF.js layers model at weightsManifest',
    ],
    [
      'weight file outside the folder',
      (dir) =>
        editJson(join(dir, 'model/model.json'), (value) => {
          const manifest = value['weightsManifest'] as { paths: string[] }[];
          manifest[0]!.paths = ['../project.json'];
        }),
      'weight file names must be plain names',
    ],
    [
      'unknown layer class',
      (dir) =>
        editJson(join(dir, 'model/model.json'), (value) => {
          const topology = value['modelTopology'] as {
            config: { layers: { class_name: string }[] };
          };
          topology.config.layers[1]!.class_name = 'NoSuchLayer';
        }),
      'model/model.json describes a model TF.js cannot rebuild',
    ],
  ];

  it.each(cases)('%s', async (_, harm, message) => {
    const dir = await damaged(harm);
    const before = tf.memory().numTensors;
    await expectEngineError(openProject(dir), 'PROJECT_CORRUPT', message);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a folder that does not exist is PROJECT_IO', async () => {
    await expectEngineError(openProject(join(root, 'nowhere')), 'PROJECT_IO', 'no project folder');
  });
});
