import type { Api } from '../../../src-main/contract/api';
import type {
  Channel,
  EventName,
  EventOf,
  RequestOf,
  ResponseOf,
} from '../../../src-main/contract/api-contract';
import type { Result } from '../../../src-main/contract/result';

type Handler<C extends Channel> = (
  request: RequestOf<C>,
) => Result<ResponseOf<C>> | Promise<Result<ResponseOf<C>>>;

/**
 * An in-memory stand-in for the transport: answers the channels a test gives it and lets the test
 * push events. Channels it was not given answer with an error, as a real handler would.
 */
export class FakeApi implements Api {
  readonly calls: { channel: Channel; request: unknown }[] = [];
  readonly #handlers = new Map<Channel, Handler<Channel>>();
  readonly #listeners = new Map<EventName, Set<(payload: never) => void>>();

  handle<C extends Channel>(channel: C, handler: Handler<C>): this {
    this.#handlers.set(channel, handler as unknown as Handler<Channel>);
    return this;
  }

  async call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
    this.calls.push({ channel, request });
    const handler = this.#handlers.get(channel) as Handler<C> | undefined;
    if (handler === undefined) {
      return { ok: false, error: { code: 'NOT_HANDLED', message: `no fake for ${channel}` } };
    }
    return handler(request);
  }

  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.#listeners.set(event, set);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<E extends EventName>(event: E, payload: EventOf<E>): void {
    for (const listener of this.#listeners.get(event) ?? []) {
      (listener as (payload: EventOf<E>) => void)(payload);
    }
  }

  listenerCount(event: EventName): number {
    return this.#listeners.get(event)?.size ?? 0;
  }
}
