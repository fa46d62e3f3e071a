import type { BarSeriesOption, EChartsOption } from 'echarts';
import { baseOption, type ChartPalette, AXIS_LABEL } from './chart-theme';

export interface BacktestBar {
  /** "Fold 1", …, or "All folds". */
  label: string;
  rmse: number;
  persistenceRmse: number;
}

/** RMSE of each backtest fold (and of all folds together) beside persistence on the same rows. */
export function buildBacktestOption(
  bars: readonly BacktestBar[],
  palette: ChartPalette,
): EChartsOption {
  const bar = (name: string, values: number[], color: string): BarSeriesOption => ({
    type: 'bar',
    name,
    data: values,
    barMaxWidth: 28,
    itemStyle: { color },
  });
  return {
    ...baseOption(palette),
    animation: false,
    grid: { left: 56, right: 16, top: 36, bottom: 28 },
    legend: { top: 4, textStyle: { color: palette.muted } },
    tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: bars.map((b) => b.label), axisLabel: AXIS_LABEL },
    yAxis: { type: 'value', name: 'RMSE', min: 0 },
    series: [
      bar(
        'model',
        bars.map((b) => b.rmse),
        palette.model,
      ),
      bar(
        'persistence',
        bars.map((b) => b.persistenceRmse),
        palette.baselines[0]!,
      ),
    ],
  };
}
