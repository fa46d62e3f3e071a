import { CELL_TYPES, OPTIMIZERS, validateSpec, type ModelSpec } from '../engine/model/model-spec';
import { EngineError } from '../engine/util/engine-error';

/** The flags every training command shares; each overrides one field of a base spec. */
export const SPEC_FLAG_OPTIONS = {
  cell: { type: 'string' },
  layers: { type: 'string' },
  bidirectional: { type: 'boolean' },
  dropout: { type: 'string' },
  'recurrent-dropout': { type: 'string' },
  optimizer: { type: 'string' },
  'learning-rate': { type: 'string' },
  'clip-norm': { type: 'string' },
  lookback: { type: 'string' },
  'batch-size': { type: 'string' },
  steps: { type: 'string' },
  epochs: { type: 'string' },
  patience: { type: 'string' },
  seed: { type: 'string' },
} as const;

export type SpecFlags = Partial<Record<keyof typeof SPEC_FLAG_OPTIONS, string | boolean>>;

function numberFlag(name: string, raw: string | boolean | undefined): number | undefined {
  if (raw === undefined || typeof raw === 'boolean') return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) {
    throw new EngineError('INVALID_OPTIONS', `--${name} must be a number (got "${raw}")`);
  }
  return value;
}

/** Apply CLI flags to a base spec and validate the result with the engine's own messages. */
export function specFromFlags(
  base: ModelSpec,
  flags: SpecFlags,
): { spec: ModelSpec; warnings: string[] } {
  const next: Record<string, unknown> = { ...base };
  if (typeof flags.cell === 'string') {
    const cell = CELL_TYPES.find((c) => c.toLowerCase() === String(flags.cell).toLowerCase());
    next.cell = cell ?? flags.cell;
  }
  if (typeof flags.layers === 'string') {
    next.layers = flags.layers.split(',').map((part) => numberFlag('layers', part.trim()));
  }
  if (flags.bidirectional === true) next.bidirectional = true;
  if (typeof flags.optimizer === 'string') {
    next.optimizer =
      OPTIMIZERS.find((o) => o === String(flags.optimizer).toLowerCase()) ?? flags.optimizer;
  }
  const numeric: [keyof SpecFlags, string][] = [
    ['dropout', 'dropout'],
    ['recurrent-dropout', 'recurrentDropout'],
    ['learning-rate', 'learningRate'],
    ['clip-norm', 'clipNorm'],
    ['lookback', 'lookback'],
    ['batch-size', 'batchSize'],
    ['seed', 'seed'],
  ];
  for (const [flag, field] of numeric) {
    const value = numberFlag(flag, flags[flag]);
    if (value !== undefined) next[field] = value;
  }
  const steps = numberFlag('steps', flags.steps);
  const epochs = numberFlag('epochs', flags.epochs);
  if (steps !== undefined && epochs !== undefined) {
    throw new EngineError('INVALID_OPTIONS', 'give either --steps or --epochs, not both');
  }
  if (steps !== undefined) next.budget = { kind: 'steps', steps };
  if (epochs !== undefined) next.budget = { kind: 'epochs', epochs };
  const patience = numberFlag('patience', flags.patience);
  if (patience !== undefined) next.earlyStopping = patience > 0 ? { patience } : null;

  const result = validateSpec(next);
  if (!result.ok) {
    const lines = result.errors.map((e) => `  ${e.path || 'spec'}: ${e.message}`);
    throw new EngineError('INVALID_SPEC', `invalid model settings:\n${lines.join('\n')}`);
  }
  return { spec: result.spec, warnings: result.warnings.map((w) => `${w.path}: ${w.message}`) };
}
