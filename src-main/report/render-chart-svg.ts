import { init } from 'echarts';
import type { EChartsOption } from 'echarts';

export interface SvgSize {
  /** Width in CSS pixels. */
  width?: number;
  /** Height in CSS pixels. */
  height?: number;
}

/**
 * Render an ECharts option to a standalone SVG document without a DOM, using ECharts' zero-dependency
 * server-side SVG renderer (`ssr: true`, ECharts ≥ 5.3). Pass options with `animation: false`: the
 * SSR output would otherwise carry CSS enter animations.
 */
export function renderChartSvg(option: EChartsOption, size: SvgSize = {}): string {
  const chart = init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width ?? 960,
    height: size.height ?? 480,
  });
  try {
    // A file is viewed on any background: default to white rather than transparent.
    chart.setOption({ backgroundColor: '#ffffff', ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
