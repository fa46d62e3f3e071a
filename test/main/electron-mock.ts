import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * A stand-in for the `electron` module (no Electron binary can run here). Each test file says
 * `vi.mock('electron', () => import('./electron-mock').then((m) => m.electronModule))` and then
 * drives and inspects these fakes. Only what the app's code touches is modelled.
 */

export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly sent: { channel: string; payload: unknown }[] = [];
  readonly mainFrame: FakeFrame = { url: 'app://rnn-studio/index.html', parent: null };
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** What the app does when the page tries to navigate to `url`. */
  navigate(url: string): FakeEvent {
    const event = new FakeEvent();
    this.emit('will-navigate', event, url);
    return event;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (_url: string) => {});
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  maximized = false;
  bounds = { x: 10, y: 20, width: 1000, height: 700 };

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    // Electron announces every new web contents app-wide.
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return false;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return this.bounds;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = true;
  userData = '/tmp/rnn-studio-test-user-data';
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  readonly addRecentDocument = vi.fn();
  readonly enableSandbox = vi.fn();
  readonly requestSingleInstanceLock = vi.fn(() => true);
  readonly whenReady = vi.fn(() => Promise.resolve());
  getPath(name: string): string {
    return name === 'userData' ? this.userData : `/tmp/rnn-studio-test-${name}`;
  }
  getName(): string {
    return 'RNN Studio';
  }
  getVersion(): string {
    return '0.1.0';
  }
}

export const app = new FakeApp();

export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: vi.fn() },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
  },
};

export const ipcMain = {
  handlers: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
  handle: vi.fn(
    (channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) => {
      ipcMain.handlers.set(channel, handler);
    },
  ),
  removeHandler: vi.fn((channel: string) => {
    ipcMain.handlers.delete(channel);
  }),
};

export const ipcRenderer = {
  invoke: vi.fn(async (_channel: string, _request: unknown): Promise<unknown> => ({ ok: true })),
  on: vi.fn(),
  removeListener: vi.fn(),
};

export const contextBridge = { exposeInMainWorld: vi.fn() };

export const shell = { openExternal: vi.fn(async (_url: string) => {}) };

export const dialog = {
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({
    canceled: false,
    filePaths: ['/data/picked.csv'],
  })),
  showSaveDialog: vi.fn(async (..._args: unknown[]) => ({
    canceled: false,
    filePath: '/data/saved',
  })),
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0 })),
  showErrorBox: vi.fn(),
};

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn(),
};

export const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };

export const screen = {
  getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]),
};

export const nativeTheme = { shouldUseDarkColors: false };

export const electronModule = {
  app,
  session,
  ipcMain,
  ipcRenderer,
  contextBridge,
  shell,
  dialog,
  Menu,
  protocol,
  screen,
  nativeTheme,
  BrowserWindow: FakeBrowserWindow,
};

/** Back to a fresh app: no windows, no listeners, no recorded calls. */
export function resetElectron(): void {
  vi.clearAllMocks();
  FakeBrowserWindow.instances.length = 0;
  app.removeAllListeners();
  app.isPackaged = true;
  ipcMain.handlers.clear();
}
