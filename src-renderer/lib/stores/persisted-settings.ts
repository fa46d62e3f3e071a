import { z } from 'zod';
import {
  backendChoiceSchema,
  dataSettingsSchema,
  trainStartSchema,
} from '../../../src-main/contract/train-schemas';
import { DEFAULT_DATA_SETTINGS, DEFAULT_FORECAST_SPEC, cloneSpec } from '../presets';
import type { BackendChoice, DataSettings, ModelSpec, Theme, ViewName } from '../types';

export const SETTINGS_KEY = 'rnn-studio.settings.v1';

export interface DatasetRef {
  kind: 'sample' | 'import';
  id: string;
}

/** Everything that survives a reload. Data itself stays with the engine; only its id is kept. */
export interface PersistedSettings {
  spec: ModelSpec;
  data: DataSettings;
  theme: Theme;
  backend: BackendChoice;
  /**
   * Whether the user picked the backend. Until then it follows what the engine reports in use
   * (`npm run web -- --backend wasm` means wasm), so a run does not fall back needlessly.
   */
  backendChosen: boolean;
  view: ViewName;
  logScale: boolean;
  lastDataset: DatasetRef | null;
  lastRunId: string | null;
}

const fieldSchemas = {
  spec: trainStartSchema.shape.spec,
  data: dataSettingsSchema,
  theme: z.enum(['light', 'dark']),
  backend: backendChoiceSchema,
  backendChosen: z.boolean(),
  view: z.enum(['designer', 'data', 'train', 'forecast', 'runs', 'language']),
  logScale: z.boolean(),
  lastDataset: z.object({ kind: z.enum(['sample', 'import']), id: z.string().min(1) }).nullable(),
  lastRunId: z.string().min(1).nullable(),
} satisfies { [K in keyof PersistedSettings]: z.ZodType };

export function defaultSettings(prefersDark: boolean): PersistedSettings {
  return {
    spec: cloneSpec(DEFAULT_FORECAST_SPEC),
    data: { ...DEFAULT_DATA_SETTINGS },
    theme: prefersDark ? 'dark' : 'light',
    backend: 'auto',
    backendChosen: false,
    view: 'designer',
    logScale: false,
    lastDataset: null,
    lastRunId: null,
  };
}

/**
 * Reads stored settings field by field: a field that no longer parses (an older version, a spec
 * left half-typed) falls back to its default without costing the user the others.
 */
export function parseSettings(raw: string | null, defaults: PersistedSettings): PersistedSettings {
  let stored: unknown;
  try {
    stored = raw === null ? null : JSON.parse(raw);
  } catch {
    stored = null;
  }
  if (typeof stored !== 'object' || stored === null) return defaults;
  const record = stored as Record<string, unknown>;
  const result: Record<string, unknown> = { ...defaults };
  for (const [key, schema] of Object.entries(fieldSchemas)) {
    const parsed = (schema as z.ZodType).safeParse(record[key]);
    if (parsed.success) result[key] = parsed.data;
  }
  return result as unknown as PersistedSettings;
}
