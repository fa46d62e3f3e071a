import { describe, expect, it } from 'vitest';
import { buildForecastChartOption } from '../../src-main/report/forecast-chart-option';
import { renderChartSvg } from '../../src-main/report/render-chart-svg';

describe('renderChartSvg', () => {
  it('renders a 1 000-point forecast chart to an SVG string without a DOM', () => {
    const n = 1000;
    const actual = Array.from({ length: n }, (_, t) => Math.sin(t / 20));
    const predicted = actual.map((value, t) => (t < 800 ? null : value + 0.05));
    const option = buildForecastChartOption({
      title: 'Sine wave forecast',
      subtitle: 'LSTM vs real',
      times: null,
      actual,
      predicted,
      baselines: [
        { name: 'persistence', values: actual.map((_, t) => (t < 800 ? null : actual[t - 1]!)) },
      ],
      boundaryIndex: 800,
    });

    const svg = renderChartSvg(option, { width: 800, height: 400 });

    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="800"');
    expect(svg).toContain('Sine wave forecast');
    expect(svg).toContain('<path');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it('renders dates on a time axis', () => {
    const day = 86_400_000;
    const times = Array.from({ length: 60 }, (_, i) => Date.UTC(2024, 0, 1) + i * day);
    const actual = times.map((_, i) => i % 7);
    const svg = renderChartSvg(
      buildForecastChartOption({
        title: 'Weekly',
        times,
        actual,
        predicted: actual.map(() => null),
      }),
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Weekly');
  });
});
