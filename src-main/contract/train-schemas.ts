import { z } from 'zod';
import { modelSpecSchema } from '../engine/model/model-spec';

export const backendInfoSchema = z.object({
  name: z.enum(['tensorflow', 'wasm', 'cpu']),
  version: z.string(),
  fallbackReason: z.string().nullable(),
});
export type BackendInfoValue = z.infer<typeof backendInfoSchema>;

export const backendChoiceSchema = z.enum(['auto', 'tensorflow', 'wasm', 'cpu']);

export const specSummarySchema = z.object({
  valid: z.boolean(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
  warnings: z.array(z.object({ path: z.string(), message: z.string() })),
  layers: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['recurrent', 'dense', 'embedding']),
      units: z.number(),
      inputSize: z.number(),
      params: z.number(),
      formula: z.string(),
    }),
  ),
  totalParams: z.number(),
});
export type SpecSummaryValue = z.infer<typeof specSummarySchema>;

export const dataSettingsSchema = z.object({
  transform: z.enum(['auto', 'none', 'residual', 'seasonal', 'difference', 'arima']),
  scaling: z.enum(['zscore', 'minmax']),
  testFraction: z.number().gt(0.01).lt(0.9),
  valFraction: z.number().min(0).lt(0.9),
  /** Season of the seasonal-naive baseline; null = from the data's frequency. */
  season: z.number().int().min(1).nullable(),
  /** Rows to forecast past the end of the data (recursive). */
  horizon: z.number().int().min(0).max(10_000),
  /** Nominal coverage of prediction intervals (split conformal), null for none. */
  intervals: z.number().gt(0).lt(1).nullable().optional(),
});
export type DataSettingsValue = z.infer<typeof dataSettingsSchema>;

export const trainStartSchema = z.object({
  datasetId: z.string(),
  spec: modelSpecSchema,
  data: dataSettingsSchema,
  backend: backendChoiceSchema,
});
export type TrainStartRequest = z.infer<typeof trainStartSchema>;

export const progressSchema = z.object({
  step: z.number(),
  totalSteps: z.number(),
  epoch: z.number(),
  totalEpochs: z.number(),
  loss: z.number(),
  valLoss: z.number().nullable(),
  samplesPerSecond: z.number(),
  elapsedSeconds: z.number(),
  etaSeconds: z.number(),
  /** 0-based candidate of `count` trained as one bar (the forecaster's transform search). */
  candidate: z.object({ index: z.number(), count: z.number(), transform: z.string() }).optional(),
});
export type ProgressValue = z.infer<typeof progressSchema>;

export const metricsSchema = z.object({
  rmse: z.number(),
  mae: z.number(),
  mape: z.number().nullable(),
  smape: z.number(),
  mase: z.number().nullable(),
});
export type MetricsValue = z.infer<typeof metricsSchema>;

const baselineSchema = z.object({
  name: z.string(),
  season: z.number().nullable(),
  predicted: z.array(z.number()),
  metrics: metricsSchema,
});

/** AutoARIMA beside the model: its order, and its closed-loop forecast of the test rows. */
const autoArimaBaselineSchema = baselineSchema.extend({
  /** R's label, e.g. `ARIMA(0,1,1)(0,1,1)[12]`. */
  model: z.string(),
  closedLoop: z.array(z.number()),
  closedLoopMetrics: metricsSchema,
  /** Its forecast past the end of the data, as long as the model's. */
  future: z.array(z.number()),
});
export type AutoArimaBaselineValue = z.infer<typeof autoArimaBaselineSchema>;

/** A finished run: what the Train and Forecast views show. */
export const runResultSchema = z.object({
  runId: z.string(),
  datasetId: z.string(),
  spec: modelSpecSchema,
  backend: backendInfoSchema,
  status: z.enum(['completed', 'early-stopped', 'cancelled', 'nan']),
  message: z.string(),
  steps: z.number(),
  seconds: z.number(),
  paramCount: z.number(),
  history: z.array(
    z.object({
      step: z.number(),
      epoch: z.number(),
      loss: z.number(),
      valLoss: z.number().nullable(),
    }),
  ),
  transform: z.enum(['none', 'residual', 'seasonal', 'difference', 'arima']),
  /** Why that transform, with the training-rows figures (absent in runs saved before it was). */
  transformReason: z.string().optional(),
  split: z.object({ n: z.number(), valStart: z.number(), testStart: z.number() }),
  test: z.object({
    startRow: z.number(),
    times: z.array(z.number()).nullable(),
    actual: z.array(z.number()),
    predicted: z.array(z.number()),
    /** Series rows among the test rows that the file did not have: not scored. */
    filledRows: z.array(z.number()).optional(),
  }),
  metrics: metricsSchema,
  baselines: z.object({
    persistence: baselineSchema,
    seasonalNaive: baselineSchema,
    drift: baselineSchema,
    /** Null when it could not be fitted; absent in runs saved before it was reported. */
    autoArima: autoArimaBaselineSchema.nullable().optional(),
  }),
  /** Why there is no AutoARIMA baseline, when there is none. */
  autoArimaNote: z.string().nullable().optional(),
  /** Why there is no interval band although one was asked for. */
  intervalsNote: z.string().optional(),
  future: z.object({ times: z.array(z.number()).nullable(), values: z.array(z.number()) }),
  covariatesNote: z.string(),
  /** Plain warnings: no better than persistence, or a lagged copy of the series. */
  warnings: z.array(z.string()).optional(),
  lag: z
    .object({ maeToActual: z.number(), maeToPrevious: z.number(), laggedCopy: z.boolean() })
    .optional(),
  horizonErrors: z
    .array(
      z.object({
        step: z.number(),
        mae: z.number(),
        rmse: z.number(),
        origins: z.number(),
        /** Persistence from the same origins (absent in runs saved before it was reported). */
        persistenceMae: z.number().optional(),
        persistenceRmse: z.number().optional(),
      }),
    )
    .optional(),
  intervals: z
    .object({
      level: z.number(),
      /** The coverage the band promises (absent in runs saved before it was reported: `level`). */
      guaranteedLevel: z.number().optional(),
      note: z.string().nullable().optional(),
      method: z.string(),
      calibratedOn: z.string(),
      coverage: z.number(),
      halfWidths: z.array(z.number()),
      lower: z.array(z.number()),
      upper: z.array(z.number()),
      futureLower: z.array(z.number()),
      futureUpper: z.array(z.number()),
    })
    .nullable()
    .optional(),
});
export type RunResultValue = z.infer<typeof runResultSchema>;
