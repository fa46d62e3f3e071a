import type { Channel, EventName, EventOf, RequestOf, ResponseOf } from './api-contract';
import type { Result } from './result';

/**
 * The one object the renderer talks to. Electron's preload and the WebSocket client both provide
 * it; which one is decided once at start-up.
 */
export interface Api {
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  /** Subscribe to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
}
