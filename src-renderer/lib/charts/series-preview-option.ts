import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { SplitBounds } from '../data/split-bounds';
import { baseOption, xAxisFor, type ChartPalette } from './chart-theme';

export interface SeriesPreviewInput {
  name: string;
  values: readonly number[];
  /** Row times, ms since epoch (UTC), or null to plot against the row index. */
  times: readonly number[] | null;
  /** The train/validation/test split to shade, or null for none. */
  split: SplitBounds | null;
}

/**
 * The imported target over time with the validation and test rows shaded (markArea), zoomable
 * (inside + slider dataZoom) and LTTB-sampled so a long series stays fast to draw.
 */
export function buildSeriesPreviewOption(
  input: SeriesPreviewInput,
  palette: ChartPalette,
): EChartsOption {
  const { values, times } = input;
  const n = values.length;
  const xAt = (row: number): number => (times === null ? row : times[row]!);
  const data = values.map((value, row): [number, number] => [xAt(row), value]);

  const series: LineSeriesOption = {
    type: 'line',
    name: input.name,
    data,
    showSymbol: false,
    symbol: 'none',
    sampling: 'lttb',
    lineStyle: { width: 1.25, color: palette.actual },
    itemStyle: { color: palette.actual },
    emphasis: { disabled: true },
  };
  const areas = splitAreas(input.split, n, xAt, palette);
  if (areas.length > 0) {
    series.markArea = { silent: true, data: areas };
  }

  return {
    ...baseOption(palette),
    animation: false,
    grid: { left: 56, right: 20, top: 40, bottom: 64 },
    tooltip: { trigger: 'axis', confine: true },
    xAxis: xAxisFor(times !== null),
    yAxis: { type: 'value', scale: true, name: input.name, nameTextStyle: { align: 'left' } },
    dataZoom: [
      { type: 'inside', filterMode: 'none' },
      { type: 'slider', height: 18, bottom: 12, filterMode: 'none' },
    ],
    series: [series],
  };
}

type AreaPair = [
  { name: string; xAxis: number; itemStyle: { color: string }; label: object },
  { xAxis: number },
];

/** Shaded validation and test areas, in x units; empty when the split is missing or degenerate. */
export function splitAreas(
  split: SplitBounds | null,
  n: number,
  xAt: (row: number) => number,
  palette: ChartPalette,
): AreaPair[] {
  if (split === null || n < 2) return [];
  const last = n - 1;
  const areas: AreaPair[] = [];
  const label = { position: 'insideTop', color: palette.muted, fontSize: 11 };
  if (split.testStart > split.valStart && split.valStart < last) {
    areas.push([
      {
        name: 'validation',
        xAxis: xAt(split.valStart),
        itemStyle: { color: palette.validationArea },
        label,
      },
      { xAxis: xAt(Math.min(split.testStart, last)) },
    ]);
  }
  if (split.testStart < last) {
    areas.push([
      { name: 'test', xAxis: xAt(split.testStart), itemStyle: { color: palette.testArea }, label },
      { xAxis: xAt(last) },
    ]);
  }
  return areas;
}
