import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildForecaster, buildLanguageModel } from '../../../src-main/engine/model/build-model';
import { disposeModel } from '../../../src-main/engine/model/dispose-model';
import { BACKENDS, expectEngineError, specWith, useBackend } from './model-test-kit';

/** `[name, className]` of every layer, input first. */
function layout(model: tf.LayersModel): string[][] {
  return model.layers.map((layer) => [layer.name, layer.getClassName()]);
}

/** The config of the recurrent layer doing the work (inside the wrapper when bidirectional). */
function recurrentConfig(model: tf.LayersModel, name: string): tf.serialization.ConfigDict {
  const config = model.getLayer(name).getConfig();
  const inner = config['layer'];
  if (inner !== null && typeof inner === 'object' && !Array.isArray(inner) && 'config' in inner) {
    return inner.config as tf.serialization.ConfigDict;
  }
  return config;
}

describe('buildForecaster layout', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('stacks named layers with dropout only between recurrent layers', () => {
    const model = buildForecaster(specWith({ layers: [6, 5, 4], dropout: 0.3 }), 2);
    try {
      expect(layout(model)).toEqual([
        ['window', 'InputLayer'],
        ['rnn_1', 'LSTM'],
        ['dropout_1', 'Dropout'],
        ['rnn_2', 'LSTM'],
        ['dropout_2', 'Dropout'],
        ['rnn_3', 'LSTM'],
        ['dense_out', 'Dense'],
      ]);
      expect(model.inputs[0]!.shape).toEqual([null, 10, 2]);
      expect(model.getLayer('rnn_1').outputShape).toEqual([null, 10, 6]);
      expect(model.getLayer('rnn_2').outputShape).toEqual([null, 10, 5]);
      // The last layer hands only its final step to the linear head.
      expect(model.getLayer('rnn_3').outputShape).toEqual([null, 4]);
      expect(model.outputs[0]!.shape).toEqual([null, 1]);
      expect(model.getLayer('dense_out').getConfig()['activation']).toBe('linear');
    } finally {
      disposeModel(model);
    }
  });

  it('adds no dropout layer for a single layer or a zero rate', () => {
    for (const spec of [specWith({ layers: [4], dropout: 0.5 }), specWith({ dropout: 0 })]) {
      const model = buildForecaster(spec, 1);
      try {
        expect(model.layers.some((layer) => layer.getClassName() === 'Dropout')).toBe(false);
      } finally {
        disposeModel(model);
      }
    }
  });

  it('wraps each layer in a concatenating Bidirectional of the same name', () => {
    const model = buildForecaster(
      specWith({ cell: 'gru', layers: [4, 3], bidirectional: true }),
      1,
    );
    try {
      expect(layout(model).map(([, className]) => className)).toEqual([
        'InputLayer',
        'Bidirectional',
        'Bidirectional',
        'Dense',
      ]);
      expect(model.getLayer('rnn_1').getConfig()['mergeMode']).toBe('concat');
      expect(model.getLayer('rnn_1').outputShape).toEqual([null, 10, 8]);
      expect(model.getLayer('rnn_2').outputShape).toEqual([null, 6]);
      expect(model.weights.slice(0, 3).map((w) => w.originalName)).toEqual([
        'rnn_1/forward_rnn_1/kernel',
        'rnn_1/forward_rnn_1/recurrent_kernel',
        'rnn_1/forward_rnn_1/bias',
      ]);
    } finally {
      disposeModel(model);
    }
  });

  it('uses the spec gate activation (sigmoid, not TF.js hardSigmoid) and recurrent dropout', () => {
    for (const cell of ['lstm', 'gru'] as const) {
      const plain = buildForecaster(specWith({ cell, recurrentDropout: 0.25 }), 1);
      const hard = buildForecaster(
        specWith({ cell, bidirectional: true, recurrentActivation: 'hardSigmoid' }),
        1,
      );
      try {
        expect(recurrentConfig(plain, 'rnn_1')).toMatchObject({
          recurrentActivation: 'sigmoid',
          activation: 'tanh',
          recurrentDropout: 0.25,
          dropout: 0,
        });
        expect(recurrentConfig(hard, 'rnn_2')['recurrentActivation']).toBe('hardSigmoid');
      } finally {
        disposeModel(plain);
        disposeModel(hard);
      }
    }
  });

  it('rejects a non-integer feature count', async () => {
    await expectEngineError(
      () => buildForecaster(specWith(), 0),
      'INVALID_OPTIONS',
      'inputFeatures',
    );
  });
});

describe('buildLanguageModel', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('maps token ids [batch, steps] of any length to logits [batch, steps, vocab]', async () => {
    const model = buildLanguageModel(specWith({ layers: [8, 6], dropout: 0.2 }), 30, 5);
    try {
      expect(layout(model)).toEqual([
        ['tokens', 'InputLayer'],
        ['embedding', 'Embedding'],
        ['rnn_1', 'LSTM'],
        ['dropout_1', 'Dropout'],
        ['rnn_2', 'LSTM'],
        ['dense_out', 'Dense'],
      ]);
      for (const steps of [1, 7]) {
        const tokens = tf.tensor2d(
          Array.from({ length: 2 * steps }, (_, i) => (i * 7) % 30),
          [2, steps],
          'int32',
        );
        const logits = model.predict(tokens) as tf.Tensor;
        expect(logits.shape).toEqual([2, steps, 30]);
        // Logits, not probabilities: they do not sum to 1 over the vocabulary.
        const sumsTensor = tf.sum(logits, -1);
        const sums = Array.from(await sumsTensor.data());
        expect(sums.some((sum) => Math.abs(sum - 1) > 1e-3)).toBe(true);
        tf.dispose([tokens, logits, sumsTensor]);
      }
    } finally {
      disposeModel(model);
    }
  });

  it('refuses bidirectional with INVALID_SPEC and a reason', async () => {
    const before = tf.memory().numTensors;
    await expectEngineError(
      () => buildLanguageModel(specWith({ bidirectional: true }), 30, 5),
      'INVALID_SPEC',
      'a language model cannot be bidirectional',
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe.each(BACKENDS)('tensor bookkeeping on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('build + initialise + dispose leaves no tensors behind, for every kind of model', () => {
    const before = tf.memory().numTensors;
    const models = [
      buildForecaster(specWith(), 1),
      buildForecaster(specWith({ cell: 'gru', bidirectional: true, dropout: 0.3 }), 3),
      buildForecaster(specWith({ cell: 'simpleRNN', layers: [4, 4, 4], recurrentDropout: 0.2 }), 2),
      buildLanguageModel(specWith({ layers: [6, 6], dropout: 0.2 }), 25, 4),
    ];
    expect(tf.memory().numTensors).toBe(
      before + models.reduce((sum, model) => sum + model.weights.length, 0),
    );
    for (const model of models) disposeModel(model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('training-mode calls with both dropouts leave nothing behind after disposeModel', () => {
    const before = tf.memory().numTensors;
    const model = buildForecaster(
      specWith({ bidirectional: true, dropout: 0.3, recurrentDropout: 0.3 }),
      2,
    );
    const x = tf.ones([3, 10, 2]);
    for (const training of [true, false, true]) {
      const y = model.apply(x, { training }) as tf.Tensor;
      expect(y.shape).toEqual([3, 1]);
      y.dispose();
    }
    x.dispose();
    disposeModel(model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('predicts finite values of the stated shape', async () => {
    const model = buildForecaster(specWith({ cell: 'gru' }), 2);
    const x = tf.tidy(() => tf.linspace(-1, 1, 4 * 10 * 2).reshape([4, 10, 2]));
    const y = model.predict(x) as tf.Tensor;
    expect(y.shape).toEqual([4, 1]);
    expect(Array.from(await y.data()).every(Number.isFinite)).toBe(true);
    tf.dispose([x, y]);
    disposeModel(model);
  });
});
