import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeededDropout } from '../../../src-main/engine/model/seeded-dropout';
import { buildForecaster } from '../../../src-main/engine/model/build-model';
import { disposeModel } from '../../../src-main/engine/model/dispose-model';
import { fileSystemIO } from '../../../src-main/engine/model/fs-io-handler';
import { BACKENDS, specWith, useBackend } from './model-test-kit';

async function valuesOf(tensor: tf.Tensor): Promise<number[]> {
  const values = Array.from(await tensor.data());
  tensor.dispose();
  return values;
}

describe.each(BACKENDS)('dropout seeding on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('upstream: tf.layers.dropout with a constant seed repeats one mask on every call', async () => {
    // The reason SeededDropout exists. If TF.js ever changes this, the workaround can go.
    const layer = tf.layers.dropout({ rate: 0.5, seed: 7 });
    const x = tf.ones([1, 200]);
    const first = await valuesOf(layer.apply(x, { training: true }) as tf.Tensor);
    const second = await valuesOf(layer.apply(x, { training: true }) as tf.Tensor);
    x.dispose();
    expect(first).toEqual(second);
    expect(new Set(first)).toEqual(new Set([0, 2]));
  });

  it('SeededDropout draws a new mask each training call, the same sequence for the same seed', async () => {
    const x = tf.ones([4, 50]);
    const sequence = async (seed: number): Promise<number[][]> => {
      const layer = new SeededDropout({ rate: 0.5, seed, name: 'dropout_1' });
      const masks: number[][] = [];
      for (let call = 0; call < 3; call++) {
        masks.push(await valuesOf(layer.apply(x, { training: true }) as tf.Tensor));
      }
      return masks;
    };
    const a = await sequence(11);
    expect(a[1]).not.toEqual(a[0]);
    expect(a[2]).not.toEqual(a[1]);
    expect(await sequence(11)).toEqual(a);
    expect(await sequence(12)).not.toEqual(a);
    // Inverted dropout: kept units are scaled by 1 / (1 - rate) so the expected sum is unchanged.
    expect(new Set(a[0])).toEqual(new Set([0, 2]));
    const kept = a[0]!.filter((v) => v !== 0).length;
    expect(kept).toBeGreaterThan(60);
    expect(kept).toBeLessThan(140);
    x.dispose();
  });

  it('is the identity outside training and does not advance its stream', async () => {
    const x = tf.tensor2d([[1, 2, 3, 4]]);
    const fresh = new SeededDropout({ rate: 0.5, seed: 3, name: 'dropout_1' });
    const used = new SeededDropout({ rate: 0.5, seed: 3, name: 'dropout_1' });
    expect(await valuesOf(used.apply(x) as tf.Tensor)).toEqual([1, 2, 3, 4]);
    expect(await valuesOf(used.apply(x, { training: false }) as tf.Tensor)).toEqual([1, 2, 3, 4]);
    expect(await valuesOf(used.apply(x, { training: true }) as tf.Tensor)).toEqual(
      await valuesOf(fresh.apply(x, { training: true }) as tf.Tensor),
    );
    x.dispose();
  });

  it('makes whole-model training passes reproducible, including recurrent dropout', async () => {
    const spec = specWith({ layers: [8, 8], dropout: 0.5, recurrentDropout: 0.5, seed: 21 });
    const x = tf.tidy(() => tf.linspace(-1, 1, 3 * 10).reshape([3, 10, 1]));
    const passes = async (): Promise<number[][]> => {
      const model = buildForecaster(spec, 1);
      const out: number[][] = [];
      for (let step = 0; step < 3; step++) {
        out.push(await valuesOf(model.apply(x, { training: true }) as tf.Tensor));
      }
      disposeModel(model);
      return out;
    };
    const first = await passes();
    expect(await passes()).toEqual(first);
    expect(first[1]).not.toEqual(first[0]);
    x.dispose();
  });

  it('makes recurrent dropout alone reproducible (masks on the state, inside Bidirectional too)', async () => {
    const spec = specWith({ cell: 'gru', layers: [6], bidirectional: true, recurrentDropout: 0.5 });
    const x = tf.tidy(() => tf.linspace(-1, 1, 2 * 10 * 2).reshape([2, 10, 2]));
    const run = async (): Promise<number[][]> => {
      const model = buildForecaster(spec, 2);
      const out = [
        await valuesOf(model.apply(x, { training: true }) as tf.Tensor),
        await valuesOf(model.apply(x, { training: true }) as tf.Tensor),
        await valuesOf(model.predict(x) as tf.Tensor),
      ];
      disposeModel(model);
      return out;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first[0]).not.toEqual(first[1]);
    expect(first[2]).not.toEqual(first[0]);
    x.dispose();
  });
});

describe('saved models contain only standard TF.js layers', () => {
  let dir = '';
  beforeAll(async () => {
    await useBackend('cpu');
    dir = await mkdtemp(join(tmpdir(), 'rnn-studio-dropout-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serialises SeededDropout as an unseeded Dropout that plain tf.loadLayersModel reads', async () => {
    const model = buildForecaster(specWith({ dropout: 0.3, recurrentDropout: 0.1 }), 1);
    await model.save(fileSystemIO(dir));
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as {
      modelTopology: {
        config: { layers: { class_name: string; config: Record<string, unknown> }[] };
      };
    };
    const layers = json.modelTopology.config.layers;
    expect(layers.map((layer) => layer.class_name)).toEqual([
      'InputLayer',
      'LSTM',
      'Dropout',
      'LSTM',
      'Dense',
    ]);
    expect(layers[2]!.config).toMatchObject({ name: 'dropout_1', rate: 0.3, seed: null });
    expect(JSON.stringify(json)).not.toContain('dropoutFunc');

    const loaded = await tf.loadLayersModel(fileSystemIO(dir));
    expect(loaded.getLayer('dropout_1').getClassName()).toBe('Dropout');
    expect(loaded.getLayer('dropout_1')).not.toBeInstanceOf(SeededDropout);
    const x = tf.ones([2, 10, 1]);
    const expected = await valuesOf(model.predict(x) as tf.Tensor);
    expect(await valuesOf(loaded.predict(x) as tf.Tensor)).toEqual(expected);
    x.dispose();
    disposeModel(model);
    disposeModel(loaded);
  });
});
