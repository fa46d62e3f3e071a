export interface Throttled {
  /** Runs `fn` now if the interval has passed, otherwise once at the end of the interval. */
  request(): void;
  /** Runs a pending call now. */
  flush(): void;
  cancel(): void;
}

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Leading + trailing throttle: at most one call of `fn` per `intervalMs`, and the last request is
 * never lost. Live charts use it to redraw at most a few times a second however fast events come.
 */
export function throttle(
  fn: () => void,
  intervalMs: number,
  timers: Timers = realTimers,
): Throttled {
  let last = -Infinity;
  let timer: unknown = null;
  const run = (): void => {
    timer = null;
    last = timers.now();
    fn();
  };
  return {
    request() {
      if (timer !== null) return;
      const wait = last + intervalMs - timers.now();
      if (wait <= 0) run();
      else timer = timers.setTimeout(run, wait);
    },
    flush() {
      if (timer === null) return;
      timers.clearTimeout(timer);
      run();
    },
    cancel() {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}
