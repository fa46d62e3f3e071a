import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebContents, ipcMain, resetElectron, type FakeFrame } from './electron-mock';
import { CHANNEL_NAMES, type Channel } from '../../src-main/contract/api-contract';
import type { Handlers } from '../../src-main/handlers/create-handlers';
import { registerIpc } from '../../src-main/ipc/register-ipc';
import { isTrustedSender, originOf } from '../../src-main/ipc/trusted-sender';
import { createEmitter } from '../../src-main/ipc/emit';

vi.mock('electron', () => import('./electron-mock').then((m) => m.electronModule));

/** Handlers that record their calls and answer `{ handled: channel }`. */
function fakeHandlers(): Handlers & Record<Channel, ReturnType<typeof vi.fn>> {
  return Object.fromEntries(
    CHANNEL_NAMES.map((channel) => [channel, vi.fn(async () => ({ handled: channel }))]),
  ) as never;
}

describe('IPC registration', () => {
  const window = new FakeWebContents();
  const page = { webContentsId: () => window.id, origin: 'app://rnn-studio' };
  let handlers: ReturnType<typeof fakeHandlers>;

  const event = (
    sender: FakeWebContents = window,
    frame: FakeFrame | null = { url: 'app://rnn-studio/index.html', parent: null },
  ) => ({ sender, senderFrame: frame });

  const invoke = (channel: string, payload: unknown, from = event()) =>
    ipcMain.handlers.get(channel)!(from, payload);

  beforeEach(() => {
    resetElectron();
    handlers = fakeHandlers();
    registerIpc(handlers, (e) => isTrustedSender(e, page));
  });

  it('registers exactly one handler per contract channel', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(ipcMain.handle).toHaveBeenCalledTimes(CHANNEL_NAMES.length);
  });

  it('answers the app’s own window with the handler’s result', async () => {
    expect(await invoke('samples:load', { id: 'co2' })).toEqual({
      ok: true,
      value: { handled: 'samples:load' },
    });
    expect(handlers['samples:load']).toHaveBeenCalledWith({ id: 'co2' });
  });

  it.each([
    ['another window', () => event(new FakeWebContents())],
    [
      'an iframe',
      () => event(window, { url: 'app://rnn-studio/x.html', parent: window.mainFrame }),
    ],
    [
      'a foreign page in the window',
      () => event(window, { url: 'https://evil.example/', parent: null }),
    ],
    ['a file:// page', () => event(window, { url: 'file:///tmp/evil.html', parent: null })],
    ['a frame that is gone', () => event(window, null)],
  ])('refuses %s with an error result and never calls the handler', async (_name, from) => {
    const result = await invoke('project:open', { path: '/home/me/project' }, from());
    expect(result).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'RNN Studio answers only its own window' },
    });
    expect(handlers['project:open']).not.toHaveBeenCalled();
  });

  it('refuses every call while there is no window', async () => {
    resetElectron();
    registerIpc(handlers, (e) =>
      isTrustedSender(e, { webContentsId: () => null, origin: 'app://rnn-studio' }),
    );
    expect(await invoke('app:info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it.each([
    ['samples:load', { id: 42 }],
    ['samples:load', 'co2'],
    ['project:open', { path: '' }],
    ['train:start', { datasetId: 'x' }],
    ['export:save', { suggestedName: '../../.bashrc', format: 'txt', content: 'x' }],
    ['dialog:open', { kind: 'executable' }],
  ])('answers a malformed %s payload with INVALID_REQUEST', async (channel, payload) => {
    const result = (await invoke(channel, payload)) as { ok: boolean; error: { code: string } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('INVALID_REQUEST');
    expect(handlers[channel as Channel]).not.toHaveBeenCalled();
  });

  it('turns a handler that throws into an error result', async () => {
    handlers['run:get'].mockRejectedValueOnce(new Error('boom'));
    expect(await invoke('run:get', { runId: 'r1' })).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'boom' },
    });
  });

  it('unregisters every channel', () => {
    resetElectron();
    const unregister = registerIpc(handlers, () => true);
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('originOf', () => {
  it('names custom-scheme and http origins', () => {
    expect(originOf('app://rnn-studio/index.html')).toBe('app://rnn-studio');
    expect(originOf('http://localhost:5173/src/main.ts')).toBe('http://localhost:5173');
    expect(originOf('file:///tmp/x.html')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});

describe('events to the renderer', () => {
  it('go to the window’s web contents, and nowhere while there is none', () => {
    const contents = new FakeWebContents();
    let current: FakeWebContents | null = contents;
    const emit = createEmitter(() => current as never);
    emit('csv:progress', { bytesRead: 1, totalBytes: 2 });
    contents.destroyed = true;
    emit('csv:progress', { bytesRead: 2, totalBytes: 2 });
    current = null;
    emit('menu:command', { command: 'export' });
    expect(contents.sent).toEqual([
      { channel: 'csv:progress', payload: { bytesRead: 1, totalBytes: 2 } },
    ]);
  });
});
