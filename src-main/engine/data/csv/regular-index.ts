import type { Frequency } from '../time-series';
import {
  addBusinessDays,
  addMonths,
  businessDaysBetween,
  formatTime,
  isMonthEnd,
  isWeekday,
  monthIndex,
  timeOfDay,
} from './calendar';
import { stepMonths, stepMs } from './frequency-units';

/** The complete grid of times from the first row to the last at a frequency. */
export interface RegularIndex {
  /** Every expected time, ms since epoch. */
  times: Float64Array;
  /** Where each input row sits in `times`. */
  positions: Int32Array;
}

export type RegularIndexResult = { ok: true; index: RegularIndex } | { ok: false; reason: string };

interface Grid {
  length: number;
  timeAt(position: number): number;
  /** The grid position of a time, or -1 when the time is between grid points. */
  positionOf(time: number): number;
}

function fixedGrid(first: number, last: number, step: number): Grid {
  return {
    length: Math.floor((last - first) / step) + 1,
    timeAt: (position) => first + position * step,
    positionOf: (time) => {
      const position = (time - first) / step;
      return Number.isInteger(position) ? position : -1;
    },
  };
}

function calendarGrid(first: number, last: number, months: number, monthEnd: boolean): Grid {
  const firstMonth = monthIndex(first);
  return {
    length: Math.floor((monthIndex(last) - firstMonth) / months) + 1,
    timeAt: (position) => addMonths(first, position * months, monthEnd),
    positionOf: (time) => {
      const position = (monthIndex(time) - firstMonth) / months;
      if (!Number.isInteger(position)) return -1;
      return addMonths(first, position * months, monthEnd) === time ? position : -1;
    },
  };
}

/** Every weekday from the first row to the last: weekends are not part of the grid. */
function businessDayGrid(first: number, last: number): Grid {
  return {
    length: businessDaysBetween(first, last) + 1,
    timeAt: (position) => addBusinessDays(first, position),
    positionOf: (time) => {
      if (!isWeekday(time) || timeOfDay(time) !== timeOfDay(first)) return -1;
      return businessDaysBetween(first, time);
    },
  };
}

function gridFor(times: Float64Array, frequency: Frequency): Grid {
  const first = times[0] ?? 0;
  const last = times[times.length - 1] ?? first;
  if (frequency.unit === 'businessDay') return businessDayGrid(first, last);
  const months = stepMonths(frequency);
  if (months !== null) return calendarGrid(first, last, months, times.every(isMonthEnd));
  return fixedGrid(first, last, stepMs(frequency) ?? 1);
}

/**
 * Place sorted, distinct row times on the regular grid of their frequency. Fails (with a reason a
 * user can read) when a row lies between grid points, i.e. the series is not regular, or when the
 * grid would be more than `maxLength` long because of a huge gap; dates are then not inserted.
 */
export function buildRegularIndex(
  times: Float64Array,
  frequency: Frequency,
  maxLength: number,
): RegularIndexResult {
  const grid = gridFor(times, frequency);
  if (grid.length > maxLength) {
    return {
      ok: false,
      reason: `a ${frequency.label} grid over these dates would need ${grid.length} rows for ${times.length} rows of data`,
    };
  }
  const positions = new Int32Array(times.length);
  for (let row = 0; row < times.length; row += 1) {
    const time = times[row] ?? 0;
    const position = grid.positionOf(time);
    if (position < 0) {
      return { ok: false, reason: `${formatTime(time)} is not on the ${frequency.label} grid` };
    }
    positions[row] = position;
  }
  const gridTimes = Float64Array.from({ length: grid.length }, (_, position) =>
    grid.timeAt(position),
  );
  return { ok: true, index: { times: gridTimes, positions } };
}
