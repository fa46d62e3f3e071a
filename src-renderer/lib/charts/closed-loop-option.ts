import type { EChartsOption, LineSeriesOption } from 'echarts';
import { baseOption, xAxisFor, type ChartPalette } from './chart-theme';

export interface ClosedLoopChartInput {
  valueName: string;
  /**
   * Test rows around the origin: `actual` values and the model's one-step ("open loop")
   * predictions, from row `start`, with their times (ms since epoch, UTC) or null.
   */
  window: {
    start: number;
    times: readonly number[] | null;
    actual: readonly number[];
    oneStep: readonly number[];
  };
  /** The closed-loop forecast from `origin` (it may run past the end of the data), or null. */
  closedLoop: {
    origin: number;
    times: readonly number[] | null;
    predicted: readonly number[];
  } | null;
}

/**
 * Open loop against closed loop on the same rows: the one-step predictions each start from the
 * actual values before them, the closed-loop forecast from one origin feeds its own predictions
 * back. The gap between the two lines is what a one-step chart hides.
 */
export function buildClosedLoopOption(
  input: ClosedLoopChartInput,
  palette: ChartPalette,
): EChartsOption {
  const { window, closedLoop } = input;
  const useTimes = window.times !== null;
  const rowX = (i: number): number => (window.times !== null ? window.times[i]! : window.start + i);
  const loopX = (i: number): number =>
    closedLoop !== null && closedLoop.times !== null
      ? closedLoop.times[i]!
      : (closedLoop?.origin ?? 0) + i;

  const series: LineSeriesOption[] = [
    line(
      'actual',
      window.actual.map((v, i) => [rowX(i), v]),
      palette.actual,
      1.5,
      'solid',
    ),
    line(
      'one step (open loop)',
      window.oneStep.map((v, i) => [rowX(i), v]),
      palette.model,
      1.5,
      'dashed',
    ),
  ];
  if (closedLoop !== null && closedLoop.predicted.length > 0) {
    series.push({
      ...line(
        'closed loop',
        closedLoop.predicted.map((v, i) => [loopX(i), v]),
        palette.future,
        2.25,
        'solid',
      ),
      showSymbol: closedLoop.predicted.length <= 60,
      symbolSize: 4,
      markLine: {
        silent: true,
        symbol: 'none',
        animation: false,
        lineStyle: { type: 'dashed', color: palette.boundary, width: 1 },
        label: { formatter: 'origin', position: 'insideEndTop', color: palette.muted },
        data: [{ xAxis: loopX(0) }],
      },
    });
  }
  return {
    ...baseOption(palette),
    animation: false,
    grid: { left: 64, right: 24, top: 40, bottom: 36 },
    legend: { top: 4, textStyle: { color: palette.muted } },
    tooltip: { trigger: 'axis', confine: true },
    xAxis: xAxisFor(useTimes),
    yAxis: { type: 'value', scale: true, name: input.valueName },
    series,
  };
}

function line(
  name: string,
  data: number[][],
  color: string,
  width: number,
  type: 'solid' | 'dashed',
): LineSeriesOption {
  return {
    type: 'line',
    name,
    data,
    showSymbol: false,
    symbol: 'circle',
    lineStyle: { width, type, color },
    itemStyle: { color },
    emphasis: { focus: 'series' },
  };
}
