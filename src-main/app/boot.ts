import { join } from 'node:path';
import { app, dialog, session, type BrowserWindow } from 'electron';
import type { ResponseOf } from '../contract/api-contract';
import type { ProjectKind } from '../contract/desktop-schemas';
import type { Result } from '../contract/result';
import { createHandlers } from '../handlers/create-handlers';
import { dispatch } from '../handlers/dispatch';
import { createEmitter } from '../ipc/emit';
import { registerIpc } from '../ipc/register-ipc';
import { isTrustedSender, originOf } from '../ipc/trusted-sender';
import { WorkerHost } from '../worker/worker-host';
import { aboutText, showAboutBox } from './about-box';
import { APP_ENTRY_URL, APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol';
import { installApplicationMenu } from './application-menu';
import { contentSecurityPolicy } from './content-security-policy';
import { createDialogs } from './dialogs';
import { createMainWindow } from './main-window';
import { createMenuActions } from './menu-actions';
import { RecentProjects, rememberProjects } from './recent-projects';
import { guardAllWebContents, hardenSession } from './security';

export interface BootOptions {
  /** The built preload (out/preload/index.cjs). */
  preload: string;
  /** The built renderer (out/renderer), served on app://rnn-studio/. */
  rendererDir: string;
  /** The built worker (out/main/worker-entry.js): the one training worker runs it. */
  workerEntry: URL;
  /** The folder holding samples/ (process.resourcesPath once packaged). */
  resourcesDir: string;
  /** `electron-vite dev` serves the renderer from Vite; null in the built app. */
  devServerUrl: string | null;
}

const logError = (error: unknown): void => console.error('RNN Studio:', error);

/**
 * The main process from start to quit: one instance only, the app scheme and the security
 * guards registered before anything loads, then on ready the training worker, the handlers on
 * IPC, the menu and the window. Each concern lives in its own file; this one only wires them.
 */
export function boot(options: BootOptions): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Every renderer sandboxed, whatever options a window is created with.
  app.enableSandbox();
  registerAppScheme();
  guardAllWebContents();
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(() => start(options))
    .catch((error: unknown) => {
      dialog.showErrorBox(
        'RNN Studio could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
    });
}

async function start(options: BootOptions): Promise<void> {
  const userData = app.getPath('userData');
  const projectsDir = join(userData, 'projects');
  const dev = options.devServerUrl;
  const page =
    dev === null
      ? { url: APP_ENTRY_URL, origin: APP_ORIGIN }
      : { url: dev, origin: originOf(dev) ?? dev };
  const policy = contentSecurityPolicy(dev);

  hardenSession(session.defaultSession, policy);
  serveRenderer(options.rendererDir, policy);

  let window: BrowserWindow | null = null;
  const getWindow = (): BrowserWindow | null => window;
  const emit = createEmitter(() => window?.webContents ?? null);
  const dialogs = createDialogs(getWindow, {
    projects: projectsDir,
    documents: app.getPath('documents'),
  });
  const host = new WorkerHost({ entry: options.workerEntry });
  const recent = new RecentProjects(join(userData, 'recent-projects.json'));
  await recent.load();

  const refreshMenu = (): void =>
    installApplicationMenu(actions, {
      appName: app.getName(),
      isMac: process.platform === 'darwin',
      isDev: dev !== null,
      recent: recent.list(),
      onError: logError,
    });
  const remember = (path: string, kind: ProjectKind): void => {
    app.addRecentDocument(path);
    recent.add(path, kind).then(refreshMenu, logError);
  };
  const handlers = rememberProjects(
    createHandlers({
      host,
      emit,
      desktop: dialogs,
      resourcesDir: options.resourcesDir,
      projectsDir,
      transport: 'electron',
      appVersion: app.getVersion(),
    }),
    remember,
  );
  registerIpc(handlers, (event) =>
    isTrustedSender(event, {
      webContentsId: () => window?.webContents.id ?? null,
      origin: page.origin,
    }),
  );

  const actions = createMenuActions({
    dialogs,
    emit,
    clearRecent: () => recent.clear(),
    refreshMenu,
    appInfo: () => dispatch(handlers, 'app:info', {}) as Promise<Result<ResponseOf<'app:info'>>>,
    showAbout: (info) =>
      showAboutBox(
        window,
        aboutText(info, {
          name: app.getName(),
          version: app.getVersion(),
          versions: process.versions,
          os: `${process.platform} ${process.arch}`,
        }),
      ),
  });
  refreshMenu();

  const openWindow = (): void => {
    const created = createMainWindow({
      preload: options.preload,
      url: page.url,
      stateFile: join(userData, 'window-state.json'),
    });
    created.on('closed', () => {
      if (window === created) window = null;
    });
    window = created;
  };
  openWindow();

  app.on('second-instance', () => {
    if (window === null) {
      openWindow();
      return;
    }
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (window === null) openWindow();
  });
  app.on('will-quit', () => {
    void host.close();
  });
}
