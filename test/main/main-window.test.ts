import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, resetElectron, screen } from './electron-mock';
import { createMainWindow } from '../../src-main/app/main-window';
import { fitToDisplays, readWindowState } from '../../src-main/app/window-state';

vi.mock('electron', () => import('./electron-mock').then((m) => m.electronModule));

describe('the main window', () => {
  let dir: string;
  let stateFile: string;
  beforeEach(() => {
    resetElectron();
    dir = mkdtempSync(join(tmpdir(), 'rnn-window-'));
    stateFile = join(dir, 'window-state.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const open = (): FakeBrowserWindow => {
    createMainWindow({
      preload: '/app/out/preload/index.cjs',
      url: 'app://rnn-studio/index.html',
      stateFile,
    });
    return FakeBrowserWindow.instances.at(-1)!;
  };

  it('runs the renderer isolated, sandboxed, without Node and with web security', () => {
    const prefs = open().options['webPreferences'];
    expect(prefs).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      preload: '/app/out/preload/index.cjs',
    });
  });

  it('loads the app page and shows the window once it is ready', () => {
    const window = open();
    expect(window.loadURL).toHaveBeenCalledWith('app://rnn-studio/index.html');
    expect(window.options['show']).toBe(false);
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledOnce();
  });

  it('saves its bounds on close and restores them next time', () => {
    const first = open();
    first.bounds = { x: 100, y: 80, width: 1111, height: 777 };
    first.maximized = true;
    first.emit('close');
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual({
      x: 100,
      y: 80,
      width: 1111,
      height: 777,
      maximized: true,
    });
    const second = open();
    expect(second.options).toMatchObject({ x: 100, y: 80, width: 1111, height: 777 });
    expect(second.isMaximized()).toBe(true);
  });

  it('ignores a corrupt state file and opens with the defaults', () => {
    writeFileSync(stateFile, '{"width": "wide"');
    expect(readWindowState(stateFile)).toBeNull();
    expect(open().options).toMatchObject({ width: 1280, height: 820 });
  });

  it('does not reopen off screen after a monitor was unplugged', () => {
    writeFileSync(
      stateFile,
      JSON.stringify({ x: 2500, y: 100, width: 1000, height: 700, maximized: false }),
    );
    screen.getAllDisplays.mockReturnValueOnce([
      { workArea: { x: 0, y: 0, width: 1920, height: 1080 } },
    ]);
    const options = open().options;
    expect(options['x']).toBeUndefined();
    expect(options['y']).toBeUndefined();
    expect(options).toMatchObject({ width: 1000, height: 700 });
  });
});

describe('fitToDisplays', () => {
  const display = { x: 0, y: 0, width: 1920, height: 1080 };

  it('keeps a window whose title bar is on a display', () => {
    const state = { x: 50, y: 40, width: 800, height: 600, maximized: false };
    expect(fitToDisplays(state, [display])).toEqual(state);
  });

  it('keeps a window on a second display to the left', () => {
    const state = { x: -1500, y: 100, width: 800, height: 600, maximized: false };
    const left = { x: -1920, y: 0, width: 1920, height: 1080 };
    expect(fitToDisplays(state, [display, left])).toEqual(state);
  });

  it('drops a position above every display, and shrinks a window larger than all of them', () => {
    expect(
      fitToDisplays({ x: 10, y: -500, width: 4000, height: 3000, maximized: false }, [display]),
    ).toEqual({ width: 1920, height: 1080, maximized: false });
  });
});
