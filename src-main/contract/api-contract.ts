import { z } from 'zod';
import {
  csvPreviewSchema,
  csvSourceSchema,
  datasetSchema,
  dialectOverridesSchema,
  fillPolicySchema,
  frequencySchema,
  sampleSchema,
} from './data-schemas';
import {
  backendInfoSchema,
  progressSchema,
  runResultSchema,
  specSummarySchema,
  trainStartSchema,
} from './train-schemas';
import { apiErrorSchema } from './result';
import {
  exportRequestSchema,
  fileKindSchema,
  menuCommandSchema,
  pickedPathSchema,
} from './desktop-schemas';
import {
  backtestProgressSchema,
  backtestResultSchema,
  backtestStartSchema,
  closedLoopRequestSchema,
  closedLoopSchema,
  historyRowSchema,
} from './analysis-schemas';
import { LANGUAGE_CHANNELS, LANGUAGE_EVENTS } from './language-schemas';

/**
 * The API between the renderer and the main process: one entry per channel (`domain:verb`), each
 * with a request and a response schema. Electron IPC, the preload and the web bridge are all built
 * from this table, and every request is parsed with its schema before a handler sees it.
 */
export const API_CHANNELS = {
  'app:info': {
    request: z.object({}),
    response: z.object({
      name: z.string(),
      version: z.string(),
      backend: backendInfoSchema,
      versions: z.record(z.string(), z.string()),
      transport: z.enum(['electron', 'web']),
    }),
  },
  'samples:list': { request: z.object({}), response: z.array(sampleSchema) },
  'samples:load': { request: z.object({ id: z.string() }), response: datasetSchema },
  'csv:preview': {
    request: z.object({ source: csvSourceSchema, dialect: dialectOverridesSchema.optional() }),
    response: csvPreviewSchema,
  },
  'csv:import': {
    request: z.object({
      source: csvSourceSchema,
      dialect: dialectOverridesSchema.optional(),
      target: z.string().min(1, 'choose a target column'),
      features: z.array(z.string()),
      /** The date column, or null when the file has none (then `start` and `frequency` apply). */
      date: z.string().nullable(),
      fill: fillPolicySchema,
      /** Unix timestamps in a number date column: unset or auto reads seconds or ms by range. */
      dateUnit: z.enum(['auto', 's', 'ms', 'none']).optional(),
      /** Without a date column: the first row's time (ms since epoch) and the spacing. */
      start: z.number().nullable().optional(),
      frequency: frequencySchema.nullable().optional(),
    }),
    response: datasetSchema,
  },
  'dataset:get': { request: z.object({ id: z.string() }), response: datasetSchema },
  'spec:summarize': {
    request: z.object({ spec: z.unknown(), inputFeatures: z.number().int().min(1) }),
    response: specSummarySchema,
  },
  'train:start': { request: trainStartSchema, response: z.object({ runId: z.string() }) },
  'train:stop': {
    request: z.object({ runId: z.string() }),
    response: z.object({ stopping: z.boolean() }),
  },
  'run:get': { request: z.object({ runId: z.string() }), response: runResultSchema },
  'project:save': {
    request: z.object({ runId: z.string(), path: z.string().min(1).optional() }),
    response: z.object({ path: z.string() }),
  },
  'project:list': {
    request: z.object({}),
    response: z.array(
      z.object({
        name: z.string(),
        path: z.string(),
        savedAt: z.string(),
        /** What the project holds: a forecasting run (project:open) or a language model (lm:open). */
        kind: z.enum(['forecast', 'language']),
      }),
    ),
  },
  'project:open': {
    request: z.object({ path: z.string().min(1) }),
    response: z.object({ run: runResultSchema, dataset: datasetSchema }),
  },
  /** Desktop only: a native open dialog; the path the user picked, or null if cancelled. */
  'dialog:open': { request: z.object({ kind: fileKindSchema }), response: pickedPathSchema },
  /** Desktop only: a native save dialog, then the text is written there (atomically). */
  'export:save': { request: exportRequestSchema, response: pickedPathSchema },
  /** A closed-loop forecast from any origin with a finished run's model (kept in the worker). */
  'forecast:closed-loop': { request: closedLoopRequestSchema, response: closedLoopSchema },
  /** The run's forecast as CSV text (time, actual, predicted, [lower, upper], persistence). */
  'forecast:csv': {
    request: z.object({ runId: z.string() }),
    response: z.object({ csv: z.string() }),
  },
  /** Rolling-origin backtest in the worker; progress and the result arrive as backtest:* events. */
  'backtest:start': { request: backtestStartSchema, response: z.object({ jobId: z.string() }) },
  'backtest:stop': {
    request: z.object({ jobId: z.string() }),
    response: z.object({ stopping: z.boolean() }),
  },
  /** Every finished training run, newest first (this session's and the saved history's). */
  'history:list': { request: z.object({}), response: z.array(historyRowSchema) },
  ...LANGUAGE_CHANNELS,
} as const;

/** Events pushed from main to the renderer (`domain:event`). */
export const API_EVENTS = {
  'train:progress': z.object({ runId: z.string(), progress: progressSchema }),
  'train:done': z.object({ runId: z.string(), result: runResultSchema }),
  'train:failed': z.object({ runId: z.string(), error: apiErrorSchema }),
  'csv:progress': z.object({ bytesRead: z.number(), totalBytes: z.number() }),
  /** Desktop only: the user chose an application-menu item the renderer carries out. */
  'menu:command': menuCommandSchema,
  'backtest:progress': backtestProgressSchema,
  'backtest:done': z.object({ jobId: z.string(), result: backtestResultSchema }),
  'backtest:failed': z.object({ jobId: z.string(), error: apiErrorSchema }),
  ...LANGUAGE_EVENTS,
} as const;

export type Channel = keyof typeof API_CHANNELS;
export type EventName = keyof typeof API_EVENTS;
export type RequestOf<C extends Channel> = z.input<(typeof API_CHANNELS)[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof API_CHANNELS)[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<(typeof API_CHANNELS)[C]['response']>;
export type EventOf<E extends EventName> = z.output<(typeof API_EVENTS)[E]>;

export const CHANNEL_NAMES = Object.keys(API_CHANNELS) as Channel[];
export const EVENT_NAMES = Object.keys(API_EVENTS) as EventName[];
