import type { EChartsOption, LineSeriesOption } from 'echarts';
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
}

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
  if (future !== null && future.values.length > 0) {
    const lastRow = input.testStartRow + input.actual.length - 1;
    const futureX = (i: number): number =>
      useTimes && future.times !== null ? future.times[i]! : lastRow + 1 + i;
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
    tooltip: { trigger: 'axis', confine: true },
    xAxis: xAxisFor(useTimes),
    yAxis: { type: 'value', scale: true, name: input.valueName },
    dataZoom: [
      { type: 'inside', filterMode: 'none' },
      { type: 'slider', height: 18, bottom: 12, filterMode: 'none' },
    ],
    series,
  };
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
