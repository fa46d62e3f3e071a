import type { LineSeriesOption, XAXisComponentOption } from 'echarts';
import { describe, expect, it } from 'vitest';
import { buildForecastChartOption } from '../../src-main/report/forecast-chart-option';
import { EngineError } from '../../src-main/engine/util/engine-error';

const actual = [1, 2, 3, 4, 5];
const predicted = [null, null, 3.5, 3.9, 5.2];

function seriesOf(option: ReturnType<typeof buildForecastChartOption>): LineSeriesOption[] {
  return option.series as LineSeriesOption[];
}

describe('buildForecastChartOption', () => {
  it('draws actual, predicted and every baseline as symbol-less lines without animation', () => {
    const option = buildForecastChartOption({
      title: 'CO2',
      times: null,
      actual,
      predicted,
      baselines: [
        { name: 'persistence', values: [null, null, 2, 3, 4] },
        { name: 'seasonal naive', values: [null, null, 1, 2, 3] },
      ],
    });
    const series = seriesOf(option);
    expect(series).toHaveLength(4);
    expect(series.map((s) => s.name)).toEqual([
      'actual',
      'predicted',
      'persistence',
      'seasonal naive',
    ]);
    for (const s of series) {
      expect(s.type).toBe('line');
      expect(s.showSymbol).toBe(false);
    }
    expect(option.animation).toBe(false);
    expect(option.legend).toBeDefined();
    expect(series[0]!.markLine).toBeUndefined();
  });

  it('plots against the row index when there are no times, keeping null gaps', () => {
    const option = buildForecastChartOption({ title: 't', times: null, actual, predicted });
    const xAxis = option.xAxis as XAXisComponentOption;
    expect(xAxis.type).toBe('value');
    expect(xAxis.name).toBe('step');
    expect((option.yAxis as { name?: string }).name).toBe('value');
    expect(seriesOf(option)).toHaveLength(2);
    expect(seriesOf(option)[1]!.data).toEqual([
      [0, null],
      [1, null],
      [2, 3.5],
      [3, 3.9],
      [4, 5.2],
    ]);
  });

  it('puts the test boundary marker at the boundary row, by index or by time', () => {
    const byIndex = buildForecastChartOption({
      title: 't',
      times: null,
      actual,
      predicted,
      boundaryIndex: 2,
    });
    expect(seriesOf(byIndex)[0]!.markLine!.data).toEqual([{ xAxis: 2 }]);

    const day = 86_400_000;
    const times = actual.map((_, i) => Date.UTC(2024, 0, 1) + i * day);
    const byTime = buildForecastChartOption({
      title: 't',
      subtitle: 'test from 2024-01-04',
      times,
      actual,
      predicted,
      boundaryIndex: 3,
      valueName: 'CO2 (ppm)',
    });
    expect((byTime.xAxis as XAXisComponentOption).type).toBe('time');
    expect(seriesOf(byTime)[0]!.markLine!.data).toEqual([{ xAxis: Date.UTC(2024, 0, 4) }]);
    expect(seriesOf(byTime)[0]!.data).toContainEqual([Date.UTC(2024, 0, 2), 2]);
    expect((byTime.yAxis as { name?: string }).name).toBe('CO2 (ppm)');
    expect(byTime.title).toMatchObject({ text: 't', subtext: 'test from 2024-01-04' });
  });

  it('rejects lines that do not align with the actual values and boundaries out of range', () => {
    const bad = [
      () => buildForecastChartOption({ title: 't', times: null, actual, predicted: [1] }),
      () => buildForecastChartOption({ title: 't', times: [1, 2], actual, predicted }),
      () =>
        buildForecastChartOption({
          title: 't',
          times: null,
          actual,
          predicted,
          baselines: [{ name: 'b', values: [1, 2] }],
        }),
      () =>
        buildForecastChartOption({ title: 't', times: null, actual, predicted, boundaryIndex: 5 }),
    ];
    for (const build of bad) {
      expect(build).toThrow(EngineError);
    }
  });
});
