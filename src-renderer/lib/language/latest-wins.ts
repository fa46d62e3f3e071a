import type { Timers } from '../stores/throttle';

export interface LatestWins<I> {
  /** Ask for `input` once the user pauses for `debounceMs` (typing). */
  request(input: I): void;
  /** Ask for `input` now (a slider let go, a word appended). */
  requestNow(input: I): void;
  /** Forget everything pending and in flight: answers still on their way are dropped. */
  cancel(): void;
}

export interface LatestWinsOptions<I, R> {
  fetch: (input: I) => Promise<R>;
  /** Called with each answer that is newer than every answer applied before it. */
  apply: (result: R, input: I) => void;
  debounceMs: number;
  timers?: Pick<Timers, 'setTimeout' | 'clearTimeout'>;
}

const realTimers: Pick<Timers, 'setTimeout' | 'clearTimeout'> = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Questions asked at every keystroke, answered out of order or late: the last question wins.
 *
 * - Typing is debounced: only the input after a pause of `debounceMs` is asked.
 * - At most one question is in flight. Asking while one is out only replaces the next question,
 *   so a burst of keystrokes costs two round trips, not one per key, and the engine never falls
 *   behind the user.
 * - Every question gets a sequence number and an answer is applied only if it is newer than the
 *   last one applied, so a stale answer never overwrites a newer one (even from a transport that
 *   reorders), and nothing is applied after `cancel()`.
 */
export function latestWins<I, R>(options: LatestWinsOptions<I, R>): LatestWins<I> {
  const timers = options.timers ?? realTimers;
  let timer: unknown = null;
  let inFlight = false;
  let queued: { input: I } | null = null;
  let issued = 0;
  let applied = 0;
  let generation = 0;

  const send = (input: I): void => {
    inFlight = true;
    const sequence = ++issued;
    const sentIn = generation;
    const settle = (): void => {
      if (sentIn !== generation) return;
      inFlight = false;
      const next = queued;
      queued = null;
      if (next !== null) send(next.input);
    };
    options.fetch(input).then(
      (result) => {
        if (sentIn === generation && sequence > applied) {
          applied = sequence;
          options.apply(result, input);
        }
        settle();
      },
      () => settle(),
    );
  };

  const ask = (input: I): void => {
    if (inFlight) queued = { input };
    else send(input);
  };

  const clearTimer = (): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };

  return {
    request(input) {
      clearTimer();
      timer = timers.setTimeout(() => {
        timer = null;
        ask(input);
      }, options.debounceMs);
    },
    requestNow(input) {
      clearTimer();
      ask(input);
    },
    cancel() {
      clearTimer();
      queued = null;
      inFlight = false;
      generation++;
    },
  };
}
