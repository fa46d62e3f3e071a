import type { EChartsOption, LineSeriesOption } from 'echarts';
import { baseOption, type ChartPalette, AXIS_LABEL } from './chart-theme';
import { formatLoss } from './loss-chart-option';

export interface PerplexityPoint {
  step: number;
  /** Training loss, nats per word. */
  loss: number;
  /** Validation perplexity at this step, null between evaluations. */
  valPerplexity: number | null;
}

export interface PerplexityChartInput {
  history: readonly PerplexityPoint[];
  /** The Kneser–Ney trigram's validation perplexity: the line to beat (null until known). */
  baseline: number | null;
}

/** The name of the dashed line, also its label: "Kneser–Ney trigram 231". */
export function baselineLabel(baseline: number): string {
  return `Kneser–Ney trigram ${Math.round(baseline)}`;
}

/**
 * Training loss (left axis, nats per word) and validation perplexity (right axis, log₂ scale)
 * against the step, with the n-gram baseline's perplexity as a dashed line on the right axis. The
 * right axis always spans the baseline, so the line to beat is on screen before the first
 * evaluation.
 */
export function buildPerplexityChartOption(
  input: PerplexityChartInput,
  palette: ChartPalette,
): EChartsOption {
  const finite = (v: number | null): v is number => v !== null && Number.isFinite(v) && v > 0;
  const validation = input.history.filter((p) => finite(p.valPerplexity));
  const perplexities = [
    ...validation.map((p) => p.valPerplexity!),
    ...(finite(input.baseline) ? [input.baseline] : []),
  ];
  const low = perplexities.length > 0 ? Math.min(...perplexities) : 1;
  const high = perplexities.length > 0 ? Math.max(...perplexities) : 10;

  const baseline = finite(input.baseline) ? input.baseline : null;
  const perplexitySeries: LineSeriesOption = {
    type: 'line',
    name: 'validation perplexity',
    yAxisIndex: 1,
    data: validation.map((p) => [p.step, p.valPerplexity]),
    showSymbol: validation.length < 60,
    symbolSize: 6,
    lineStyle: { width: 2, color: palette.valLoss },
    itemStyle: { color: palette.valLoss },
    ...(baseline === null
      ? {}
      : {
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', width: 1.5, color: palette.baselines[1] },
            label: {
              formatter: baselineLabel(baseline),
              position: 'insideEndTop',
              color: palette.baselines[1],
            },
            data: [{ yAxis: baseline, name: baselineLabel(baseline) }],
          },
        }),
  };

  return {
    ...baseOption(palette),
    animation: false,
    grid: { left: 56, right: 64, top: 44, bottom: 40 },
    legend: { top: 4, left: 'center', textStyle: { color: palette.muted } },
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
    yAxis: [
      {
        type: 'value',
        name: 'loss (nats)',
        scale: true,
        axisLabel: { formatter: formatLoss },
      },
      {
        type: 'log',
        name: 'perplexity',
        // Base 2: ticks at 128, 256, 512… land inside the usual range (a few hundred to the
        // vocabulary size), where base 10 would label only the axis ends.
        logBase: 2,
        min: Math.max(1, low / 1.25),
        max: high * 1.25,
        splitLine: { show: false },
        axisLabel: { formatter: (value: number) => String(Math.round(value)) },
      },
    ],
    series: [
      {
        type: 'line',
        name: 'training loss',
        data: input.history.map((p) => [p.step, Number.isFinite(p.loss) ? p.loss : null]),
        showSymbol: false,
        sampling: 'lttb',
        lineStyle: { width: 1.5, color: palette.loss },
        itemStyle: { color: palette.loss },
      },
      perplexitySeries,
    ],
  };
}
