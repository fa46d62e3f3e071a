import type { BarSeriesOption, EChartsOption } from 'echarts';
import { formatProbability } from '../language/surprise-scale';
import { baseOption, type ChartPalette } from './chart-theme';

export interface NextWordBar {
  word: string;
  p: number;
  /** `<unk>`: some word outside the vocabulary (it cannot be appended). */
  unknown: boolean;
}

/** What the y axis shows for a word: `<unk>` in words, line breaks and tabs made visible. */
export function wordLabel(bar: Pick<NextWordBar, 'word' | 'unknown'>): string {
  if (bar.unknown) return '‹unknown word›';
  return bar.word.replace(/\n/g, '↵').replace(/\t/g, '⇥');
}

/**
 * The top-k next words as horizontal bars, most probable on top, each labelled with its
 * probability. Every row is clickable along its whole width (a transparent bar stacked after the
 * visible one fills it up to the axis maximum), so a word with p = 0.3 % is as easy to pick as the
 * favourite; the word labels on the axis are clickable too (triggerEvent).
 */
export function buildNextWordOption(
  bars: readonly NextWordBar[],
  palette: ChartPalette,
): EChartsOption {
  const max = Math.max(0.05, ...bars.map((b) => b.p)) * 1.18;
  const visible: BarSeriesOption = {
    type: 'bar',
    name: 'probability',
    stack: 'row',
    data: bars.map((b) => ({
      value: b.p,
      itemStyle: { color: b.unknown ? palette.muted : palette.model, borderRadius: [0, 3, 3, 0] },
    })),
    barMaxWidth: 22,
    barCategoryGap: '28%',
    label: {
      show: true,
      position: 'right',
      color: palette.text,
      formatter: (params) => formatProbability(Number(params.value)),
    },
    cursor: 'pointer',
  };
  const rest: BarSeriesOption = {
    type: 'bar',
    name: 'rest',
    stack: 'row',
    data: bars.map((b) => Math.max(0, max - b.p)),
    itemStyle: { color: 'transparent' },
    emphasis: { disabled: true },
    tooltip: { show: false },
    cursor: 'pointer',
  };
  return {
    ...baseOption(palette),
    animation: false,
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params) => {
        const item = Array.isArray(params) ? params[0] : params;
        const bar = bars[item?.dataIndex ?? -1];
        if (bar === undefined) return '';
        return bar.unknown
          ? `some word outside the vocabulary: ${formatProbability(bar.p)}`
          : `“${wordLabel(bar)}”: ${formatProbability(bar.p)} — click to append`;
      },
    },
    xAxis: { type: 'value', min: 0, max, show: false },
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.map((b) => b.word),
      triggerEvent: true,
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: {
        color: palette.text,
        fontSize: 13,
        formatter: (word: string) => {
          const bar = bars.find((b) => b.word === word);
          return bar === undefined ? word : wordLabel(bar);
        },
      },
    },
    series: [visible, rest],
  };
}

/** The word a click on the chart picked (a bar, its row or its axis label), or null. */
export function clickedWord(
  params: { componentType?: string; dataIndex?: number; value?: unknown },
  bars: readonly NextWordBar[],
): string | null {
  const bar =
    params.componentType === 'yAxis'
      ? bars.find((b) => b.word === params.value)
      : params.componentType === 'series' && params.dataIndex !== undefined
        ? bars[params.dataIndex]
        : undefined;
  return bar === undefined || bar.unknown ? null : bar.word;
}
