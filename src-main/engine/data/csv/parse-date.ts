import { daysInMonth, utcTime } from './calendar';

/**
 * The date layouts the import understands. All parse to ms since epoch, UTC (a time without a zone
 * is read as UTC). `dmy` and `mdy` accept `/`, `-` or `.` between the parts; `ymd` covers ISO 8601
 * (2012-01-01, 2012-01-01T10:00:00Z, 2012-01-01 10:00) and 2012/01/01. Unix timestamps are only
 * parsed here when a caller asks for them: a table keeps a column of large integers as numbers, and
 * `toTimeSeries` decides whether it is a time axis (see unix-time.ts).
 */
export const DATE_FORMATS = ['ymd', 'ym', 'dmy', 'mdy', 'unix-s', 'unix-ms'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** Which comes first in a date like 03/04/2012 when the data itself cannot tell. */
export type DateOrder = 'dmy' | 'mdy';

/** The day-first reading is the default: most of the world (and every dotted date) is day-first. */
export const DEFAULT_DATE_ORDER: DateOrder = 'dmy';

const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  ymd: 'yyyy-mm-dd',
  ym: 'yyyy-mm',
  dmy: 'dd/mm/yyyy',
  mdy: 'mm/dd/yyyy',
  'unix-s': 'unix seconds',
  'unix-ms': 'unix milliseconds',
};

export function describeDateFormat(format: DateFormat): string {
  return DATE_FORMAT_LABELS[format];
}

/** Optional time of day, seconds, fraction and zone, shared by every day-precision layout. */
const TIME = String.raw`(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?`;
const YMD = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const YM = /^(\d{4})[-/](\d{1,2})$/;
const DAY_MONTH = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})${TIME}$`);

/** The layout family a text looks like, before knowing whether it is a valid date. */
export type DateShape = 'ymd' | 'ym' | 'day-month';

export function dateShapeOf(text: string): DateShape | null {
  if (YMD.test(text)) return 'ymd';
  if (YM.test(text)) return 'ym';
  if (DAY_MONTH.test(text)) return 'day-month';
  return null;
}

/**
 * What a day-month date itself says about its order: a first part above 12 can only be a day, a
 * second part above 12 only a day, and dotted dates are day-first by convention. Null = ambiguous.
 */
export function dayMonthEvidence(text: string): DateOrder | null {
  const match = DAY_MONTH.exec(text);
  if (match === null) return null;
  if (Number(match[1]) > 12) return 'dmy';
  if (Number(match[3]) > 12) return 'mdy';
  return match[2] === '.' ? 'dmy' : null;
}

interface DateParts {
  year: number;
  month: number;
  day: number;
  timeGroups: (string | undefined)[];
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}

/** Validate the fields (no 31 April, no 25 o'clock) and build the UTC time; NaN when invalid. */
function validTime(
  year: number,
  month: number,
  day: number,
  hours: number,
  minutes: number,
  seconds: number,
): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hours > 23 || minutes > 59 || seconds > 59) return NaN;
  return utcTime(year, month - 1, day, hours, minutes, seconds);
}

function timeFromParts({ year, month, day, timeGroups }: DateParts): number {
  const [hourText, minuteText, secondText, fractionText, zone] = timeGroups;
  const hours = hourText === undefined ? 0 : Number(hourText);
  const minutes = minuteText === undefined ? 0 : Number(minuteText);
  const seconds = secondText === undefined ? 0 : Number(secondText);
  const ms = fractionText === undefined ? 0 : Number(fractionText.slice(0, 3).padEnd(3, '0'));
  return validTime(year, month, day, hours, minutes, seconds) + ms - zoneOffsetMs(zone);
}

/** The number written by `count` ASCII digits at `start`, or -1 if any is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let at = start; at < start + count; at += 1) {
    const digit = text.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const DASH = 45;
const COLON = 58;

/**
 * The commonest layouts (yyyy-mm-dd, yyyy-mm-dd hh:mm, yyyy-mm-ddThh:mm:ss) read without a regex,
 * which matters at a million rows. NaN sends the text to the general parser.
 */
function parseYmdFast(text: string): number {
  const length = text.length;
  if (length !== 10 && length !== 16 && length !== 19) return NaN;
  if (text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return NaN;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) return NaN;
  if (length === 10) return validTime(year, month, day, 0, 0, 0);
  const separator = text.charCodeAt(10);
  if ((separator !== 32 && separator !== 84) || text.charCodeAt(13) !== COLON) return NaN;
  const hours = digitsAt(text, 11, 2);
  const minutes = digitsAt(text, 14, 2);
  const seconds =
    length === 19 && text.charCodeAt(16) === COLON ? digitsAt(text, 17, 2) : length === 16 ? 0 : -1;
  if (hours < 0 || minutes < 0 || seconds < 0) return NaN;
  return validTime(year, month, day, hours, minutes, seconds);
}

function parseYmd(text: string): number {
  const fast = parseYmdFast(text);
  if (!Number.isNaN(fast)) return fast;
  const match = YMD.exec(text);
  if (match === null) return NaN;
  const [, year, , month, day, ...timeGroups] = match;
  return timeFromParts({
    year: Number(year),
    month: Number(month),
    day: Number(day),
    timeGroups,
  });
}

function parseYm(text: string): number {
  const match = YM.exec(text);
  if (match === null) return NaN;
  return timeFromParts({ year: Number(match[1]), month: Number(match[2]), day: 1, timeGroups: [] });
}

function parseDayMonth(text: string, order: DateOrder): number {
  const match = DAY_MONTH.exec(text);
  if (match === null) return NaN;
  const [, first, , second, year, ...timeGroups] = match;
  const dayFirst = order === 'dmy';
  return timeFromParts({
    year: Number(year),
    month: Number(dayFirst ? second : first),
    day: Number(dayFirst ? first : second),
    timeGroups,
  });
}

const UNIX_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

function parseUnix(text: string, msPerUnit: number): number {
  if (!UNIX_NUMBER.test(text)) return NaN;
  return Math.round(Number(text) * msPerUnit);
}

/**
 * A parser for one known layout, for the hot loop of an import: the layout is decided once per
 * column, then every cell goes through the same function. Returns ms since epoch, or NaN when the
 * text is not a valid date in that layout. The caller trims the text.
 */
export function createDateParser(format: DateFormat): (text: string) => number {
  switch (format) {
    case 'ymd':
      return parseYmd;
    case 'ym':
      return parseYm;
    case 'dmy':
    case 'mdy':
      return (text) => parseDayMonth(text, format);
    case 'unix-s':
      return (text) => parseUnix(text, 1000);
    case 'unix-ms':
      return (text) => parseUnix(text, 1);
  }
}

/** The layout of one date text, settling dd/mm against mm/dd from the text or else `order`. */
export function detectDateFormat(
  text: string,
  order: DateOrder = DEFAULT_DATE_ORDER,
): DateFormat | null {
  const shape = dateShapeOf(text);
  if (shape === 'day-month') return dayMonthEvidence(text) ?? order;
  return shape;
}

export interface ParseDateOptions {
  /** Force a layout; required for unix timestamps, which are never guessed. */
  format?: DateFormat;
  /** Used for dates such as 03/04/2012 that could be either; default day-first. */
  dateOrder?: DateOrder;
}

/** Parse one date to ms since epoch (UTC), or null when it is not a date this import understands. */
export function parseDate(text: string, options: ParseDateOptions = {}): number | null {
  const trimmed = text.trim();
  const format = options.format ?? detectDateFormat(trimmed, options.dateOrder);
  if (format === null) return null;
  const time = createDateParser(format)(trimmed);
  return Number.isNaN(time) ? null : time;
}
