import type { EChartsOption, LineSeriesOption } from 'echarts';
import { baseOption, type ChartPalette, AXIS_LABEL } from './chart-theme';

export interface LossPoint {
  step: number;
  loss: number;
  valLoss: number | null;
}

export interface LossChartInput {
  history: readonly LossPoint[];
  logScale: boolean;
}

/**
 * Training and validation loss against the step. On a log axis a loss ≤ 0 (or a NaN) has no place,
 * so it becomes a gap instead of breaking the axis.
 */
export function buildLossChartOption(input: LossChartInput, palette: ChartPalette): EChartsOption {
  const usable = (value: number | null): number | null =>
    value === null || !Number.isFinite(value) || (input.logScale && value <= 0) ? null : value;

  const series: LineSeriesOption[] = [
    {
      type: 'line',
      name: 'loss',
      data: input.history.map((p) => [p.step, usable(p.loss)]),
      showSymbol: false,
      sampling: 'lttb',
      lineStyle: { width: 1.5, color: palette.loss },
      itemStyle: { color: palette.loss },
    },
  ];
  const validation = input.history.filter((p) => p.valLoss !== null);
  if (validation.length > 0) {
    series.push({
      type: 'line',
      name: 'validation loss',
      data: validation.map((p) => [p.step, usable(p.valLoss)]),
      showSymbol: validation.length < 60,
      symbolSize: 5,
      lineStyle: { width: 1.5, color: palette.valLoss },
      itemStyle: { color: palette.valLoss },
    });
  }

  return {
    ...baseOption(palette),
    animation: false,
    grid: { left: 64, right: 20, top: 36, bottom: 40 },
    legend: { top: 4, right: 12, textStyle: { color: palette.muted } },
    tooltip: { trigger: 'axis', confine: true },
    xAxis: {
      type: 'value',
      name: 'step',
      nameLocation: 'middle',
      nameGap: 24,
      min: 0,
      max: 'dataMax',
      splitLine: { show: false },
      axisLabel: AXIS_LABEL,
    },
    yAxis: input.logScale
      ? { type: 'log', name: 'loss (log)', logBase: 10, axisLabel: { formatter: formatLoss } }
      : { type: 'value', name: 'loss', scale: true, axisLabel: { formatter: formatLoss } },
    series,
  };
}

/** Axis labels stay narrow even when a diverging run reaches 1e15: large and tiny values go exponential. */
export function formatLoss(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e5 || magnitude < 1e-3)) return value.toExponential(0);
  return String(Number(value.toPrecision(4)));
}
