import { z } from 'zod';
import { modelSpecSchema } from '../engine/model/model-spec';
import {
  backendChoiceSchema,
  backendInfoSchema,
  dataSettingsSchema,
  metricsSchema,
  progressSchema,
  runResultSchema,
} from './train-schemas';

/**
 * What the forecast view asks of a finished run beyond its result: a closed-loop forecast from any
 * origin, a rolling-origin backtest, the forecast as CSV, and the history of runs.
 */

/** A closed-loop (recursive) forecast of `horizon` rows from row `origin` with the run's model. */
export const closedLoopRequestSchema = z.object({
  runId: z.string(),
  /** First forecast row (index into the series); rows before it are the model's input. */
  origin: z.number().int().min(1),
  horizon: z.number().int().min(1, 'forecast at least 1 step').max(10_000),
});

export const closedLoopSchema = z.object({
  origin: z.number(),
  /** Times of the forecast rows (ms since epoch, UTC; past the end on the series' grid), or null. */
  times: z.array(z.number()).nullable(),
  /** Actual values of the forecast rows that exist (shorter than `predicted` past the end). */
  actual: z.array(z.number()),
  /** Each step fed the previous prediction back in, never the actual value. */
  predicted: z.array(z.number()),
});
export type ClosedLoopValue = z.infer<typeof closedLoopSchema>;

const backtestOptions = {
  folds: z.number().int().min(1, 'use at least 1 fold').max(20, 'use at most 20 folds').default(3),
  /** Train a fresh model before every fold (slower, truer) instead of once before the first. */
  retrain: z.boolean().default(false),
  backend: backendChoiceSchema.optional(),
};

/** Backtest the model of a finished run, or a spec on a loaded dataset with the given settings. */
export const backtestStartSchema = z.union([
  z.object({ runId: z.string(), ...backtestOptions }),
  z.object({
    datasetId: z.string(),
    spec: modelSpecSchema,
    data: dataSettingsSchema,
    ...backtestOptions,
  }),
]);
export type BacktestStartRequest = z.input<typeof backtestStartSchema>;

export const backtestFoldSchema = z.object({
  fold: z.number(),
  /** Training used rows [0, trainEnd) only; the fold predicts rows [testStart, testEnd). */
  trainEnd: z.number(),
  testStart: z.number(),
  testEnd: z.number(),
  /** Times of the fold's first and last rows (ms since epoch, UTC), or null without times. */
  startTime: z.number().nullable(),
  endTime: z.number().nullable(),
  metrics: metricsSchema,
  persistence: metricsSchema,
});
export type BacktestFoldValue = z.infer<typeof backtestFoldSchema>;

export const backtestResultSchema = z.object({
  jobId: z.string(),
  folds: z.array(backtestFoldSchema),
  retrain: z.boolean(),
  /** Over all fold rows together. */
  overall: z.object({ metrics: metricsSchema, persistence: metricsSchema }).nullable(),
  /** Stopped by the user: `folds` holds the folds that finished. */
  cancelled: z.boolean(),
  seconds: z.number(),
});
export type BacktestResultValue = z.infer<typeof backtestResultSchema>;

export const backtestProgressSchema = z.object({
  jobId: z.string(),
  /** The fold now running, 1-based, of `folds`. */
  fold: z.number(),
  folds: z.number(),
  /** Training progress inside the fold; null while the fold is predicted (or not retrained). */
  progress: progressSchema.nullable(),
});
export type BacktestProgressValue = z.infer<typeof backtestProgressSchema>;

/** One training run as the history remembers it (this session and earlier ones). */
export const historyRowSchema = z.object({
  runId: z.string(),
  /** ISO 8601, when training finished. */
  createdAt: z.string(),
  datasetId: z.string(),
  datasetName: z.string(),
  /** sha256 of the series the run trained on: equal hashes, equal data. */
  dataHash: z.string(),
  spec: modelSpecSchema,
  seed: z.number(),
  backend: backendInfoSchema,
  versions: z.record(z.string(), z.string()),
  status: runResultSchema.shape.status,
  steps: z.number(),
  seconds: z.number(),
  metrics: metricsSchema.nullable(),
  /** Persistence on the same test rows, the number the model has to beat. */
  persistence: metricsSchema.nullable(),
  /** AutoARIMA on the same test rows (absent in rows recorded before it was reported). */
  autoArima: z.object({ model: z.string(), metrics: metricsSchema }).nullable().optional(),
  /** Trained in the app, or found in a project that was opened. */
  source: z.enum(['trained', 'project']),
  /** The run is still in memory: it can be reopened (earlier sessions' runs are records only). */
  available: z.boolean(),
});
export type HistoryRowValue = z.infer<typeof historyRowSchema>;
