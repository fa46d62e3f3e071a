import type { EChartsOption } from 'echarts';
import type { Theme } from '../types';

/** Colours the option builders put on series and marks; ECharts' own theme styles the rest. */
export interface ChartPalette {
  text: string;
  muted: string;
  /** The data itself: the actual series. */
  actual: string;
  /** The model's prediction. */
  model: string;
  /** Naive baselines, in order: persistence, seasonal naive, drift. */
  baselines: readonly string[];
  future: string;
  intervalArea: string;
  validationArea: string;
  testArea: string;
  boundary: string;
  loss: string;
  valLoss: string;
}

const LIGHT: ChartPalette = {
  text: '#1f2430',
  muted: '#6b7280',
  actual: '#1f2430',
  model: '#2563eb',
  baselines: ['#d97706', '#059669', '#9333ea'],
  future: '#db2777',
  intervalArea: 'rgba(37, 99, 235, 0.28)',
  validationArea: 'rgba(217, 119, 6, 0.10)',
  testArea: 'rgba(37, 99, 235, 0.10)',
  boundary: '#6b7280',
  loss: '#2563eb',
  valLoss: '#d97706',
};

const DARK: ChartPalette = {
  text: '#e5e7eb',
  muted: '#9ca3af',
  actual: '#e5e7eb',
  model: '#60a5fa',
  baselines: ['#fbbf24', '#34d399', '#c084fc'],
  future: '#f472b6',
  intervalArea: 'rgba(96, 165, 250, 0.32)',
  validationArea: 'rgba(251, 191, 36, 0.12)',
  testArea: 'rgba(96, 165, 250, 0.14)',
  boundary: '#9ca3af',
  loss: '#60a5fa',
  valLoss: '#fbbf24',
};

export function chartPalette(theme: Theme): ChartPalette {
  return theme === 'dark' ? DARK : LIGHT;
}

/** The ECharts theme registered under each app theme ('default' and 'dark' ship with ECharts 6). */
export function echartsThemeName(theme: Theme): 'default' | 'dark' {
  return theme === 'dark' ? 'dark' : 'default';
}

/** What every chart shares: transparent on the card, the app's font, UTC time labels. */
export function baseOption(palette: ChartPalette): EChartsOption {
  return {
    backgroundColor: 'transparent',
    // Times are UTC instants (ms since epoch): label them in UTC so a date never shifts with the
    // machine's time zone.
    useUTC: true,
    textStyle: {
      // Single quotes: ECharts' SVG renderer puts the family into a double-quoted style
      // attribute without escaping it, so double quotes would make exported SVG invalid XML
      // (the same fix as getsentry/sentry#44676 and lightdash/lightdash#21304).
      fontFamily:
        "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
      color: palette.text,
    },
  };
}

/**
 * Axis labels that never overlap: on a card ~500 px wide (a 1024 × 700 window) a time axis over
 * days or hours puts "29" against "Feb", and the data's first and last value against the nearest
 * tick. ECharts drops the label of lower rank instead (apache/echarts#14266).
 */
export const AXIS_LABEL = { hideOverlap: true } as const;

/** Row numbers are whole: a zoomed window's edge (row 10 233.5) is labelled 10,234. */
export function formatRow(value: number): string {
  return Math.round(value).toLocaleString();
}

/**
 * Row index or time of each point: a time axis when the data has times, a value axis (row numbers)
 * otherwise. Unnamed (a dataZoom slider sits below it) and kept at the bottom even when the values
 * cross zero.
 */
export function xAxisFor(hasTimes: boolean): EChartsOption['xAxis'] {
  return {
    type: hasTimes ? 'time' : 'value',
    min: 'dataMin',
    max: 'dataMax',
    axisLine: { onZero: false },
    splitLine: { show: false },
    axisLabel: hasTimes ? { ...AXIS_LABEL } : { ...AXIS_LABEL, formatter: formatRow },
  };
}
