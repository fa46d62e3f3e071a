/** Display formatting shared by every view. Numbers use the user's locale grouping. */

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** 10080 -> "10,080" (locale grouping). */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** A measurement with about four significant digits: 0.012345 -> "0.01235", 12345.6 -> "12,346". */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e7)) return value.toExponential(2);
  const digits = magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 1 ? 3 : 4;
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }).format(value);
}

/** A value already in percent: 12.345 -> "12.3 %". */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value.toFixed(value >= 100 ? 0 : value < 1 ? 2 : 1)} %`;
}

/** Seconds -> "42 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Bytes -> "512 B", "1.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value >= 10 ? 0 : 1)} ${units[unit]}`;
}

/** ms since epoch (UTC) -> "2024-03-01" or "2024-03-01 14:00" when the time of day matters. */
export function formatTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  const time = iso.slice(11, 16);
  return time === '00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}
