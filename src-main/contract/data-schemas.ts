import { z } from 'zod';

/** Shapes of data the renderer sees: plain JSON (number arrays, not typed arrays). */
export const frequencySchema = z.object({
  unit: z.enum([
    'millisecond',
    'second',
    'minute',
    'hour',
    'day',
    'businessDay',
    'week',
    'month',
    'quarter',
    'year',
  ]),
  step: z.number(),
  label: z.string(),
  seasonPeriod: z.number().nullable(),
});
export type FrequencyValue = z.infer<typeof frequencySchema>;

export const dialectSchema = z.object({
  delimiter: z.enum([',', ';', '\t']),
  decimal: z.enum(['.', ',']),
  hasHeader: z.boolean(),
});
export type DialectValue = z.infer<typeof dialectSchema>;

export const dialectOverridesSchema = dialectSchema.partial().extend({
  dateOrder: z.enum(['dmy', 'mdy']).optional(),
});

/** Where CSV text comes from: a path on the machine running the engine, or the text itself. */
export const csvSourceSchema = z.union([
  z.object({ path: z.string().min(1) }),
  z.object({ text: z.string().min(1, 'the file is empty'), name: z.string() }),
]);
export type CsvSourceValue = z.infer<typeof csvSourceSchema>;

export const csvPreviewSchema = z.object({
  dialect: dialectSchema,
  header: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  columns: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['number', 'date', 'text']),
      dateFormat: z.string().nullable(),
      dateOrderFromData: z.boolean(),
    }),
  ),
  totalBytes: z.number(),
});
export type CsvPreviewValue = z.infer<typeof csvPreviewSchema>;

export const fillPolicySchema = z.enum(['linear', 'ffill', 'drop']);

export const importReportSchema = z.object({
  rowsRead: z.number(),
  rowsUsed: z.number(),
  dateColumn: z.string().nullable(),
  frequency: frequencySchema.nullable(),
  missingValues: z.array(z.object({ column: z.string(), count: z.number() })),
  missingDates: z.number(),
  fill: fillPolicySchema,
  insertedDates: z.number(),
  filledValues: z.number(),
  droppedRows: z.number(),
  warnings: z.array(z.string()),
  /** How a column was read when not as plain numbers ("5%" as 5); absent in older reports. */
  columnNotes: z.array(z.object({ column: z.string(), note: z.string() })).optional(),
  notes: z.array(z.string()),
});

/**
 * An imported series as the renderer holds it. `values`/`times` are the full target column (the
 * chart samples it with LTTB); `missingRows` marks rows that were filled, for the gap map.
 */
export const datasetSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Attribution for bundled samples (shown wherever the data is). */
  attribution: z.string().nullable(),
  rows: z.number(),
  times: z.array(z.number()).nullable(),
  frequency: frequencySchema.nullable(),
  target: z.object({ name: z.string(), values: z.array(z.number()) }),
  features: z.array(z.object({ name: z.string() })),
  filledRows: z.array(z.number()),
  report: importReportSchema.nullable(),
});
export type DatasetValue = z.infer<typeof datasetSchema>;

export const sampleSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  attribution: z.string(),
  target: z.string(),
  features: z.array(z.string()),
});
export type SampleValue = z.infer<typeof sampleSchema>;
