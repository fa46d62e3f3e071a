import type { Frequency } from './time-series';
import { addBusinessDays, addMonths, isMonthEnd } from './csv/calendar';
import { stepMonths, stepMs } from './csv/frequency-units';

/**
 * `count` times on the series' grid starting at `start` (inclusive): calendar months for monthly,
 * quarterly and yearly data (so month ends stay month ends), fixed steps otherwise. Used for the
 * rows past the end of the data and for files without a date column.
 */
export function timesFrom(start: number, frequency: Frequency, count: number): Float64Array {
  const out = new Float64Array(count);
  const months = stepMonths(frequency);
  const ms = stepMs(frequency) ?? 0;
  const monthEnd = isMonthEnd(start);
  for (let i = 0; i < count; i++) {
    out[i] =
      frequency.unit === 'businessDay'
        ? addBusinessDays(start, i * frequency.step)
        : months !== null
          ? addMonths(start, i * months, monthEnd)
          : start + i * ms;
  }
  return out;
}

/** The `horizon` times after the last row: on the frequency's grid, else at the median spacing. */
export function futureTimes(
  times: Float64Array,
  frequency: Frequency | null,
  horizon: number,
): Float64Array {
  const n = times.length;
  if (n === 0 || horizon === 0) return new Float64Array(0);
  const last = times[n - 1]!;
  if (frequency !== null) return timesFrom(last, frequency, horizon + 1).subarray(1);
  const gaps = Array.from({ length: n - 1 }, (_, i) => times[i + 1]! - times[i]!).sort(
    (a, b) => a - b,
  );
  const spacing = gaps[Math.floor(gaps.length / 2)] ?? 0;
  return Float64Array.from({ length: horizon }, (_, h) => last + spacing * (h + 1));
}
