import type { IpcMainInvokeEvent } from 'electron';

/** `scheme://host[:port]` of a URL, also for custom schemes (whose WHATWG `origin` is "null"). */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? null : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/** The one page allowed to call the API: this web contents, showing the app's own origin. */
export interface TrustedPage {
  /** The window's webContents id, or null while there is no window. */
  webContentsId: () => number | null;
  /** app://rnn-studio, or the Vite dev server's origin in development. */
  origin: string;
}

/**
 * An IPC call is served only when it comes from the main frame of the app's own window and that
 * frame shows the app's own origin, never from another window, an iframe, or a page the window
 * was somehow navigated to.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, page: TrustedPage): boolean {
  const frame = event.senderFrame;
  const id = page.webContentsId();
  if (frame === null || id === null || event.sender.id !== id) return false;
  if (frame.parent !== null) return false;
  return originOf(frame.url) === page.origin;
}
