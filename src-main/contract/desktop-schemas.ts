import { z } from 'zod';

/**
 * What the desktop app adds to the contract: native file dialogs and the application menu's
 * commands. Over the web bridge the dialog channels answer with an error value (a browser has its
 * own file picker and downloads) and no menu events are ever sent.
 */

/** Files the app opens: a CSV series, a text corpus (language model), or a saved project folder. */
export const fileKindSchema = z.enum(['csv', 'text', 'project']);
export type FileKind = z.infer<typeof fileKindSchema>;

/** What a saved project holds: a forecasting run or a language model. */
export const projectKindSchema = z.enum(['forecast', 'language']);
export type ProjectKind = z.infer<typeof projectKindSchema>;

/** Formats the renderer can export through a native save dialog (png arrives as base64). */
export const exportFormatSchema = z.enum(['csv', 'json', 'svg', 'txt', 'png']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

/** A path the user picked, or null when they cancelled the dialog. */
export const pickedPathSchema = z.object({ path: z.string().nullable() });

/** Exported text is held in memory by both processes; beyond this, export from the CLI. */
export const MAX_EXPORT_CHARS = 64 * 1024 * 1024;

export const exportRequestSchema = z.object({
  /** File name offered in the dialog, e.g. "co2-forecast.csv" (no folders). */
  suggestedName: z
    .string()
    .min(1, 'give the file a name')
    .max(255)
    .refine((name) => !/[\\/]/.test(name), 'the suggested name must not contain a folder'),
  format: exportFormatSchema,
  content: z.string().max(MAX_EXPORT_CHARS, 'that is too much to export at once'),
  /** How `content` is written: utf8 text (default), or base64 for binary files such as PNG. */
  encoding: z.enum(['utf8', 'base64']).optional(),
});

/**
 * A menu choice, pushed to the renderer as the `menu:command` event. Files are chosen in the main
 * process's native dialog before the event is sent, so `path` is always one the user picked.
 */
export const menuCommandSchema = z.discriminatedUnion('command', [
  z.object({
    command: z.literal('open-file'),
    kind: fileKindSchema,
    path: z.string().min(1),
    /** A project's kind when the main process knows it (a recent project). */
    projectKind: projectKindSchema.optional(),
  }),
  /** Save the current run as a project; `path` null = the default folder (userData/projects). */
  z.object({ command: z.literal('save-project'), path: z.string().min(1).nullable() }),
  /** Export what the current view shows (the renderer then calls `export:save`). */
  z.object({ command: z.literal('export') }),
  z.object({ command: z.literal('toggle-theme') }),
]);
export type MenuCommand = z.infer<typeof menuCommandSchema>;
