import { join } from 'node:path';
import {
  dialog,
  type BrowserWindow,
  type FileFilter,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import type { ExportFormat, FileKind } from '../contract/desktop-schemas';
import type { DesktopDeps } from '../handlers/desktop-handlers';

const ALL_FILES: FileFilter = { name: 'All files', extensions: ['*'] };

const OPEN_OPTIONS: Record<FileKind, OpenDialogOptions> = {
  csv: {
    title: 'Open a CSV time series',
    properties: ['openFile'],
    filters: [{ name: 'CSV files', extensions: ['csv', 'tsv', 'txt'] }, ALL_FILES],
  },
  text: {
    title: 'Open a text to train a language model on',
    properties: ['openFile'],
    filters: [{ name: 'Text files', extensions: ['txt', 'md'] }, ALL_FILES],
  },
  project: {
    // A project is a folder (project.json, the model's weights, the run record).
    title: 'Open a project folder',
    properties: ['openDirectory'],
  },
};

const EXPORT_FILTERS: Record<ExportFormat, FileFilter> = {
  csv: { name: 'CSV', extensions: ['csv'] },
  json: { name: 'JSON', extensions: ['json'] },
  svg: { name: 'SVG image', extensions: ['svg'] },
  txt: { name: 'Text', extensions: ['txt'] },
  png: { name: 'PNG image', extensions: ['png'] },
};

export interface Dialogs extends DesktopDeps {
  /** Where to save a project (a new folder), or null if the user cancelled. */
  chooseProjectFolder(): Promise<string | null>;
}

/**
 * The native dialogs, modal to the window when there is one. Every path the rest of the app
 * touches on the user's behalf comes from one of these, i.e. from the user's own choice.
 */
export function createDialogs(
  getWindow: () => BrowserWindow | null,
  folders: { projects: string; documents: string },
): Dialogs {
  const open = async (options: OpenDialogOptions): Promise<string | null> => {
    const window = getWindow();
    const result = await (window === null
      ? dialog.showOpenDialog(options)
      : dialog.showOpenDialog(window, options));
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  const save = async (options: SaveDialogOptions): Promise<string | null> => {
    const window = getWindow();
    const result = await (window === null
      ? dialog.showSaveDialog(options)
      : dialog.showSaveDialog(window, options));
    return result.canceled || result.filePath === '' ? null : result.filePath;
  };

  return {
    chooseFile: (kind) =>
      open(
        kind === 'project'
          ? { ...OPEN_OPTIONS.project, defaultPath: folders.projects }
          : OPEN_OPTIONS[kind],
      ),
    chooseSavePath: (suggestedName, format) =>
      save({
        title: 'Export',
        defaultPath: join(folders.documents, suggestedName),
        filters: [EXPORT_FILTERS[format], ALL_FILES],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      }),
    chooseProjectFolder: () =>
      save({
        title: 'Save project as',
        buttonLabel: 'Save project',
        defaultPath: join(folders.projects, 'forecast'),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      }),
  };
}
