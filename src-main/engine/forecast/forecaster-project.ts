import { createHash } from 'node:crypto';
import type * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import type { BackendInfo } from '../backend/select-backend';
import type { TimeSeries } from '../data/time-series';
import { prepareSeries, type PreparedSeries } from '../data/series/prepare-series';
import type { ModelSpec } from '../model/model-spec';
import { openProject, saveProject } from '../model/project-io';
import { disposeModel } from '../model/dispose-model';
import { EngineError } from '../util/engine-error';
import type { ForecastDataOptions } from './train-forecaster';
import type { ForecastMetrics } from './metrics';
import type { TrainOutcome } from '../train/train-progress';
import type { TrainingPathInfo } from '../fused/choose-training-path';

/** What ran, on what, with which data: enough to tell two runs apart and to trust a result. */
export interface RunRecord {
  kind: 'forecast';
  createdAt: string;
  backend: BackendInfo;
  versions: Record<string, string>;
  seed: number;
  /** sha256 of the series (times, target, features) as float64 bytes. */
  dataHash: string;
  seconds: number;
  steps: number;
  status: TrainOutcome['status'];
  metrics: ForecastMetrics | null;
  /** Which implementation ran the training steps (fused kernel or tfjs layers) and why. */
  trainingPath?: TrainingPathInfo;
}

export function hashSeries(series: TimeSeries): string {
  const hash = createHash('sha256');
  const add = (values: Float64Array): void => {
    hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  };
  if (series.times !== null) add(series.times);
  hash.update(series.target.name);
  add(series.target.values);
  for (const feature of series.features) {
    hash.update(feature.name);
    add(feature.values);
  }
  return hash.digest('hex');
}

const savedSeriesSchema = z.object({
  times: z.array(z.number()).nullable(),
  frequency: z
    .object({
      unit: z.string(),
      step: z.number(),
      label: z.string(),
      seasonPeriod: z.number().nullable(),
    })
    .nullable(),
  target: z.object({ name: z.string(), values: z.array(z.number()) }),
  features: z.array(z.object({ name: z.string(), values: z.array(z.number()) })),
  filledTargetRows: z.array(z.number().int().min(0)).optional(),
});

const arimaFitSchema = z.object({
  order: z.object({
    p: z.number().int().min(0),
    d: z.number().int().min(0),
    q: z.number().int().min(0),
    P: z.number().int().min(0),
    D: z.number().int().min(0),
    Q: z.number().int().min(0),
    season: z.number().int().min(1),
    constant: z.boolean(),
  }),
  ar: z.array(z.number()),
  ma: z.array(z.number()),
  seasonalAr: z.array(z.number()),
  seasonalMa: z.array(z.number()),
  mean: z.number(),
  sigma2: z.number(),
  aicc: z.number(),
  rows: z.number(),
});

const extrasSchema = z.object({
  kind: z.literal('forecast'),
  series: savedSeriesSchema,
  data: z.object({
    split: z
      .object({ testFraction: z.number().optional(), valFraction: z.number().optional() })
      .optional(),
    scaling: z.enum(['zscore', 'minmax']).optional(),
    transform: z.enum(['auto', 'none', 'residual', 'seasonal', 'difference', 'arima']).optional(),
    season: z.number().int().min(1).optional(),
    /** The `arima` transform's fitted models, so reopening never refits them differently. */
    arima: z.object({ training: arimaFitSchema, forecast: arimaFitSchema.optional() }).optional(),
  }),
  prepared: z.object({
    transform: z.enum(['none', 'residual', 'seasonal', 'difference', 'arima']),
    inputScaler: z.object({ kind: z.string(), center: z.number(), scale: z.number() }),
    targetScaler: z.object({ kind: z.string(), center: z.number(), scale: z.number() }),
  }),
  record: z.record(z.string(), z.unknown()),
  result: z.unknown(),
});

export interface ForecasterProjectInput {
  spec: ModelSpec;
  model: tf.LayersModel;
  series: TimeSeries;
  data: ForecastDataOptions;
  prepared: PreparedSeries;
  record: RunRecord;
  /** Whatever the UI wants back when the project is reopened (e.g. the run result). */
  result?: unknown;
}

/** Save a trained forecaster with its data, scalers and run record (atomically, see project-io). */
export async function saveForecasterProject(
  dir: string,
  input: ForecasterProjectInput,
): Promise<void> {
  const { series, prepared } = input;
  await saveProject(dir, {
    spec: input.spec,
    model: input.model,
    extras: {
      kind: 'forecast',
      series: {
        times: series.times === null ? null : Array.from(series.times),
        frequency: series.frequency,
        target: { name: series.target.name, values: Array.from(series.target.values) },
        features: series.features.map((f) => ({ name: f.name, values: Array.from(f.values) })),
        ...(series.filledTargetRows === undefined
          ? {}
          : { filledTargetRows: Array.from(series.filledTargetRows) }),
      },
      // The resolved transform and season, so reopening never re-decides them differently.
      data: {
        ...input.data,
        transform: prepared.transform,
        season: prepared.season,
        ...(prepared.arima === null
          ? {}
          : { arima: { training: prepared.arima.trainingFit, forecast: prepared.arima.fit } }),
      },
      prepared: {
        transform: prepared.transform,
        inputScaler: prepared.inputScaler,
        targetScaler: prepared.targetScaler,
      },
      record: input.record,
      result: input.result ?? null,
    },
  });
}

export interface OpenedForecaster {
  spec: ModelSpec;
  model: tf.LayersModel;
  series: TimeSeries;
  data: ForecastDataOptions;
  prepared: PreparedSeries;
  record: RunRecord;
  result: unknown;
}

/** Open a forecaster project; the series is prepared again and checked against the saved scalers. */
export async function openForecasterProject(dir: string): Promise<OpenedForecaster> {
  const project = await openProject(dir);
  try {
    const parsed = extrasSchema.safeParse(project.extras);
    if (!parsed.success) {
      throw new EngineError(
        'PROJECT_CORRUPT',
        `project.json is not a forecasting project: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`,
      );
    }
    const saved = parsed.data;
    const series: TimeSeries = {
      times: saved.series.times === null ? null : Float64Array.from(saved.series.times),
      frequency: saved.series.frequency as TimeSeries['frequency'],
      target: {
        name: saved.series.target.name,
        values: Float64Array.from(saved.series.target.values),
      },
      features: saved.series.features.map((f) => ({
        name: f.name,
        values: Float64Array.from(f.values),
      })),
      ...(saved.series.filledTargetRows === undefined
        ? {}
        : { filledTargetRows: Int32Array.from(saved.series.filledTargetRows) }),
    };
    const prepared = prepareSeries(series, { ...saved.data, lookback: project.spec.lookback });
    if (prepared.targetScaler.center !== saved.prepared.targetScaler.center) {
      throw new EngineError('PROJECT_CORRUPT', 'the saved data does not match the saved scaler');
    }
    return {
      spec: project.spec,
      model: project.model,
      series,
      data: saved.data,
      prepared,
      record: saved.record as unknown as RunRecord,
      result: saved.result,
    };
  } catch (error) {
    disposeModel(project.model);
    throw error;
  }
}
