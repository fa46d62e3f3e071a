import type { EChartsOption } from 'echarts';
import type { EChartsType } from 'echarts/core';
import type { Theme } from '../types';
import { echartsThemeName } from '../charts/chart-theme';
import { getInstanceByDom, init } from '../charts/echarts-setup';
import { dataUrlBase64 } from './save-file';

/** Exported images are viewed on any background: they get the card's own colour, not none. */
export function exportBackground(theme: Theme, element: Element | null = null): string {
  const surface =
    element === null ? '' : getComputedStyle(element).getPropertyValue('--surface').trim();
  return surface !== '' ? surface : theme === 'dark' ? '#161920' : '#ffffff';
}

function chartOf(element: HTMLElement): EChartsType {
  const chart = getInstanceByDom(element);
  if (chart === undefined) throw new Error('that chart is not drawn yet');
  return chart;
}

/**
 * The option a file should show: what is on screen (the user's zoom window included), without the
 * zoom slider, which means nothing in a picture, and on a solid background.
 */
export function exportOption(option: EChartsOption, background: string): EChartsOption {
  const zooms = option.dataZoom;
  const dataZoom = Array.isArray(zooms)
    ? zooms.map((zoom) => (zoom.type === 'slider' ? { ...zoom, show: false } : zoom))
    : zooms;
  return {
    ...option,
    backgroundColor: background,
    animation: false,
    ...(dataZoom === undefined ? {} : { dataZoom }),
  };
}

/** The chart as a PNG at twice its on-screen resolution, base64 (no data-URL prefix). */
export function chartPngBase64(element: HTMLElement, theme: Theme): string {
  const url = chartOf(element).getDataURL({
    type: 'png',
    pixelRatio: 2,
    backgroundColor: exportBackground(theme, element),
    excludeComponents: ['dataZoom'],
  });
  return dataUrlBase64(url);
}

/**
 * The chart as a standalone SVG document: the same option drawn again by ECharts' SVG renderer in
 * its string mode (`ssr`, no DOM needed) at the on-screen size, then thrown away.
 */
export function chartSvg(element: HTMLElement, theme: Theme): string {
  const chart = chartOf(element);
  const option = exportOption(chart.getOption() as EChartsOption, exportBackground(theme, element));
  const svg = init(null, echartsThemeName(theme), {
    renderer: 'svg',
    ssr: true,
    width: chart.getWidth(),
    height: chart.getHeight(),
  });
  try {
    svg.setOption(option);
    return svg.renderToSVGString();
  } finally {
    svg.dispose();
  }
}
