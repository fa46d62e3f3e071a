import type { DataSettings, ModelSpec } from './types';

/**
 * The tutorial's sine experiment: 2 LSTM layers × 30 units, 10 steps, Adagrad 0.1, batch 32,
 * 10 000 steps. The engine's TUTORIAL_SINE_SPEC is the source of truth; the renderer only sees the
 * contract, so this copy is pinned to it by test/renderer/presets.test.ts.
 */
export const TUTORIAL_SINE_SPEC: ModelSpec = {
  cell: 'lstm',
  layers: [30, 30],
  bidirectional: false,
  dropout: 0,
  recurrentDropout: 0,
  recurrentActivation: 'sigmoid',
  optimizer: 'adagrad',
  learningRate: 0.1,
  clipNorm: null,
  lookback: 10,
  batchSize: 32,
  budget: { kind: 'steps', steps: 10_000 },
  earlyStopping: null,
  seed: 42,
};

/** The engine's DEFAULT_FORECAST_SPEC: the tutorial network with a bounded budget and early stopping. */
export const DEFAULT_FORECAST_SPEC: ModelSpec = {
  ...TUTORIAL_SINE_SPEC,
  budget: { kind: 'steps', steps: 3000 },
  earlyStopping: { patience: 10 },
};

/** Step budgets offered as one-click choices; "Quick" is for trying things out in seconds. */
export const BUDGET_CHOICES = [
  { label: 'Quick', steps: 300 },
  { label: '1 000', steps: 1000 },
  { label: '3 000', steps: 3000 },
  { label: 'Tutorial', steps: 10_000 },
] as const;

export const DEFAULT_DATA_SETTINGS: DataSettings = {
  transform: 'auto',
  scaling: 'zscore',
  testFraction: 0.2,
  valFraction: 0.1,
  season: null,
  horizon: 0,
};

/** Copies a spec so that a preset never shares arrays with the form that edits it. */
export function cloneSpec(spec: ModelSpec): ModelSpec {
  return structuredClone(spec);
}
