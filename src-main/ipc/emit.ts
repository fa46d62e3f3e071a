import type { WebContents } from 'electron';
import type { EventName, EventOf } from '../contract/api-contract';

export type Emit = <E extends EventName>(event: E, payload: EventOf<E>) => void;

/**
 * The one way events reach the renderer: sent to the window's web contents, and dropped while
 * there is no window (closed on macOS, or not yet created).
 */
export function createEmitter(getContents: () => WebContents | null): Emit {
  return (event, payload) => {
    const contents = getContents();
    if (contents !== null && !contents.isDestroyed()) contents.send(event, payload);
  };
}
