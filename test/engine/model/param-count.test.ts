import { beforeAll, describe, expect, it } from 'vitest';
import {
  countParams,
  countParamsForLanguageModel,
  totalParams,
} from '../../../src-main/engine/model/param-count';
import { buildForecaster, buildLanguageModel } from '../../../src-main/engine/model/build-model';
import { disposeModel } from '../../../src-main/engine/model/dispose-model';
import { CELL_TYPES } from '../../../src-main/engine/model/model-spec';
import { expectEngineError, specWith, useBackend } from './model-test-kit';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('countParams by hand', () => {
  it('counts the tutorial network: 2 LSTM layers of 30 on one feature', () => {
    const rows = countParams(specWith(), 1);
    expect(rows).toEqual([
      {
        name: 'rnn_1',
        kind: 'recurrent',
        units: 30,
        inputSize: 1,
        params: 3840,
        formula: '4 × u × (i + u + 1) = 4 × 30 × (1 + 30 + 1) = 3840',
      },
      {
        name: 'rnn_2',
        kind: 'recurrent',
        units: 30,
        inputSize: 30,
        params: 7320,
        formula: '4 × u × (i + u + 1) = 4 × 30 × (30 + 30 + 1) = 7320',
      },
      {
        name: 'dense_out',
        kind: 'dense',
        units: 1,
        inputSize: 30,
        params: 31,
        formula: '(i + 1) × o = (30 + 1) × 1 = 31',
      },
    ]);
    expect(totalParams(rows)).toBe(11191);
  });

  it('doubles bidirectional layers and feeds 2u to the next layer', () => {
    const rows = countParams(specWith({ bidirectional: true }), 1);
    expect(rows.map((row) => row.formula)).toEqual([
      '2 × 4 × u × (i + u + 1) = 2 × 4 × 30 × (1 + 30 + 1) = 7680',
      '2 × 4 × u × (i + u + 1) = 2 × 4 × 30 × (60 + 30 + 1) = 21840',
      '(i + 1) × o = (60 + 1) × 1 = 61',
    ]);
    expect(totalParams(rows)).toBe(29581);
  });

  it('counts GRU with three gates and one bias each (TF.js has no reset_after)', () => {
    const rows = countParams(specWith({ cell: 'gru', layers: [8] }), 2);
    expect(rows.map((row) => [row.params, row.formula])).toEqual([
      [264, '3 × u × (i + u + 1) = 3 × 8 × (2 + 8 + 1) = 264'],
      [9, '(i + 1) × o = (8 + 1) × 1 = 9'],
    ]);
  });

  it('counts SimpleRNN with one block and a multi-unit output', () => {
    const rows = countParams(specWith({ cell: 'simpleRNN', layers: [10, 5] }), 3, 4);
    expect(rows.map((row) => [row.params, row.formula])).toEqual([
      [140, 'u × (i + u + 1) = 10 × (3 + 10 + 1) = 140'],
      [80, 'u × (i + u + 1) = 5 × (10 + 5 + 1) = 80'],
      [24, '(i + 1) × o = (5 + 1) × 4 = 24'],
    ]);
  });

  it('counts a language model: embedding, recurrent, softmax layer over the vocabulary', () => {
    const rows = countParamsForLanguageModel(specWith({ layers: [32] }), 1000, 16);
    expect(rows.map((row) => [row.name, row.kind, row.params, row.formula])).toEqual([
      ['embedding', 'embedding', 16000, 'vocab × d = 1000 × 16 = 16000'],
      ['rnn_1', 'recurrent', 6272, '4 × u × (i + u + 1) = 4 × 32 × (16 + 32 + 1) = 6272'],
      ['dense_out', 'dense', 33000, '(i + 1) × o = (32 + 1) × 1000 = 33000'],
    ]);
    expect(totalParams(rows)).toBe(55272);
  });

  it('refuses a bidirectional language model and nonsense sizes', async () => {
    await expectEngineError(
      () => countParamsForLanguageModel(specWith({ bidirectional: true }), 100, 8),
      'INVALID_SPEC',
      'cannot be bidirectional',
    );
    await expectEngineError(() => countParams(specWith(), 0), 'INVALID_OPTIONS', 'inputFeatures');
    await expectEngineError(() => countParams(specWith(), 1.5), 'INVALID_OPTIONS', 'inputFeatures');
    await expectEngineError(
      () => countParamsForLanguageModel(specWith(), 1, 8),
      'INVALID_OPTIONS',
      'vocabSize',
    );
  });
});

describe('countParams equals what the built TF.js model reports', () => {
  const depths = [[5], [5, 4], [5, 4, 3]];
  for (const cell of CELL_TYPES) {
    for (const bidirectional of [false, true]) {
      for (const layers of depths) {
        it(`${cell}, ${bidirectional ? 'bidirectional' : 'forward'}, layers ${layers.join('-')}`, () => {
          const spec = specWith({ cell, bidirectional, layers, dropout: 0.2 });
          const model = buildForecaster(spec, 3);
          try {
            const rows = countParams(spec, 3);
            for (const row of rows) {
              expect({ name: row.name, params: model.getLayer(row.name).countParams() }).toEqual({
                name: row.name,
                params: row.params,
              });
            }
            expect(model.countParams()).toBe(totalParams(rows));
          } finally {
            disposeModel(model);
          }
        });
      }
    }
  }

  it('lays GRU weights out as kernel [i, 3u], recurrent [u, 3u], bias [3u]', () => {
    const model = buildForecaster(specWith({ cell: 'gru', layers: [7] }), 2);
    try {
      expect(model.getLayer('rnn_1').weights.map((w) => [w.originalName, w.shape])).toEqual([
        ['rnn_1/kernel', [2, 21]],
        ['rnn_1/recurrent_kernel', [7, 21]],
        ['rnn_1/bias', [21]],
      ]);
    } finally {
      disposeModel(model);
    }
  });

  for (const cell of CELL_TYPES) {
    it(`language model with ${cell} layers`, () => {
      const spec = specWith({ cell, layers: [6, 5] });
      const model = buildLanguageModel(spec, 40, 8);
      try {
        const rows = countParamsForLanguageModel(spec, 40, 8);
        for (const row of rows) {
          expect(model.getLayer(row.name).countParams()).toBe(row.params);
        }
        expect(model.countParams()).toBe(totalParams(rows));
      } finally {
        disposeModel(model);
      }
    });
  }
});
