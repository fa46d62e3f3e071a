// Pure logic: no DOM needed, so skip the cost of starting jsdom.
// @vitest-environment node
import { init, type EChartsOption, type LineSeriesOption } from 'echarts';
import { describe, expect, it } from 'vitest';
import { chartPalette, formatRow } from '../../src-renderer/lib/charts/chart-theme';
import {
  BAND_ID,
  BAND_LOWER_ID,
  buildForecastChartOption,
  forecastTooltip,
} from '../../src-renderer/lib/charts/forecast-chart-option';
import { buildLossChartOption, formatLoss } from '../../src-renderer/lib/charts/loss-chart-option';
import { buildSeriesPreviewOption } from '../../src-renderer/lib/charts/series-preview-option';
import { splitBounds } from '../../src-renderer/lib/data/split-bounds';

const palette = chartPalette('light');

/** The little of ECharts' (untyped) model a test needs to read what a series really draws. */
interface EChartsModelLike {
  getSeries(): {
    id: string;
    getData(): { getCalculationInfo(key: string): string; get(dim: string, i: number): number };
  }[];
}
const seriesOf = (option: { series?: unknown }): LineSeriesOption[] =>
  option.series as LineSeriesOption[];
const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

describe('series preview option', () => {
  const values = Array.from({ length: 100 }, (_, i) => Math.sin(i / 5));

  it('draws one LTTB-sampled line with zoom and the validation and test areas', () => {
    const option = buildSeriesPreviewOption(
      { name: 'y', values, times: null, split: splitBounds(100, 0.2, 0.1) },
      palette,
    );
    const series = seriesOf(option);
    expect(series).toHaveLength(1);
    expect(series[0]!.sampling).toBe('lttb');
    expect(series[0]!.data).toHaveLength(100);
    expect(asArray(option.dataZoom).map((z) => z.type)).toEqual(['inside', 'slider']);
    expect((option.xAxis as { type: string }).type).toBe('value');

    // 80 rows before the test part; 10 % of those (8) are validation: rows 72..79, test 80..99.
    const areas = series[0]!.markArea!.data as [
      { name: string; xAxis: number },
      { xAxis: number },
    ][];
    expect(areas.map(([from, to]) => [from.name, from.xAxis, to.xAxis])).toEqual([
      ['validation', 72, 80],
      ['test', 80, 99],
    ]);
  });

  it('places the areas at the row times on a time axis', () => {
    const times = values.map((_, i) => Date.UTC(2020, 0, 1) + i * 86_400_000);
    const option = buildSeriesPreviewOption(
      { name: 'y', values, times, split: splitBounds(100, 0.2, 0.1) },
      palette,
    );
    expect((option.xAxis as { type: string }).type).toBe('time');
    const [series] = seriesOf(option);
    expect(series!.data![0]).toEqual([times[0], values[0]]);
    const areas = series!.markArea!.data as [{ xAxis: number }, { xAxis: number }][];
    expect(areas[1]![0].xAxis).toBe(times[80]);
    expect(areas[1]![1].xAxis).toBe(times[99]);
  });

  it('has no validation area without validation rows, and no areas without a split', () => {
    const noVal = buildSeriesPreviewOption(
      { name: 'y', values, times: null, split: splitBounds(100, 0.2, 0) },
      palette,
    );
    const areas = seriesOf(noVal)[0]!.markArea!.data as [{ name: string }, unknown][];
    expect(areas.map(([from]) => from.name)).toEqual(['test']);
    const none = buildSeriesPreviewOption({ name: 'y', values, times: null, split: null }, palette);
    expect(seriesOf(none)[0]!.markArea).toBeUndefined();
  });
});

describe('loss chart option', () => {
  const history = [
    { step: 10, loss: 1, valLoss: null },
    { step: 20, loss: 0.5, valLoss: 0.7 },
    { step: 30, loss: 0, valLoss: null },
    { step: 40, loss: 0.1, valLoss: 0.2 },
  ];

  it('draws loss and validation loss on a linear axis', () => {
    const option = buildLossChartOption({ history, logScale: false }, palette);
    const series = seriesOf(option);
    expect(series.map((s) => s.name)).toEqual(['loss', 'validation loss']);
    expect(series[0]!.data).toEqual([
      [10, 1],
      [20, 0.5],
      [30, 0],
      [40, 0.1],
    ]);
    expect(series[1]!.data).toEqual([
      [20, 0.7],
      [40, 0.2],
    ]);
    expect((option.yAxis as { type: string }).type).toBe('value');
  });

  it('switches to a log axis and leaves gaps for values a log axis cannot show', () => {
    const option = buildLossChartOption({ history, logScale: true }, palette);
    expect((option.yAxis as { type: string }).type).toBe('log');
    expect(seriesOf(option)[0]!.data![2]).toEqual([30, null]);
  });

  it('keeps axis labels short for diverging and tiny losses', () => {
    expect(formatLoss(6e19)).toBe('6e+19');
    expect(formatLoss(0.0001)).toBe('1e-4');
    expect(formatLoss(0.12345)).toBe('0.1235');
    expect(formatLoss(0)).toBe('0');
  });

  it('omits the validation series when there is none', () => {
    const option = buildLossChartOption(
      { history: [{ step: 1, loss: 0.3, valLoss: null }], logScale: false },
      palette,
    );
    expect(seriesOf(option).map((s) => s.name)).toEqual(['loss']);
  });
});

describe('forecast chart option', () => {
  const input = {
    valueName: 'co2',
    testStartRow: 80,
    testTimes: null,
    actual: [1, 2, 3],
    predicted: [1.1, 2.2, 2.9],
    baselines: [
      { name: 'persistence', values: [0, 1, 2] },
      { name: 'seasonal naive (12)', values: [0.5, 1.5, 2.5] },
    ],
    context: { values: [0.2, 0.4], times: null },
    future: null,
  };

  it('draws actual (with context), model and each baseline, dashed', () => {
    const series = seriesOf(buildForecastChartOption(input, palette));
    expect(series.map((s) => s.name)).toEqual([
      'actual',
      'model',
      'persistence',
      'seasonal naive (12)',
    ]);
    expect(series[0]!.data).toEqual([
      [78, 0.2],
      [79, 0.4],
      [80, 1],
      [81, 2],
      [82, 3],
    ]);
    expect(series[1]!.data).toEqual([
      [80, 1.1],
      [81, 2.2],
      [82, 2.9],
    ]);
    expect((series[2]!.lineStyle as { type: string }).type).toBe('dashed');
    expect(series.every((s) => s.sampling === 'lttb')).toBe(true);
  });

  it('marks the train/test boundary at the first test row', () => {
    const [actual] = seriesOf(buildForecastChartOption(input, palette));
    expect(actual!.markLine!.data).toEqual([{ xAxis: 80 }]);
  });

  it('uses times for the boundary and appends the future forecast after the data', () => {
    const day = 86_400_000;
    const t0 = Date.UTC(2024, 0, 1);
    const option = buildForecastChartOption(
      {
        ...input,
        testTimes: [t0, t0 + day, t0 + 2 * day],
        context: { values: [0.4], times: [t0 - day] },
        future: { values: [4, 5], times: [t0 + 3 * day, t0 + 4 * day] },
      },
      palette,
    );
    expect((option.xAxis as { type: string }).type).toBe('time');
    const series = seriesOf(option);
    expect(series[0]!.markLine!.data).toEqual([{ xAxis: t0 }]);
    expect(series[0]!.data![0]).toEqual([t0 - day, 0.4]);
    const future = series.find((s) => s.name === 'future forecast');
    expect(future?.data).toEqual([
      [t0 + 3 * day, 4],
      [t0 + 4 * day, 5],
    ]);
  });

  it('continues the row index for a future forecast without times', () => {
    const option = buildForecastChartOption(
      { ...input, future: { values: [9], times: null } },
      palette,
    );
    expect(seriesOf(option).at(-1)!.data).toEqual([[83, 9]]);
  });

  it('shades prediction intervals as a band stacked on its lower edge, into the future', () => {
    const option = buildForecastChartOption(
      {
        ...input,
        future: { values: [4], times: null },
        intervals: {
          level: 0.9,
          lower: [0.5, 1.5, 2.5],
          upper: [1.5, 2.5, 3.5],
          futureLower: [3],
          futureUpper: [5],
        },
      },
      palette,
    );
    const series = seriesOf(option);
    const lower = series.find((s) => s.id === BAND_LOWER_ID)!;
    const band = series.find((s) => s.id === BAND_ID)!;
    expect(lower.name).toBe('90 % interval');
    expect(band.name).toBe('90 % interval');
    expect(lower.stack).toBe('interval');
    expect(band.stack).toBe('interval');
    expect(band.areaStyle).toBeDefined();
    expect(lower.data).toEqual([
      [80, 0.5],
      [81, 1.5],
      [82, 2.5],
      [83, 3],
    ]);
    expect(band.data).toEqual([
      [80, 1, 0.5, 1.5],
      [81, 1, 1.5, 2.5],
      [82, 1, 2.5, 3.5],
      [83, 2, 3, 5],
    ]);
    // The band sits under the lines: it comes first.
    expect(series[0]!.id).toBe(BAND_LOWER_ID);
  });

  it('draws the band around a forecast that crosses zero (stacked on the lower edge)', () => {
    // A sine's band: its lower edge is negative half the time. ECharts' default stack strategy
    // ('samesign') then filled from y = 0, drawing thin bars along the zero line.
    const predicted = Array.from({ length: 40 }, (_, i) => Math.sin(i / 4));
    const lower = predicted.map((v) => v - 0.1);
    const upper = predicted.map((v) => v + 0.1);
    const option = buildForecastChartOption(
      {
        ...input,
        actual: predicted,
        predicted,
        intervals: { level: 0.9, lower, upper, futureLower: [], futureUpper: [] },
      },
      palette,
    );
    const chart = init(null, null, { renderer: 'svg', ssr: true, width: 800, height: 400 });
    try {
      chart.setOption(option);
      for (const s of seriesOf(option).filter((s) => s.stack === 'interval')) {
        expect(s.type).toBe('line');
      }
      // The filled top of the band, as ECharts computed it, is the upper bound at every row.
      const model = (chart as unknown as { getModel(): EChartsModelLike }).getModel();
      const band = model.getSeries().find((s) => s.id === BAND_ID)!;
      const data = band.getData();
      const top = data.getCalculationInfo('stackResultDimension');
      const tops = upper.map((_, i) => data.get(top, i));
      tops.forEach((value, i) => expect(value).toBeCloseTo(upper[i]!, 9));
    } finally {
      chart.dispose();
    }
  });

  it('shows the interval as its bounds in the tooltip and escapes names from the file', () => {
    const html = forecastTooltip([
      {
        seriesId: BAND_LOWER_ID,
        seriesName: '90 % interval',
        value: [80, 0.5],
        axisValueLabel: '80',
      },
      { seriesId: BAND_ID, seriesName: '90 % interval', value: [80, 1, 0.5, 1.5] },
      { seriesName: '<b>co2</b>', value: [80, 1.25], marker: '' },
    ]);
    expect(html).toBe(
      `80<br/>90 % interval: <b>${(0.5).toLocaleString()} – ${(1.5).toLocaleString()}</b><br/>&lt;b&gt;co2&lt;/b&gt;: <b>${(1.25).toLocaleString()}</b>`,
    );
  });
});

/** The text of what a chart draws below its plot (the x-axis labels), with each label's box. */
interface DrawnText {
  type: string;
  ignore?: boolean;
  invisible?: boolean;
  parent?: DrawnText;
  __hostTarget?: DrawnText;
  style?: { text?: unknown };
  getBoundingRect(): Rect;
  getComputedTransform(): unknown;
}
interface Rect {
  y: number;
  clone(): Rect;
  applyTransform(m: unknown): void;
  intersect(other: Rect): boolean;
}

function overlappingXLabels(option: EChartsOption, width: number, height = 300): string[] {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    const zr = (
      chart as unknown as { getZr(): { storage: { getDisplayList(update: boolean): DrawnText[] } } }
    ).getZr();
    const shown = (el: DrawnText): boolean => {
      for (let e: DrawnText | undefined = el; e; e = e.parent ?? e.__hostTarget) {
        if (e.ignore || e.invisible) return false;
      }
      return true;
    };
    const labels = zr.storage
      .getDisplayList(true)
      .filter((el) => el.type === 'tspan' && el.style?.text !== undefined && shown(el))
      .map((el) => {
        const rect = el.getBoundingRect().clone();
        rect.applyTransform(el.getComputedTransform());
        return { text: String(el.style!.text), rect };
      })
      .filter(({ rect }) => rect.y > height * 0.6);
    const pairs: string[] = [];
    labels.forEach((a, i) =>
      labels.slice(i + 1).forEach((b) => {
        if (a.rect.intersect(b.rect)) pairs.push(`${a.text} / ${b.text}`);
      }),
    );
    return pairs;
  } finally {
    chart.dispose();
  }
}

describe('axis labels', () => {
  it('never overlap on a time axis at the width of a card in a 1024 × 700 window', () => {
    // Hourly rows over three months: day ticks ran into month names ("29" over "Feb").
    const values = Array.from({ length: 2000 }, (_, i) => Math.sin(i / 10));
    const times = values.map((_, i) => Date.UTC(2012, 0, 1) + i * 3_600_000);
    for (const width of [360, 520, 940]) {
      const option = buildSeriesPreviewOption(
        { name: 'y', values, times, split: splitBounds(values.length, 0.2, 0.1) },
        palette,
      );
      expect(overlappingXLabels(option, width)).toEqual([]);
    }
  });

  it('labels row numbers as whole rows', () => {
    expect(formatRow(10_233.5)).toBe((10_234).toLocaleString());
    expect(formatRow(8_800)).toBe((8_800).toLocaleString());
  });
});
