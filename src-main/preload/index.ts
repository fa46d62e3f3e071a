import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Api } from '../contract/api';
import { CHANNEL_NAMES, EVENT_NAMES } from '../contract/api-contract';
import type { Result } from '../contract/result';

/**
 * The preload exposes exactly one object, `window.api`, built from the contract: `call` for its
 * channels and `on` for its events. No ipcRenderer, no Node, and no other channel names: a name
 * that is not in the contract is refused here, before it reaches the main process.
 */
const channels = new Set<string>(CHANNEL_NAMES);
const events = new Set<string>(EVENT_NAMES);

const refused = (code: string, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

const api: Api = {
  call(channel, request) {
    if (!channels.has(channel)) {
      return Promise.resolve(refused('INVALID_REQUEST', `unknown channel "${String(channel)}"`));
    }
    return ipcRenderer
      .invoke(channel, request)
      .catch((error: unknown) =>
        refused(
          'IPC',
          `RNN Studio's main process did not answer (${error instanceof Error ? error.message : String(error)}); restart the app`,
        ),
      );
  },
  on(event, listener) {
    if (!events.has(event)) throw new Error(`unknown event "${String(event)}"`);
    const forward = (_event: IpcRendererEvent, payload: unknown): void =>
      listener(payload as Parameters<typeof listener>[0]);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
