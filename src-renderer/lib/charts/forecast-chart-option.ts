import type { EChartsOption, LineSeriesOption } from 'echarts';
import { levelPercent, promisedLevel } from '../forecast/interval-level';
import { baseOption, xAxisFor, type ChartPalette } from './chart-theme';

export interface ForecastLine {
  name: string;
  values: readonly number[];
}

export interface ForecastChartInput {
  /** Name of the target column, for the value axis. */
  valueName: string;
  /** Row of the first test value in the whole series. */
  testStartRow: number;
  /** Times of the test rows (ms since epoch, UTC), or null to plot against the row index. */
  testTimes: readonly number[] | null;
  actual: readonly number[];
  predicted: readonly number[];
  /** Naive baselines over the test rows, drawn dashed. */
  baselines: readonly ForecastLine[];
  /** Actual rows just before the test part, so the boundary has something on its left. */
  context: { values: readonly number[]; times: readonly number[] | null } | null;
  /** The forecast past the end of the data, if any. */
  future: { values: readonly number[]; times: readonly number[] | null } | null;
  /**
   * Prediction intervals: bounds on the test rows, then on the future rows (may be empty), and
   * their nominal level (0.9 = 90 %). Drawn as a shaded band.
   */
  intervals?: {
    level: number;
    /** The level the band promises when fewer calibration rows allowed less than `level`. */
    guaranteedLevel?: number;
    lower: readonly number[];
    upper: readonly number[];
    futureLower: readonly number[];
    futureUpper: readonly number[];
  } | null;
}

/** Series ids of the interval band: a hidden lower edge and the band stacked on it. */
export const BAND_LOWER_ID = 'interval-lower';
export const BAND_ID = 'interval-band';

/**
 * Predicted against actual on the test rows, with the naive baselines beside them, the train/test
 * boundary marked by a vertical line, and the future forecast (if any) after the data.
 */
export function buildForecastChartOption(
  input: ForecastChartInput,
  palette: ChartPalette,
): EChartsOption {
  const useTimes = input.testTimes !== null;
  const testX = (i: number): number =>
    input.testTimes !== null ? input.testTimes[i]! : input.testStartRow + i;
  const context = input.context ?? { values: [], times: null };
  const contextStart = input.testStartRow - context.values.length;
  const contextX = (i: number): number =>
    useTimes && context.times !== null ? context.times[i]! : contextStart + i;
  const boundaryX = testX(0);

  const actualData: [number, number][] = [
    ...context.values.map((v, i): [number, number] => [contextX(i), v]),
    ...input.actual.map((v, i): [number, number] => [testX(i), v]),
  ];
  const onTest = (values: readonly number[]): [number, number][] =>
    values.map((v, i): [number, number] => [testX(i), v]);

  const series: LineSeriesOption[] = [
    {
      ...line('actual', actualData, palette.actual, 1.5),
      markLine: {
        silent: true,
        symbol: 'none',
        animation: false,
        lineStyle: { type: 'dashed', color: palette.boundary, width: 1 },
        label: { formatter: 'test →', position: 'insideEndTop', color: palette.muted },
        data: [{ xAxis: boundaryX }],
      },
    },
    line('model', onTest(input.predicted), palette.model, 2),
    ...input.baselines.map((baseline, i): LineSeriesOption => ({
      ...line(
        baseline.name,
        onTest(baseline.values),
        palette.baselines[i % palette.baselines.length]!,
        1.25,
      ),
      lineStyle: {
        width: 1.25,
        type: 'dashed',
        color: palette.baselines[i % palette.baselines.length]!,
      },
    })),
  ];

  const future = input.future;
  const lastRow = input.testStartRow + input.actual.length - 1;
  const futureX = (i: number): number =>
    useTimes && future !== null && future.times !== null ? future.times[i]! : lastRow + 1 + i;

  const intervals = input.intervals ?? null;
  if (intervals !== null && intervals.lower.length > 0) {
    // ECharts fills only under a line, so the band is the width stacked on an invisible lower edge;
    // each band point also carries its bounds ([x, width, lower, upper]) for the tooltip. The stack
    // must be 'all': ECharts' default 'samesign' skips a positive width over a negative lower edge,
    // which fills from y = 0 instead (a sine's band became thin bars along the zero line).
    const lower = [...intervals.lower, ...intervals.futureLower];
    const upper = [...intervals.upper, ...intervals.futureUpper];
    const xs = lower.map((_, i) =>
      i < intervals.lower.length ? testX(i) : futureX(i - intervals.lower.length),
    );
    const name = `${levelPercent(promisedLevel(intervals))} % interval`;
    const edge = { showSymbol: false, symbol: 'none', lineStyle: { opacity: 0 }, silent: true };
    series.unshift(
      {
        ...edge,
        type: 'line',
        id: BAND_LOWER_ID,
        name,
        stack: 'interval',
        stackStrategy: 'all',
        data: xs.map((x, i) => [x, lower[i]!]),
      },
      {
        ...edge,
        type: 'line',
        id: BAND_ID,
        name,
        stack: 'interval',
        stackStrategy: 'all',
        areaStyle: { color: palette.intervalArea },
        itemStyle: { color: palette.intervalArea },
        data: xs.map((x, i) => [x, upper[i]! - lower[i]!, lower[i]!, upper[i]!]),
      },
    );
  }

  if (future !== null && future.values.length > 0) {
    series.push({
      ...line(
        'future forecast',
        future.values.map((v, i): [number, number] => [futureX(i), v]),
        palette.future,
        2,
      ),
      lineStyle: { width: 2, type: 'dotted', color: palette.future },
    });
  }

  return {
    ...baseOption(palette),
    animation: false,
    grid: { left: 64, right: 24, top: 44, bottom: 64 },
    legend: { top: 6, textStyle: { color: palette.muted } },
    tooltip: { trigger: 'axis', confine: true, formatter: forecastTooltip },
    xAxis: xAxisFor(useTimes),
    yAxis: { type: 'value', scale: true, name: input.valueName },
    dataZoom: [
      { type: 'inside', filterMode: 'none' },
      { type: 'slider', height: 18, bottom: 12, filterMode: 'none' },
    ],
    series,
  };
}

interface TooltipItem {
  seriesId?: string;
  seriesName?: string;
  marker?: unknown;
  value?: unknown;
  axisValueLabel?: string;
}

/** The axis tooltip, with the interval as "lower – upper" instead of its stacked parts. */
export function forecastTooltip(raw: unknown): string {
  const items = (Array.isArray(raw) ? raw : [raw]) as TooltipItem[];
  const lines: string[] = [];
  for (const item of items) {
    if (item.seriesId === BAND_LOWER_ID || !Array.isArray(item.value)) continue;
    const value = item.value as number[];
    const text =
      item.seriesId === BAND_ID
        ? `${formatNumber(value[2])} – ${formatNumber(value[3])}`
        : formatNumber(value[1]);
    const marker = typeof item.marker === 'string' ? item.marker : '';
    lines.push(`${marker}${escapeHtml(item.seriesName ?? '')}: <b>${text}</b>`);
  }
  return [escapeHtml(items[0]?.axisValueLabel ?? ''), ...lines].join('<br/>');
}

function formatNumber(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value)
    ? '—'
    : value.toLocaleString(undefined, { maximumSignificantDigits: 5 });
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};

/** Series names come from column names in the user's file: never let them become markup. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c);
}

function line(
  name: string,
  data: [number, number][],
  color: string,
  width: number,
): LineSeriesOption {
  return {
    type: 'line',
    name,
    data,
    showSymbol: false,
    symbol: 'none',
    sampling: 'lttb',
    lineStyle: { width, color },
    itemStyle: { color },
    emphasis: { focus: 'series' },
  };
}
