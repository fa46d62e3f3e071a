import type { DataSettings, ModelSpec } from './types';

// The engine's presets, through the contract: the Designer's "Tutorial: sine wave" button loads
// exactly what the CLI's `sin` command trains.
export { DEFAULT_FORECAST_SPEC, TUTORIAL_SINE_SPEC } from '../../src-main/contract/shared-rules';

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
  // Twelve steps ahead by default: the future forecast, the error-by-horizon chart and interval
  // widths per step all need a horizon, and a year of monthly data is the classic one.
  horizon: 12,
  intervals: 0.9,
};

/** Copies a spec so that a preset never shares arrays with the form that edits it. */
export function cloneSpec(spec: ModelSpec): ModelSpec {
  return structuredClone(spec);
}
