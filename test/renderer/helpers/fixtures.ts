import type { SpecSummaryValue, RunResultValue } from '../../../src-main/contract/train-schemas';
import { TUTORIAL_SINE_SPEC } from '../../../src-renderer/lib/presets';

/** What the engine reports for the tutorial network (2 × LSTM 30 on one input channel). */
export const TUTORIAL_SUMMARY: SpecSummaryValue = {
  valid: true,
  errors: [],
  warnings: [],
  layers: [
    {
      name: 'lstm_1',
      kind: 'recurrent',
      units: 30,
      inputSize: 1,
      params: 3840,
      formula: '4 × u × (i + u + 1) = 4 × 30 × (1 + 30 + 1) = 3840',
    },
    {
      name: 'lstm_2',
      kind: 'recurrent',
      units: 30,
      inputSize: 30,
      params: 7320,
      formula: '4 × u × (i + u + 1) = 4 × 30 × (30 + 30 + 1) = 7320',
    },
    {
      name: 'output',
      kind: 'dense',
      units: 1,
      inputSize: 30,
      params: 31,
      formula: '(i + 1) × o = (30 + 1) × 1 = 31',
    },
  ],
  totalParams: 11191,
};

const metrics = (rmse: number) => ({ rmse, mae: rmse * 0.8, mape: 5, smape: 4.9, mase: 0.7 });

export function makeRun(overrides: Partial<RunResultValue> = {}): RunResultValue {
  return {
    runId: 'run-1',
    datasetId: 'sine',
    spec: TUTORIAL_SINE_SPEC,
    backend: { name: 'cpu', version: '4.22.0', fallbackReason: null },
    status: 'completed',
    message: 'Trained 300 steps.',
    steps: 300,
    seconds: 12,
    paramCount: 11191,
    history: [
      { step: 100, epoch: 1, loss: 0.5, valLoss: 0.6 },
      { step: 200, epoch: 2, loss: 0.2, valLoss: 0.3 },
    ],
    transform: 'none',
    split: { n: 100, valStart: 72, testStart: 80 },
    test: {
      startRow: 80,
      times: null,
      actual: [1, 2, 3, 4],
      predicted: [1.1, 2.1, 2.9, 4.2],
    },
    metrics: metrics(0.1),
    baselines: {
      persistence: {
        name: 'persistence',
        season: null,
        predicted: [0, 1, 2, 3],
        metrics: metrics(1),
      },
      seasonalNaive: {
        name: 'seasonal naive',
        season: 2,
        predicted: [0, 0, 1, 2],
        metrics: { ...metrics(0.05), mape: null },
      },
      drift: { name: 'drift', season: null, predicted: [0, 1, 2, 3], metrics: metrics(0.9) },
    },
    future: { times: null, values: [] },
    covariatesNote: '',
    ...overrides,
  };
}
