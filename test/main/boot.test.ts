import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  FakeBrowserWindow,
  FakeEvent,
  FakeWebContents,
  Menu,
  app,
  dialog,
  ipcMain,
  protocol,
  resetElectron,
  session,
} from './electron-mock';
import { boot } from '../../src-main/app/boot';
import type { buildMenuTemplate } from '../../src-main/app/application-menu';
import { CHANNEL_NAMES } from '../../src-main/contract/api-contract';

vi.mock('electron', () => import('./electron-mock').then((m) => m.electronModule));

// Electron's MenuItemConstructorOptions, without importing electron into a test.
type Item = ReturnType<typeof buildMenuTemplate>[number];

function menuItem(path: string[]): Item {
  const template = Menu.buildFromTemplate.mock.calls.at(-1)![0] as Item[];
  let items = template;
  let found: Item | undefined;
  for (const name of path) {
    found = items.find((item) => (item.label ?? item.role)?.replace('&', '') === name);
    items = (found?.submenu as Item[] | undefined) ?? [];
  }
  if (found === undefined) throw new Error(`no menu item ${path.join(' > ')}`);
  return found;
}

const options = {
  preload: '/app/out/preload/index.cjs',
  rendererDir: '/app/out/renderer',
  // The TypeScript worker entry (run through tsx) stands in for the built worker-entry.js.
  workerEntry: new URL('../../src-main/worker/worker-entry.ts', import.meta.url),
  resourcesDir: fileURLToPath(new URL('../../resources', import.meta.url)),
  devServerUrl: null,
};

describe('the app from start to quit', () => {
  let userData: string;
  let window: FakeBrowserWindow;
  beforeAll(async () => {
    resetElectron();
    userData = mkdtempSync(join(tmpdir(), 'rnn-user-data-'));
    app.userData = userData;
    boot(options);
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    window = FakeBrowserWindow.instances[0]!;
  });
  afterAll(() => {
    app.emit('will-quit');
    rmSync(userData, { recursive: true, force: true });
  });

  const trusted = () => ({
    sender: window.webContents,
    senderFrame: { url: 'app://rnn-studio/index.html', parent: null },
  });

  it('takes the single-instance lock, sandboxes every renderer, registers the app scheme', () => {
    expect(app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(app.enableSandbox).toHaveBeenCalledOnce();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('hardens the session and opens the window on the app page', () => {
    expect(session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    expect(session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(window.loadURL).toHaveBeenCalledWith('app://rnn-studio/index.html');
    expect(window.webContents.windowOpenHandler).not.toBeNull();
  });

  it('serves every contract channel over IPC to its own window only', async () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    const ask = ipcMain.handlers.get('dialog:open')!;
    expect(await ask(trusted(), { kind: 'csv' })).toEqual({
      ok: true,
      value: { path: '/data/picked.csv' },
    });
    expect(dialog.showOpenDialog.mock.calls.at(-1)![0]).toBe(window);
    const foreign = {
      sender: new FakeWebContents(),
      senderFrame: { url: 'app://rnn-studio/index.html', parent: null },
    };
    expect(await ask(foreign, { kind: 'csv' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('sends File > Open CSV… to the renderer with the file the user picked', async () => {
    window.webContents.sent.length = 0;
    (menuItem(['File', 'Open CSV…']).click as () => void)();
    await vi.waitFor(() =>
      expect(window.webContents.sent).toEqual([
        {
          channel: 'menu:command',
          payload: { command: 'open-file', kind: 'csv', path: '/data/picked.csv' },
        },
      ]),
    );
  });

  it('names the training backend in the About box, and why it is not native TensorFlow', async () => {
    (menuItem(['help', 'About RNN Studio']).click as () => void)();
    await vi.waitFor(() => expect(dialog.showMessageBox).toHaveBeenCalled(), { timeout: 60_000 });
    const [parent, box] = dialog.showMessageBox.mock.calls[0]! as [unknown, { detail: string }];
    expect(parent).toBe(window);
    // Whichever backend loads on this machine, the box names it; without tfjs-node, says why.
    expect(box.detail).toMatch(
      /^Training backend: (native TensorFlow|WebAssembly|plain JavaScript)/,
    );
    if (!box.detail.includes('native TensorFlow (')) {
      expect(box.detail).toMatch(/Why: native TensorFlow did not load/);
    }
  });

  it('focuses the existing window when a second instance starts', () => {
    app.emit('second-instance', new FakeEvent(), []);
    expect(window.focus).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('opens a new window on activate once the last one was closed (macOS)', () => {
    window.emit('closed');
    app.emit('activate');
    expect(FakeBrowserWindow.instances).toHaveLength(2);
  });
});

describe('a second copy of the app', () => {
  it('quits at once when another instance holds the lock', () => {
    resetElectron();
    app.requestSingleInstanceLock.mockReturnValueOnce(false);
    boot(options);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
  });
});
