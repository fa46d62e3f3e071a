import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES } from '../contract/api-contract';
import { fail, type Result } from '../contract/result';
import type { Handlers } from '../handlers/create-handlers';
import { dispatch } from '../handlers/dispatch';

/**
 * The one place IPC is wired: a handler per contract channel, each refusing calls that do not
 * come from the app's own window, then `dispatch`, which parses the payload with the channel's
 * schema and turns every failure into an error value. Returns a function that unregisters them.
 */
export function registerIpc(
  handlers: Handlers,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(
      channel,
      async (event: IpcMainInvokeEvent, payload: unknown): Promise<Result<unknown>> =>
        isTrusted(event)
          ? dispatch(handlers, channel, payload)
          : fail('FORBIDDEN', 'RNN Studio answers only its own window'),
    );
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}
