import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildForecaster, buildLanguageModel } from '../../../src-main/engine/model/build-model';
import { disposeModel } from '../../../src-main/engine/model/dispose-model';
import { initWeights } from '../../../src-main/engine/model/init-weights';
import { randomOrthogonal } from '../../../src-main/engine/model/orthogonal';
import { createRandom } from '../../../src-main/engine/util/seeded-random';
import { BACKENDS, specWith, useBackend, weightValues } from './model-test-kit';

/** max |(BᵀB − I)ᵢⱼ| for the n×n column block at `offset` of a row-major [n, width] matrix. */
function orthogonalityError(
  values: Float32Array,
  n: number,
  width: number,
  offset: number,
): number {
  let worst = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let dot = 0;
      for (let r = 0; r < n; r++)
        dot += values[r * width + offset + a]! * values[r * width + offset + b]!;
      worst = Math.max(worst, Math.abs(dot - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

describe('randomOrthogonal', () => {
  it('gives QᵀQ = QQᵀ = I to float64 precision, reproducibly', () => {
    const n = 40;
    const q = randomOrthogonal(n, createRandom(5));
    let worst = 0;
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        let cols = 0;
        let rows = 0;
        for (let k = 0; k < n; k++) {
          cols += q[k * n + a]! * q[k * n + b]!;
          rows += q[a * n + k]! * q[b * n + k]!;
        }
        const identity = a === b ? 1 : 0;
        worst = Math.max(worst, Math.abs(cols - identity), Math.abs(rows - identity));
      }
    }
    expect(worst).toBeLessThan(1e-12);
    expect(randomOrthogonal(n, createRandom(5))).toEqual(q);
    expect(randomOrthogonal(n, createRandom(6))).not.toEqual(q);
  });
});

describe('initWeights scheme', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('LSTM: orthogonal gate blocks, glorot kernel, forget-gate bias 1 (gate order i, f, c, o)', () => {
    const units = 12;
    const model = buildForecaster(specWith({ layers: [units] }), 3);
    try {
      const values = weightValues(model);
      const recurrent = values.get('rnn_1/recurrent_kernel')!;
      for (let gate = 0; gate < 4; gate++) {
        expect(orthogonalityError(recurrent, units, 4 * units, gate * units)).toBeLessThan(1e-5);
      }
      const limit = Math.sqrt(6 / (3 + 4 * units));
      const kernel = values.get('rnn_1/kernel')!;
      expect(Math.max(...kernel.map(Math.abs))).toBeLessThanOrEqual(limit);
      expect(Math.max(...kernel.map(Math.abs))).toBeGreaterThan(limit * 0.8);
      const bias = Array.from(values.get('rnn_1/bias')!);
      expect(bias).toEqual([
        ...Array<number>(units).fill(0),
        ...Array<number>(units).fill(1),
        ...Array<number>(2 * units).fill(0),
      ]);
      expect(Array.from(values.get('dense_out/bias')!)).toEqual([0]);
    } finally {
      disposeModel(model);
    }
  });

  it('TF.js LSTM gates really are ordered i, f, c, o (so block 1 is the forget gate)', async () => {
    // One unit, zero kernels: only the biases act. Input and output gates wide open, candidate
    // tanh(0.5). After two steps c₂ = f·tanh(0.5) + tanh(0.5), so h₂ = tanh(c₂) reveals f.
    const model = buildForecaster(specWith({ layers: [1], lookback: 2 }), 1);
    const x = tf.zeros([1, 2, 1]);
    const layer = model.getLayer('rnn_1');
    try {
      const outputs: number[] = [];
      for (const forget of [-100, 100]) {
        const weights = [tf.zeros([1, 4]), tf.zeros([1, 4]), tf.tensor1d([100, forget, 0.5, 100])];
        layer.setWeights(weights);
        tf.dispose(weights);
        const h = tf.model({ inputs: model.inputs, outputs: layer.output as tf.SymbolicTensor });
        const y = h.predict(x) as tf.Tensor;
        outputs.push((await y.data())[0]!);
        y.dispose();
      }
      expect(outputs[0]).toBeCloseTo(Math.tanh(Math.tanh(0.5)), 5);
      expect(outputs[1]).toBeCloseTo(Math.tanh(2 * Math.tanh(0.5)), 5);
    } finally {
      x.dispose();
      disposeModel(model);
    }
  });

  it('GRU and SimpleRNN: all-zero biases, orthogonal blocks, also inside Bidirectional', () => {
    for (const [cell, gates] of [
      ['gru', 3],
      ['simpleRNN', 1],
    ] as const) {
      const model = buildForecaster(specWith({ cell, layers: [5], bidirectional: true }), 2);
      try {
        const values = weightValues(model);
        for (const direction of ['forward', 'backward']) {
          const prefix = `rnn_1/${direction}_rnn_1`;
          expect(Array.from(values.get(`${prefix}/bias`)!).every((v) => v === 0)).toBe(true);
          const recurrent = values.get(`${prefix}/recurrent_kernel`)!;
          for (let gate = 0; gate < gates; gate++) {
            expect(orthogonalityError(recurrent, 5, gates * 5, gate * 5)).toBeLessThan(1e-5);
          }
        }
        expect(values.get('rnn_1/forward_rnn_1/kernel')).not.toEqual(
          values.get('rnn_1/backward_rnn_1/kernel'),
        );
      } finally {
        disposeModel(model);
      }
    }
  });

  it('embeddings are uniform in ±0.05', () => {
    const model = buildLanguageModel(specWith({ layers: [4] }), 50, 6);
    try {
      const embeddings = weightValues(model).get('embedding/embeddings')!;
      expect(embeddings.length).toBe(300);
      expect(Math.max(...embeddings.map(Math.abs))).toBeLessThanOrEqual(0.05);
      expect(Math.max(...embeddings.map(Math.abs))).toBeGreaterThan(0.04);
    } finally {
      disposeModel(model);
    }
  });

  it('re-initialising with the same seed restores the same bits; another seed differs', () => {
    const model = buildForecaster(specWith({ cell: 'gru', layers: [6, 4] }), 2);
    try {
      initWeights(model, 7);
      const first = weightValues(model);
      initWeights(model, 8);
      const other = weightValues(model);
      initWeights(model, 7);
      expect(weightValues(model)).toEqual(first);
      expect(other.get('rnn_1/kernel')).not.toEqual(first.get('rnn_1/kernel'));
    } finally {
      disposeModel(model);
    }
  });

  it('dropout settings never change the initial weights', () => {
    const plain = buildForecaster(specWith(), 1);
    const dropped = buildForecaster(specWith({ dropout: 0.4, recurrentDropout: 0.2 }), 1);
    try {
      expect(weightValues(dropped)).toEqual(weightValues(plain));
    } finally {
      disposeModel(plain);
      disposeModel(dropped);
    }
  });
});

describe('the same seed gives bit-identical weights on every backend', () => {
  it('builds the same forecaster and language model on cpu and wasm', async () => {
    const spec = specWith({ cell: 'lstm', layers: [9, 7], bidirectional: true, seed: 1234 });
    const lmSpec = specWith({ cell: 'gru', layers: [8], seed: 99 });
    const seen: Map<string, Float32Array>[] = [];
    for (const backend of BACKENDS) {
      await useBackend(backend);
      for (let repeat = 0; repeat < 2; repeat++) {
        const forecaster = buildForecaster(spec, 3);
        const language = buildLanguageModel(lmSpec, 20, 4);
        seen.push(new Map([...weightValues(forecaster), ...weightValues(language)]));
        disposeModel(forecaster);
        disposeModel(language);
      }
    }
    for (const values of seen.slice(1)) expect(values).toEqual(seen[0]);
    const changed = buildForecaster({ ...spec, seed: 1235 }, 3);
    expect(weightValues(changed).get('rnn_2/forward_rnn_2/kernel')).not.toEqual(
      seen[0]!.get('rnn_2/forward_rnn_2/kernel'),
    );
    disposeModel(changed);
    expect(tf.getBackend()).toBe('wasm');
  });
});
