import type { EChartsOption, LineSeriesOption } from 'echarts';
import { EngineError } from '../engine/util/engine-error';

/** One extra line on a forecast chart, e.g. a naive baseline; null where it has no value. */
export interface ChartLine {
  name: string;
  values: (number | null)[];
}

export interface ForecastChartInput {
  title: string;
  subtitle?: string;
  /** Row times in ms since epoch (UTC), or null to plot against the row index. */
  times: number[] | null;
  actual: number[];
  /** The model's forecast, aligned with `actual`; null where there is none (e.g. training rows). */
  predicted: (number | null)[];
  /** Legend name of the model's line. */
  predictedName?: string;
  baselines?: ChartLine[];
  /** Row index where the test part starts: a dashed vertical line is drawn there. */
  boundaryIndex?: number;
  /** Name of the value axis, e.g. the column name with its unit. */
  valueName?: string;
}

type Point = [number, number | null];

/**
 * The chart option for actual vs forecast over time: one line per series, no symbols (series have
 * thousands of points), a legend, named axes and no animation (it is also rendered to static SVG).
 * Every series is `[x, y]` pairs on a time or value x axis, so the boundary marker and gaps (null)
 * work the same with and without times.
 */
export function buildForecastChartOption(input: ForecastChartInput): EChartsOption {
  const n = input.actual.length;
  checkLength('predicted', input.predicted.length, n);
  if (input.times !== null) checkLength('times', input.times.length, n);
  for (const line of input.baselines ?? [])
    checkLength(`baseline "${line.name}"`, line.values.length, n);
  const boundary = input.boundaryIndex;
  if (boundary !== undefined && (!Number.isInteger(boundary) || boundary < 0 || boundary >= n)) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `Chart boundary must be a row index in 0 .. ${n - 1} (got ${boundary}).`,
    );
  }

  const times = input.times;
  const xAt = (i: number): number => (times === null ? i : (times[i] as number));
  const points = (values: readonly (number | null)[]): Point[] =>
    values.map((value, i): Point => [xAt(i), value]);

  const actualSeries = line('actual', points(input.actual));
  if (boundary !== undefined) {
    actualSeries.markLine = {
      silent: true,
      symbol: 'none',
      animation: false,
      lineStyle: { type: 'dashed', color: '#888' },
      label: { formatter: 'test', position: 'insideEndTop' },
      data: [{ xAxis: xAt(boundary) }],
    };
  }
  const series: LineSeriesOption[] = [
    actualSeries,
    line(input.predictedName ?? 'predicted', points(input.predicted)),
    ...(input.baselines ?? []).map((baseline) => line(baseline.name, points(baseline.values))),
  ];

  return {
    animation: false,
    // Times are UTC instants: label them in UTC so a date never shifts with the machine's zone.
    useUTC: true,
    title: { text: input.title, subtext: input.subtitle ?? '', left: 'center' },
    legend: { bottom: 0 },
    tooltip: { trigger: 'axis' },
    grid: { left: 64, right: 32, top: input.subtitle ? 72 : 56, bottom: 72 },
    xAxis: {
      type: times === null ? 'value' : 'time',
      name: times === null ? 'step' : 'time',
      nameLocation: 'middle',
      nameGap: 28,
      min: 'dataMin',
      max: 'dataMax',
    },
    yAxis: {
      type: 'value',
      name: input.valueName ?? 'value',
      scale: true,
    },
    series,
  };
}

function line(name: string, data: Point[]): LineSeriesOption {
  return {
    type: 'line',
    name,
    data,
    showSymbol: false,
    symbol: 'none',
    // Keeps the drawn path (and an SVG file) small for long series without hiding its shape.
    sampling: 'lttb',
    lineStyle: { width: 1.5 },
    connectNulls: false,
  };
}

function checkLength(what: string, length: number, expected: number): void {
  if (length !== expected) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `Chart ${what} has ${length} values but actual has ${expected}: align every line with the actual values.`,
    );
  }
}
