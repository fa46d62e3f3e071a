import type { EChartsOption, LineSeriesOption } from 'echarts';
import { baseOption, type ChartPalette, AXIS_LABEL } from './chart-theme';

export interface HorizonErrorPoint {
  step: number;
  mae: number;
  rmse: number;
  persistenceMae?: number | undefined;
  persistenceRmse?: number | undefined;
}

/**
 * Error by steps ahead of the closed-loop forecast: RMSE and MAE of the model at each step over
 * every origin in the test rows, and persistence from the same origins (dashed) when reported.
 * One-step errors can look fine while these lines climb; where the model's line crosses above
 * persistence's, forecasting that far ahead is worse than repeating the last value.
 */
export function buildHorizonErrorOption(
  errors: readonly HorizonErrorPoint[],
  palette: ChartPalette,
): EChartsOption {
  const series: LineSeriesOption[] = [
    line(
      'model RMSE',
      errors.map((e) => [e.step, e.rmse]),
      palette.model,
      'solid',
      2,
    ),
    line(
      'model MAE',
      errors.map((e) => [e.step, e.mae]),
      palette.model,
      'dotted',
      1.5,
    ),
  ];
  const persistence = palette.baselines[0]!;
  if (errors.length > 0 && errors.every((e) => e.persistenceRmse !== undefined)) {
    series.push(
      line(
        'persistence RMSE',
        errors.map((e) => [e.step, e.persistenceRmse!]),
        persistence,
        'dashed',
        1.5,
      ),
    );
  }
  if (errors.length > 0 && errors.every((e) => e.persistenceMae !== undefined)) {
    series.push(
      line(
        'persistence MAE',
        errors.map((e) => [e.step, e.persistenceMae!]),
        persistence,
        'dotted',
        1.25,
      ),
    );
  }
  return {
    ...baseOption(palette),
    animation: false,
    // No name on the error axis: its words would collide with the legend above the plot, and the
    // legend already says which error each line is (in the series' units).
    grid: { left: 56, right: 20, top: 40, bottom: 44 },
    legend: { top: 4, textStyle: { color: palette.muted } },
    tooltip: { trigger: 'axis', confine: true, valueFormatter: formatError },
    xAxis: {
      type: 'value',
      name: 'steps ahead',
      nameLocation: 'middle',
      nameGap: 26,
      min: 1,
      max: Math.max(1, errors.length),
      minInterval: 1,
      splitLine: { show: false },
      axisLabel: AXIS_LABEL,
    },
    yAxis: { type: 'value', min: 0 },
    series,
  };
}

function formatError(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value)
    ? value.toLocaleString(undefined, { maximumSignificantDigits: 4 })
    : '—';
}

function line(
  name: string,
  data: number[][],
  color: string,
  type: 'solid' | 'dashed' | 'dotted',
  width: number,
): LineSeriesOption {
  return {
    type: 'line',
    name,
    data,
    showSymbol: data.length <= 48,
    symbolSize: 5,
    lineStyle: { width, type, color },
    itemStyle: { color },
  };
}
