import type { ResponseOf } from '../contract/api-contract';
import type { Result } from '../contract/result';
import type { Emit } from '../ipc/emit';
import type { MenuActions } from './application-menu';
import type { Dialogs } from './dialogs';

export interface MenuActionDeps {
  dialogs: Pick<Dialogs, 'chooseFile' | 'chooseProjectFolder'>;
  emit: Emit;
  clearRecent(): Promise<void>;
  /** Rebuilds the menu (the recent projects changed). */
  refreshMenu(): void;
  appInfo(): Promise<Result<ResponseOf<'app:info'>>>;
  showAbout(info: Result<ResponseOf<'app:info'>>): Promise<void>;
}

/**
 * What each menu item does. Files are chosen here, in the main process's native dialog; the
 * renderer, which owns the views and the current run, then receives a `menu:command` event and
 * calls the contract's channels like any of its own buttons would.
 */
export function createMenuActions(deps: MenuActionDeps): MenuActions {
  const { emit } = deps;
  return {
    async openFile(kind) {
      const path = await deps.dialogs.chooseFile(kind);
      if (path !== null) emit('menu:command', { command: 'open-file', kind, path });
    },
    openRecent(path, projectKind) {
      emit('menu:command', {
        command: 'open-file',
        kind: 'project',
        path,
        ...(projectKind === undefined ? {} : { projectKind }),
      });
    },
    async clearRecent() {
      await deps.clearRecent();
      deps.refreshMenu();
    },
    async saveProject({ saveAs }) {
      if (!saveAs) {
        emit('menu:command', { command: 'save-project', path: null });
        return;
      }
      const path = await deps.dialogs.chooseProjectFolder();
      if (path !== null) emit('menu:command', { command: 'save-project', path });
    },
    exportView() {
      emit('menu:command', { command: 'export' });
    },
    toggleTheme() {
      emit('menu:command', { command: 'toggle-theme' });
    },
    async showAbout() {
      await deps.showAbout(await deps.appInfo());
    },
  };
}
