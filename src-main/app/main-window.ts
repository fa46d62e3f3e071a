import { BrowserWindow, nativeTheme, screen } from 'electron';
import {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  readWindowState,
  writeWindowState,
} from './window-state';

export interface MainWindowOptions {
  /** The built preload (out/preload/index.cjs). */
  preload: string;
  /** app://rnn-studio/index.html, or the Vite dev server in development. */
  url: string;
  /** userData/window-state.json: the bounds restored now and saved when the window closes. */
  stateFile: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const saved = readWindowState(options.stateFile) ?? DEFAULT_WINDOW_STATE;
  const state = fitToDisplays(
    saved,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 880,
    minHeight: 560,
    show: false,
    title: 'RNN Studio',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#ffffff',
    // The renderer runs as an ordinary sandboxed web page: no Node, its own JavaScript world
    // apart from the preload's, the same-origin policy on, no insecure content, no <webview>,
    // no middle-click windows. Beyond the web platform it can only call `window.api`.
    webPreferences: {
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
      // Reviewed: the preload exposes only `window.api`, built from the contract's channel and
      // event names; it hands the page no ipcRenderer and no Node.
      preload: options.preload, // eng-disable PRELOAD_JS_CHECK
    },
  });
  if (state.maximized) window.maximize();

  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    const { x, y, width, height } = window.getNormalBounds();
    writeWindowState(options.stateFile, {
      x: Math.round(x),
      y: Math.round(y),
      width: Math.round(width),
      height: Math.round(height),
      maximized: window.isMaximized(),
    });
  });
  void window.loadURL(options.url);
  return window;
}
