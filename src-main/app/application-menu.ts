import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { FileKind, ProjectKind } from '../contract/desktop-schemas';
import type { RecentProject } from './recent-projects';

/** What the menu can ask for; boot.ts carries each out (a dialog, an event to the renderer, ...). */
export interface MenuActions {
  openFile(kind: FileKind): Promise<void> | void;
  openRecent(path: string, kind?: ProjectKind): Promise<void> | void;
  clearRecent(): Promise<void> | void;
  saveProject(options: { saveAs: boolean }): Promise<void> | void;
  exportView(): Promise<void> | void;
  toggleTheme(): Promise<void> | void;
  showAbout(): Promise<void> | void;
}

export interface MenuContext {
  appName: string;
  isMac: boolean;
  /** Reload and developer tools appear only in development. */
  isDev: boolean;
  recent: readonly RecentProject[];
  /** Where an action that fails is reported (the menu has no one else to tell). */
  onError: (error: unknown) => void;
}

/**
 * The application menu as a template: File (open a CSV, a text or a project, recent projects,
 * save, export), Edit, View (theme, zoom, and reload/devtools in development), Help (About).
 * A plain function of its inputs, so tests can click every item without Electron.
 */
export function buildMenuTemplate(
  actions: MenuActions,
  context: MenuContext,
): MenuItemConstructorOptions[] {
  const run =
    (action: () => Promise<void> | void): (() => void) =>
    () => {
      try {
        void Promise.resolve(action()).catch(context.onError);
      } catch (error) {
        context.onError(error);
      }
    };

  const recentItems: MenuItemConstructorOptions[] =
    context.recent.length === 0
      ? [{ label: 'No recent projects', enabled: false }]
      : context.recent.map((project) => ({
          label:
            project.kind === undefined
              ? project.name
              : `${project.name} (${project.kind === 'language' ? 'language model' : 'forecast'})`,
          toolTip: project.path,
          click: run(() => actions.openRecent(project.path, project.kind)),
        }));

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open CSV…', accelerator: 'CmdOrCtrl+O', click: run(() => actions.openFile('csv')) },
      { label: 'Open text…', click: run(() => actions.openFile('text')) },
      {
        label: 'Open project…',
        accelerator: 'CmdOrCtrl+Shift+O',
        click: run(() => actions.openFile('project')),
      },
      {
        label: 'Recent projects',
        submenu: [
          ...recentItems,
          { type: 'separator' },
          {
            label: 'Clear recent projects',
            enabled: context.recent.length > 0,
            click: run(() => actions.clearRecent()),
          },
        ],
      },
      { type: 'separator' },
      {
        label: 'Save project',
        accelerator: 'CmdOrCtrl+S',
        click: run(() => actions.saveProject({ saveAs: false })),
      },
      {
        label: 'Save project as…',
        accelerator: 'CmdOrCtrl+Shift+S',
        click: run(() => actions.saveProject({ saveAs: true })),
      },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: run(() => actions.exportView()) },
      { type: 'separator' },
      context.isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      {
        label: 'Toggle light/dark theme',
        accelerator: 'CmdOrCtrl+Shift+L',
        click: run(() => actions.toggleTheme()),
      },
      { type: 'separator' },
      ...(context.isDev
        ? ([
            { role: 'reload' },
            { role: 'forceReload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] satisfies MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const about: MenuItemConstructorOptions = {
    label: `About ${context.appName}`,
    click: run(() => actions.showAbout()),
  };
  const help: MenuItemConstructorOptions = { role: 'help', submenu: [about] };

  const macApp: MenuItemConstructorOptions = {
    label: context.appName,
    submenu: [
      about,
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  return [
    ...(context.isMac ? [macApp] : []),
    file,
    edit,
    view,
    ...(context.isMac ? [{ role: 'windowMenu' } satisfies MenuItemConstructorOptions] : []),
    help,
  ];
}

/** Builds and installs the menu; called again whenever the recent projects change. */
export function installApplicationMenu(actions: MenuActions, context: MenuContext): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(actions, context)));
}
