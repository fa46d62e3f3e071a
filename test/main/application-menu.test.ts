import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { Menu, resetElectron } from './electron-mock';
import {
  buildMenuTemplate,
  installApplicationMenu,
  type MenuActions,
  type MenuContext,
} from '../../src-main/app/application-menu';
import { createMenuActions } from '../../src-main/app/menu-actions';
import { aboutText } from '../../src-main/app/about-box';

vi.mock('electron', () => import('./electron-mock').then((m) => m.electronModule));

// Electron's MenuItemConstructorOptions, without importing electron into a test.
type Item = ReturnType<typeof buildMenuTemplate>[number];

type Spies = { [K in keyof MenuActions]: Mock<MenuActions[K]> };

function spyActions(): Spies {
  return {
    openFile: vi.fn<MenuActions['openFile']>(),
    openRecent: vi.fn<MenuActions['openRecent']>(),
    clearRecent: vi.fn<MenuActions['clearRecent']>(),
    saveProject: vi.fn<MenuActions['saveProject']>(),
    exportView: vi.fn<MenuActions['exportView']>(),
    toggleTheme: vi.fn<MenuActions['toggleTheme']>(),
    showAbout: vi.fn<MenuActions['showAbout']>(),
  };
}

function context(overrides: Partial<MenuContext> = {}): MenuContext {
  return {
    appName: 'RNN Studio',
    isMac: false,
    isDev: false,
    recent: [],
    onError: vi.fn(),
    ...overrides,
  };
}

const label = (item: Item): string => (item.label ?? item.role ?? '').replace('&', '');

/** The item at a path of labels (or roles), e.g. ['File', 'Open CSV…']. */
function find(template: Item[], path: string[]): Item {
  let items = template;
  let found: Item | undefined;
  for (const name of path) {
    found = items.find((item) => label(item) === name);
    if (found === undefined) throw new Error(`no menu item "${name}" in ${path.join(' > ')}`);
    items = (found.submenu as Item[] | undefined) ?? [];
  }
  return found!;
}

const click = (item: Item): void => (item.click as () => void)();

describe('the application menu', () => {
  let actions: Spies;
  beforeEach(() => {
    resetElectron();
    actions = spyActions();
  });

  it.each([
    [['File', 'Open CSV…'], 'openFile', ['csv']],
    [['File', 'Open text…'], 'openFile', ['text']],
    [['File', 'Open project…'], 'openFile', ['project']],
    [['File', 'Save project'], 'saveProject', [{ saveAs: false }]],
    [['File', 'Save project as…'], 'saveProject', [{ saveAs: true }]],
    [['File', 'Export…'], 'exportView', []],
    [['View', 'Toggle light/dark theme'], 'toggleTheme', []],
    [['help', 'About RNN Studio'], 'showAbout', []],
  ] as const)('%j triggers %s', (path, action, args) => {
    const template = buildMenuTemplate(actions, context());
    click(find(template, [...path]));
    expect(actions[action]).toHaveBeenCalledOnce();
    expect(actions[action]).toHaveBeenCalledWith(...args);
    const others = Object.entries(actions).filter(([name]) => name !== action);
    for (const [, spy] of others) expect(spy).not.toHaveBeenCalled();
  });

  it('has keyboard shortcuts for the common file actions', () => {
    const template = buildMenuTemplate(actions, context());
    expect(find(template, ['File', 'Open CSV…']).accelerator).toBe('CmdOrCtrl+O');
    expect(find(template, ['File', 'Save project']).accelerator).toBe('CmdOrCtrl+S');
    expect(find(template, ['File', 'Save project as…']).accelerator).toBe('CmdOrCtrl+Shift+S');
  });

  it('lists recent projects, opens one, and clears the list', () => {
    const recent = [
      {
        path: '/p/moby-lm',
        name: 'moby-lm',
        openedAt: '2025-01-03T00:00:00.000Z',
        kind: 'language' as const,
      },
      {
        path: '/p/co2-run',
        name: 'co2-run',
        openedAt: '2025-01-02T00:00:00.000Z',
        kind: 'forecast' as const,
      },
      { path: '/p/seattle', name: 'seattle', openedAt: '2025-01-01T00:00:00.000Z' },
    ];
    const template = buildMenuTemplate(actions, context({ recent }));
    const submenu = find(template, ['File', 'Recent projects']).submenu as Item[];
    // Each says what it holds (an entry from before kinds were recorded just has its name).
    expect(submenu.map((item) => item.label ?? item.type)).toEqual([
      'moby-lm (language model)',
      'co2-run (forecast)',
      'seattle',
      'separator',
      'Clear recent projects',
    ]);
    click(find(template, ['File', 'Recent projects', 'seattle']));
    expect(actions.openRecent).toHaveBeenCalledWith('/p/seattle', undefined);
    click(find(template, ['File', 'Recent projects', 'moby-lm (language model)']));
    expect(actions.openRecent).toHaveBeenCalledWith('/p/moby-lm', 'language');
    click(find(template, ['File', 'Recent projects', 'Clear recent projects']));
    expect(actions.clearRecent).toHaveBeenCalledOnce();
  });

  it('says so when there are no recent projects', () => {
    const template = buildMenuTemplate(actions, context());
    expect(find(template, ['File', 'Recent projects', 'No recent projects']).enabled).toBe(false);
    expect(find(template, ['File', 'Recent projects', 'Clear recent projects']).enabled).toBe(
      false,
    );
  });

  it('has Edit roles, so copy and paste work in text fields', () => {
    const edit = find(buildMenuTemplate(actions, context()), ['Edit']).submenu as Item[];
    expect(edit.map((item) => item.role).filter(Boolean)).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
  });

  it('offers reload and developer tools only in development', () => {
    const roles = (isDev: boolean) =>
      (find(buildMenuTemplate(actions, context({ isDev })), ['View']).submenu as Item[]).map(
        (item) => item.role,
      );
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('follows each platform’s layout', () => {
    const windows = buildMenuTemplate(actions, context());
    expect(windows.map(label)).toEqual(['File', 'Edit', 'View', 'help']);
    expect((find(windows, ['File']).submenu as Item[]).at(-1)).toEqual({ role: 'quit' });
    const mac = buildMenuTemplate(actions, context({ isMac: true }));
    expect(mac.map(label)).toEqual(['RNN Studio', 'File', 'Edit', 'View', 'windowMenu', 'help']);
    click(find(mac, ['RNN Studio', 'About RNN Studio']));
    expect(actions.showAbout).toHaveBeenCalledOnce();
  });

  it('reports an action that fails instead of throwing into Electron', async () => {
    const onError = vi.fn();
    actions.openFile.mockRejectedValueOnce(new Error('dialog failed'));
    click(find(buildMenuTemplate(actions, context({ onError })), ['File', 'Open CSV…']));
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith(new Error('dialog failed')));
  });

  it('is installed as the application menu', () => {
    installApplicationMenu(actions, context());
    expect(Menu.buildFromTemplate).toHaveBeenCalledOnce();
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(
      Menu.buildFromTemplate.mock.results[0]!.value,
    );
  });
});

describe('what the menu actions do', () => {
  const setup = (picked: string | null = '/data/sales.csv') => {
    const emit = vi.fn();
    const deps = {
      dialogs: {
        chooseFile: vi.fn(async () => picked),
        chooseProjectFolder: vi.fn(async () => (picked === null ? null : '/projects/mine')),
      },
      emit,
      clearRecent: vi.fn(async () => {}),
      refreshMenu: vi.fn(),
      appInfo: vi.fn(async () => ({ ok: false as const, error: { code: 'X', message: 'x' } })),
      showAbout: vi.fn(async () => {}),
    };
    return { deps, emit, actions: createMenuActions(deps) };
  };

  it('open: asks for a file, then tells the renderer which one', async () => {
    const { deps, emit, actions } = setup();
    await actions.openFile('csv');
    expect(deps.dialogs.chooseFile).toHaveBeenCalledWith('csv');
    expect(emit).toHaveBeenCalledWith('menu:command', {
      command: 'open-file',
      kind: 'csv',
      path: '/data/sales.csv',
    });
  });

  it('open: does nothing when the dialog is cancelled', async () => {
    const { emit, actions } = setup(null);
    await actions.openFile('text');
    await actions.saveProject({ saveAs: true });
    expect(emit).not.toHaveBeenCalled();
  });

  it('recent: opens the project', async () => {
    const { emit, actions } = setup();
    await actions.openRecent('/p/co2');
    expect(emit).toHaveBeenCalledWith('menu:command', {
      command: 'open-file',
      kind: 'project',
      path: '/p/co2',
    });
    await actions.openRecent('/p/moby-lm', 'language');
    expect(emit).toHaveBeenLastCalledWith('menu:command', {
      command: 'open-file',
      kind: 'project',
      path: '/p/moby-lm',
      projectKind: 'language',
    });
  });

  it('save: to the default folder, or where the user says', async () => {
    const { emit, actions } = setup();
    await actions.saveProject({ saveAs: false });
    await actions.saveProject({ saveAs: true });
    expect(emit.mock.calls).toEqual([
      ['menu:command', { command: 'save-project', path: null }],
      ['menu:command', { command: 'save-project', path: '/projects/mine' }],
    ]);
  });

  it('export and theme: handed to the renderer', async () => {
    const { emit, actions } = setup();
    await actions.exportView();
    await actions.toggleTheme();
    expect(emit.mock.calls).toEqual([
      ['menu:command', { command: 'export' }],
      ['menu:command', { command: 'toggle-theme' }],
    ]);
  });

  it('clear recent: empties the list and rebuilds the menu', async () => {
    const { deps, actions } = setup();
    await actions.clearRecent();
    expect(deps.clearRecent).toHaveBeenCalledOnce();
    expect(deps.refreshMenu).toHaveBeenCalledOnce();
  });

  it('about: shows the app info', async () => {
    const { deps, actions } = setup();
    await actions.showAbout();
    expect(deps.showAbout).toHaveBeenCalledWith(await deps.appInfo.mock.results[0]!.value);
  });
});

describe('the About box', () => {
  const runtime = {
    name: 'RNN Studio',
    version: '0.1.0',
    versions: { electron: '45.3.4', chrome: '142.0', node: '22.20.0', v8: '14.2' },
    os: 'linux x64',
  };
  const info = (backend: {
    name: 'tensorflow' | 'wasm' | 'cpu';
    version: string;
    fallbackReason: string | null;
  }) => ({
    ok: true as const,
    value: {
      name: 'RNN Studio',
      version: '0.1.0',
      backend,
      versions: {},
      transport: 'electron' as const,
    },
  });

  it('names the backend and the versions', () => {
    const text = aboutText(
      info({ name: 'tensorflow', version: 'tfjs-node 4.22.0', fallbackReason: null }),
      runtime,
    );
    expect(text.message).toBe('RNN Studio 0.1.0');
    expect(text.detail).toContain('Training backend: native TensorFlow (tfjs-node 4.22.0)');
    expect(text.detail).toContain('Electron 45.3.4 · Chromium 142.0 · Node.js 22.20.0');
    expect(text.detail).not.toContain('Why');
  });

  it('says why native TensorFlow is not in use', () => {
    const text = aboutText(
      info({
        name: 'wasm',
        version: 'tfjs 4.22.0 (wasm, simd)',
        fallbackReason:
          "native TensorFlow did not load (Cannot find module '@tensorflow/tfjs-node')",
      }),
      runtime,
    );
    expect(text.detail).toContain('Training backend: WebAssembly (tfjs 4.22.0 (wasm, simd))');
    expect(text.detail).toContain(
      "Why: native TensorFlow did not load (Cannot find module '@tensorflow/tfjs-node')",
    );
  });

  it('says when the worker could not be asked', () => {
    const text = aboutText(
      { ok: false, error: { code: 'WORKER_CRASHED', message: 'the training worker exited' } },
      runtime,
    );
    expect(text.detail).toContain('Training backend: unavailable (the training worker exited)');
  });
});
