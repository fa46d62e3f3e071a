import type { MenuCommand } from '../../../src-main/contract/desktop-schemas';
import type { ViewName } from '../types';

/** What the renderer does for an application-menu command (see AppState.runMenuCommand). */
export type MenuAction =
  | { kind: 'import-csv'; path: string }
  | { kind: 'open-text'; path: string }
  | { kind: 'open-project'; path: string }
  | { kind: 'open-language-project'; path: string }
  | { kind: 'save-project'; runId: string; path: string | null }
  | { kind: 'save-language-project'; runId: string; path: string | null }
  | { kind: 'export-forecast'; runId: string }
  | { kind: 'toggle-theme' }
  | { kind: 'notice'; message: string };

export interface MenuContext {
  view: ViewName;
  /** The finished run on screen, if any. */
  runId: string | null;
  /** A run is training (a project cannot be saved from it yet). */
  training: boolean;
  /** The Language view's finished model, if any, and whether one is training. */
  language?: { runId: string | null; training: boolean };
  /** Projects whose kind is known (the project list), to open a folder the right way. */
  projects?: readonly { path: string; kind: 'forecast' | 'language' }[];
}

/**
 * The menu's command, decided against what is on screen. Pure, so every route is tested without a
 * window: a CSV goes to the import wizard, a project opens as what it holds (a language model or a
 * forecast; a folder not in the list by the active view), save saves what the active view shows
 * (the language model on the Language view, else the forecasting run), and save and export need a
 * finished run (otherwise the user is told what to do first).
 */
export function routeMenuCommand(command: MenuCommand, context: MenuContext): MenuAction {
  switch (command.command) {
    case 'open-file':
      if (command.kind === 'csv') return { kind: 'import-csv', path: command.path };
      if (command.kind === 'project') {
        const known =
          command.projectKind ?? context.projects?.find((p) => p.path === command.path)?.kind;
        const kind = known ?? (context.view === 'language' ? 'language' : 'forecast');
        return kind === 'language'
          ? { kind: 'open-language-project', path: command.path }
          : { kind: 'open-project', path: command.path };
      }
      return { kind: 'open-text', path: command.path };
    case 'save-project':
      if (context.view === 'language') {
        const language = context.language ?? { runId: null, training: false };
        if (language.runId === null || language.training) {
          return {
            kind: 'notice',
            message: language.training
              ? 'The language model is still training: save it when it has finished.'
              : 'There is no language model to save yet: train one first.',
          };
        }
        return { kind: 'save-language-project', runId: language.runId, path: command.path };
      }
      if (context.runId === null || context.training) {
        return {
          kind: 'notice',
          message: context.training
            ? 'A model is still training: save the project when it has finished.'
            : 'There is no finished run to save yet: train a model first.',
        };
      }
      return { kind: 'save-project', runId: context.runId, path: command.path };
    case 'export':
      if (context.runId === null) {
        return {
          kind: 'notice',
          message:
            'Nothing to export yet: train a model, then export its forecast as CSV (charts export from their own PNG and SVG buttons).',
        };
      }
      return { kind: 'export-forecast', runId: context.runId };
    case 'toggle-theme':
      return { kind: 'toggle-theme' };
  }
}
