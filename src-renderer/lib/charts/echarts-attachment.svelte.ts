import type { ECElementEvent, EChartsOption } from 'echarts';
import type { Attachment } from 'svelte/attachments';
import { untrack } from 'svelte';
import type { Theme } from '../types';
import { echartsThemeName } from './chart-theme';
import { init } from './echarts-setup';

/**
 * The one bridge between Svelte and ECharts: `<div {@attach echarts(() => option, () => theme)}>`.
 *
 * The chart is created once when the element mounts and disposed when it leaves. The option and
 * the theme are read in their own nested effects, so a new option is a cheap `setOption` and a
 * theme switch a `setTheme`, never a re-init. (A `.svelte.ts` file because it uses `$effect`.)
 */
export function echarts(
  getOption: () => EChartsOption,
  getTheme: () => Theme,
  /** Clicks on the chart's elements (series items, and axis labels with `triggerEvent`). */
  onClick?: (params: ECElementEvent) => void,
): Attachment<HTMLElement> {
  return (element) => {
    const initialTheme = untrack(getTheme);
    const chart = init(element, echartsThemeName(initialTheme), { renderer: 'canvas' });
    let appliedTheme = initialTheme;
    if (onClick !== undefined) chart.on('click', onClick);

    $effect(() => {
      const theme = getTheme();
      if (theme === appliedTheme) return;
      appliedTheme = theme;
      chart.setTheme(echartsThemeName(theme));
    });

    $effect(() => {
      // replaceMerge drops series that disappeared (e.g. no validation loss) while the merge keeps
      // the user's dataZoom window across updates.
      chart.setOption(getOption(), { replaceMerge: ['series'], lazyUpdate: true });
    });

    // jsdom (component tests) has no ResizeObserver; a real window always does.
    const observer =
      typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => chart.resize());
    observer?.observe(element);

    return () => {
      observer?.disconnect();
      chart.dispose();
    };
  };
}
