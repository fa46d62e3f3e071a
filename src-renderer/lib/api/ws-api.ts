import type { Api } from '../../../src-main/contract/api';
import type {
  Channel,
  EventName,
  EventOf,
  RequestOf,
  ResponseOf,
} from '../../../src-main/contract/api-contract';
import type { Result } from '../../../src-main/contract/result';

type Listener = (payload: unknown) => void;

/**
 * The contract over the web bridge's WebSocket. The token arrives in the page URL the first time
 * (then as a cookie, which the socket sends too). Calls made while the socket is down fail as
 * values, like every other error.
 */
export function connectWebSocketApi(location: Location): Promise<Api> {
  const token = new URLSearchParams(location.search).get('token');
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  const socket = new WebSocket(`${scheme}://${location.host}/api${query}`);
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<Listener>>();
  let nextId = 1;

  socket.addEventListener('message', (message: MessageEvent<string>) => {
    const data = JSON.parse(message.data) as
      | { type: 'result'; id: number; result: Result<unknown> }
      | { type: 'event'; event: string; payload: unknown };
    if (data.type === 'result') {
      pending.get(data.id)?.(data.result);
      pending.delete(data.id);
    } else {
      listeners.get(data.event)?.forEach((listener) => listener(data.payload));
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) {
      resolve({
        ok: false,
        error: {
          code: 'DISCONNECTED',
          message: 'lost the connection to RNN Studio; reload the page',
        },
      });
    }
    pending.clear();
  });

  const api: Api = {
    call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
      if (socket.readyState !== WebSocket.OPEN) {
        return Promise.resolve({
          ok: false,
          error: { code: 'DISCONNECTED', message: 'not connected to RNN Studio; reload the page' },
        });
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: Result<unknown>) => void);
        socket.send(JSON.stringify({ type: 'call', id, channel, payload: request }));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener as Listener);
      listeners.set(event, set);
      return () => set.delete(listener as Listener);
    },
  };

  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(api), { once: true });
    socket.addEventListener(
      'error',
      () => reject(new Error('could not connect to the RNN Studio server')),
      {
        once: true,
      },
    );
  });
}
