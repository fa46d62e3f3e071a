import { beforeAll, describe, expect, it, vi } from 'vitest';
import { contextBridge, ipcRenderer } from './electron-mock';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../src-main/contract/api-contract';
import type { Api } from '../../src-main/contract/api';

vi.mock('electron', () => import('./electron-mock').then((m) => m.electronModule));

describe('the preload', () => {
  let api: Api;
  beforeAll(async () => {
    await import('../../src-main/preload/index');
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    const [name, exposed] = contextBridge.exposeInMainWorld.mock.calls[0]!;
    expect(name).toBe('api');
    api = exposed as Api;
  });

  it('exposes window.api with call and on, and nothing else', () => {
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
  });

  it('invokes every contract channel over IPC', async () => {
    for (const channel of CHANNEL_NAMES) {
      ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: channel });
      expect(await api.call(channel, {} as never)).toEqual({ ok: true, value: channel });
      expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(channel, {});
    }
    expect(ipcRenderer.invoke).toHaveBeenCalledTimes(CHANNEL_NAMES.length);
  });

  it('refuses a channel that is not in the contract without sending it', async () => {
    ipcRenderer.invoke.mockClear();
    for (const name of ['fs:read', 'shell:open', '__proto__', 'constructor', 'train:start ']) {
      const result = await api.call(name as never, {} as never);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('turns a failed invoke into an error result', async () => {
    ipcRenderer.invoke.mockRejectedValueOnce(new Error("No handler registered for 'app:info'"));
    expect(await api.call('app:info', {})).toMatchObject({ ok: false, error: { code: 'IPC' } });
  });

  it('subscribes to contract events, passing only the payload, and unsubscribes', () => {
    for (const event of EVENT_NAMES) {
      const listener = vi.fn();
      const unsubscribe = api.on(event, listener);
      const [name, forward] = ipcRenderer.on.mock.calls.at(-1)!;
      expect(name).toBe(event);
      (forward as (e: unknown, p: unknown) => void)({ sender: 'ipc internals' }, { x: 1 });
      expect(listener).toHaveBeenCalledWith({ x: 1 });
      unsubscribe();
      expect(ipcRenderer.removeListener).toHaveBeenLastCalledWith(event, forward);
    }
  });

  it('refuses an event that is not in the contract', () => {
    ipcRenderer.on.mockClear();
    expect(() => api.on('ipc:anything' as never, () => {})).toThrow(/unknown event/);
    expect(ipcRenderer.on).not.toHaveBeenCalled();
  });
});
