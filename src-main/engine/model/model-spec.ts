import { z } from 'zod';

/**
 * The model spec: every argument that defines a recurrent model and how it is trained, serialisable
 * as JSON (it is saved in projects, sent over IPC and typed into the CLI). Shapes: the network maps
 * an input window `[batch, lookback, features]` to `[batch, 1]` (forecaster) or, for a language
 * model, token ids `[batch, seqLen]` to `[batch, seqLen, vocab]`.
 */
export const CELL_TYPES = ['simpleRNN', 'lstm', 'gru'] as const;
export type CellType = (typeof CELL_TYPES)[number];

export const OPTIMIZERS = ['sgd', 'adagrad', 'adam', 'rmsprop'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export const RECURRENT_ACTIVATIONS = ['sigmoid', 'hardSigmoid'] as const;

const budgetSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('steps'),
    steps: z.number().int('steps must be a whole number').min(1, 'train for at least 1 step'),
  }),
  z.object({
    kind: z.literal('epochs'),
    epochs: z.number().int('epochs must be a whole number').min(1, 'train for at least 1 epoch'),
  }),
]);
export type TrainingBudget = z.infer<typeof budgetSchema>;

export const modelSpecSchema = z.object({
  cell: z.enum(CELL_TYPES, { message: 'cell must be one of simpleRNN, lstm, gru' }),
  /** Units of each stacked recurrent layer, input side first. */
  layers: z
    .array(
      z
        .number()
        .int('units must be whole numbers')
        .min(1, 'each layer needs at least 1 unit')
        .max(4096, 'at most 4096 units per layer'),
    )
    .min(1, 'add at least one recurrent layer')
    .max(8, 'at most 8 stacked layers'),
  /** Run each layer forwards and backwards and concatenate the two outputs. */
  bidirectional: z.boolean(),
  /** Dropout on the outputs of one recurrent layer before the next: never across time steps. */
  dropout: z.number().min(0, 'dropout must be ≥ 0').max(0.9, 'dropout must be ≤ 0.9'),
  /** Dropout on the recurrent state inside each cell (across time steps), kept separate on purpose. */
  recurrentDropout: z
    .number()
    .min(0, 'recurrent dropout must be ≥ 0')
    .max(0.9, 'recurrent dropout must be ≤ 0.9'),
  /** The gate activation: sigmoid (the tutorial, Keras and PyTorch); tfjs defaults to hardSigmoid. */
  recurrentActivation: z.enum(RECURRENT_ACTIVATIONS),
  optimizer: z.enum(OPTIMIZERS, {
    message: 'optimizer must be one of sgd, adagrad, adam, rmsprop',
  }),
  learningRate: z.number().gt(0, 'learning rate must be > 0').max(10, 'learning rate must be ≤ 10'),
  /** Clip gradients to this global L2 norm; null = no clipping. */
  clipNorm: z.number().gt(0, 'clip norm must be > 0').nullable(),
  /** Time steps in each input window. */
  lookback: z
    .number()
    .int('lookback must be a whole number')
    .min(1, 'lookback must be at least 1')
    .max(1000, 'lookback must be at most 1000'),
  batchSize: z
    .number()
    .int('batch size must be a whole number')
    .min(1, 'batch size must be at least 1')
    .max(4096, 'batch size must be at most 4096'),
  budget: budgetSchema,
  /** Stop when validation loss has not improved for `patience` evaluations; restore the best weights. */
  earlyStopping: z
    .object({ patience: z.number().int().min(1, 'patience must be at least 1') })
    .nullable(),
  seed: z.number().int('seed must be a whole number').min(0).max(4294967295),
});

export type ModelSpec = z.infer<typeof modelSpecSchema>;

/** The tutorial's sine experiment: 2 LSTM layers x 30 units, 10 steps, Adagrad 0.1, batch 32, 10 000 steps. */
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

export interface SpecIssue {
  /** Dotted path of the field, e.g. `layers.1`. */
  path: string;
  message: string;
}

export type SpecValidation =
  { ok: true; spec: ModelSpec; warnings: SpecIssue[] } | { ok: false; errors: SpecIssue[] };

/** Validate untrusted input (a form, a project file, CLI flags) into a spec, with actionable messages. */
export function validateSpec(input: unknown): SpecValidation {
  const parsed = modelSpecSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    };
  }
  const spec = parsed.data;
  const warnings: SpecIssue[] = [];
  if (spec.layers.length === 1 && spec.dropout > 0) {
    // Dropout acts only between stacked layers (never across time steps): with one layer there is
    // no "between", so it would silently do nothing. Say so rather than pretend.
    warnings.push({
      path: 'dropout',
      message:
        'dropout acts only between stacked layers; with one layer it has no effect (add a layer or set it to 0)',
    });
  }
  if (spec.recurrentDropout > 0) {
    warnings.push({
      path: 'recurrentDropout',
      message:
        'recurrent dropout drops state across time steps; it slows training and is off in the tutorial',
    });
  }
  return { ok: true, spec, warnings };
}

/**
 * Defaults for forecasting a user's CSV: the tutorial's network and optimiser, a bounded number of
 * steps, and early stopping on the validation rows (real series are short and overfit, unlike the
 * tutorial's endless sine).
 */
export const DEFAULT_FORECAST_SPEC: ModelSpec = {
  ...TUTORIAL_SINE_SPEC,
  budget: { kind: 'steps', steps: 3000 },
  earlyStopping: { patience: 10 },
};
