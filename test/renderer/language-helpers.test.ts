// Pure logic: no DOM needed, so skip the cost of starting jsdom.
// @vitest-environment node
import type { BarSeriesOption, LineSeriesOption } from 'echarts';
import { describe, expect, it } from 'vitest';
import { chartPalette } from '../../src-renderer/lib/charts/chart-theme';
import {
  buildNextWordOption,
  clickedWord,
  wordLabel,
  type NextWordBar,
} from '../../src-renderer/lib/charts/next-word-option';
import {
  baselineLabel,
  buildPerplexityChartOption,
} from '../../src-renderer/lib/charts/perplexity-chart-option';
import {
  corpusOptionsDiffer,
  defaultForm,
  mergeHistory,
  parseForm,
  runPercent,
  trainRequest,
} from '../../src-renderer/lib/language/language-form';
import { latestWins } from '../../src-renderer/lib/language/latest-wins';
import {
  SURPRISE_BOUNDS,
  describeToken,
  formatProbability,
  piecesOf,
  surpriseLegend,
  surpriseLevel,
} from '../../src-renderer/lib/language/surprise-scale';
import type { LanguageDefaultsValue } from '../../src-main/contract/language-schemas';
import { DEFAULT_FORECAST_SPEC } from '../../src-renderer/lib/presets';

const palette = chartPalette('light');

const BARS: NextWordBar[] = [
  { word: 'ishmael', p: 0.42, unknown: false },
  { word: ',', p: 0.2, unknown: false },
  { word: '<unk>', p: 0.1, unknown: true },
  { word: '\n', p: 0.004, unknown: false },
];

describe('next-word bars option', () => {
  const option = buildNextWordOption(BARS, palette);
  const series = option.series as BarSeriesOption[];
  const yAxis = option.yAxis as {
    type: string;
    inverse: boolean;
    data: string[];
    triggerEvent: boolean;
  };

  it('draws one horizontal bar per word, the most probable on top', () => {
    expect(yAxis.type).toBe('category');
    expect(yAxis.inverse).toBe(true);
    expect(yAxis.data).toEqual(['ishmael', ',', '<unk>', '\n']);
    const values = (series[0]!.data as { value: number }[]).map((d) => d.value);
    expect(values).toEqual([0.42, 0.2, 0.1, 0.004]);
    expect((option.xAxis as { min: number }).min).toBe(0);
  });

  it('fills every row up to the axis maximum with a transparent clickable bar', () => {
    const max = (option.xAxis as { max: number }).max;
    expect(max).toBeGreaterThan(0.42);
    const rest = series[1]!.data as number[];
    rest.forEach((value, i) => expect(value + BARS[i]!.p).toBeCloseTo(max, 10));
    expect(series[0]!.stack).toBe(series[1]!.stack);
    expect(series[1]!.itemStyle?.color).toBe('transparent');
  });

  it('labels each bar with its probability and greys out the unknown word', () => {
    const formatter = series[0]!.label!.formatter as (p: { value: number }) => string;
    expect(formatter({ value: 0.42 })).toBe('42 %');
    expect(formatter({ value: 0.004 })).toBe('0.4 %');
    const colors = (series[0]!.data as { itemStyle: { color: string } }[]).map(
      (d) => d.itemStyle.color,
    );
    expect(colors[0]).toBe(palette.model);
    expect(colors[2]).toBe(palette.muted);
  });

  it('shows <unk> and line breaks readably on the axis', () => {
    expect(wordLabel(BARS[2]!)).toBe('‹unknown word›');
    expect(wordLabel(BARS[3]!)).toBe('↵');
    expect(wordLabel(BARS[0]!)).toBe('ishmael');
  });

  it('picks the word of a clicked bar, row or axis label, never <unk>', () => {
    expect(clickedWord({ componentType: 'series', dataIndex: 1 }, BARS)).toBe(',');
    expect(clickedWord({ componentType: 'yAxis', value: 'ishmael' }, BARS)).toBe('ishmael');
    expect(clickedWord({ componentType: 'series', dataIndex: 2 }, BARS)).toBeNull();
    expect(clickedWord({ componentType: 'yAxis', value: '<unk>' }, BARS)).toBeNull();
    expect(clickedWord({ componentType: 'series', dataIndex: 9 }, BARS)).toBeNull();
    expect(clickedWord({ componentType: 'markLine' }, BARS)).toBeNull();
  });

  it('builds an empty chart for no words', () => {
    const empty = buildNextWordOption([], palette);
    expect((empty.yAxis as { data: string[] }).data).toEqual([]);
  });
});

describe('loss and perplexity option', () => {
  const history = [
    { step: 10, loss: 7.5, valPerplexity: null },
    { step: 20, loss: 6.9, valPerplexity: 900 },
    { step: 30, loss: 6.1, valPerplexity: 420 },
  ];

  it('draws the training loss on the left and validation perplexity on a log right axis', () => {
    const option = buildPerplexityChartOption({ history, baseline: 250 }, palette);
    const series = option.series as LineSeriesOption[];
    expect(series.map((s) => s.name)).toEqual(['training loss', 'validation perplexity']);
    expect(series[0]!.data).toEqual([
      [10, 7.5],
      [20, 6.9],
      [30, 6.1],
    ]);
    expect(series[1]!.yAxisIndex).toBe(1);
    expect(series[1]!.data).toEqual([
      [20, 900],
      [30, 420],
    ]);
    const axes = option.yAxis as { type: string; min?: number; max?: number }[];
    expect(axes[1]!.type).toBe('log');
  });

  it('draws the Kneser–Ney perplexity as a dashed line inside the right axis range', () => {
    const option = buildPerplexityChartOption({ history, baseline: 250 }, palette);
    const markLine = (option.series as LineSeriesOption[])[1]!.markLine!;
    expect(markLine.lineStyle?.type).toBe('dashed');
    expect(markLine.data).toEqual([{ yAxis: 250, name: baselineLabel(250) }]);
    expect(baselineLabel(249.6)).toBe('Kneser–Ney trigram 250');
    const axis = (option.yAxis as { min: number; max: number }[])[1]!;
    expect(axis.min).toBeLessThan(250);
    expect(axis.max).toBeGreaterThan(900);
  });

  it('shows the line to beat before the first evaluation, and none before it is known', () => {
    const early = buildPerplexityChartOption(
      { history: [{ step: 1, loss: 9, valPerplexity: null }], baseline: 180 },
      palette,
    );
    const axis = (early.yAxis as { min: number; max: number }[])[1]!;
    expect(axis.min).toBeLessThan(180);
    expect(axis.max).toBeGreaterThan(180);
    expect((early.series as LineSeriesOption[])[1]!.markLine).toBeDefined();
    const unknown = buildPerplexityChartOption({ history: [], baseline: null }, palette);
    expect((unknown.series as LineSeriesOption[])[1]!.markLine).toBeUndefined();
  });
});

describe('surprise tints', () => {
  it('map −ln p in nats to five levels at round bounds', () => {
    expect(surpriseLevel(0)).toBe(0);
    expect(surpriseLevel(0.99)).toBe(0);
    expect(surpriseLevel(1)).toBe(1);
    expect(surpriseLevel(2.49)).toBe(1);
    expect(surpriseLevel(2.5)).toBe(2);
    expect(surpriseLevel(4)).toBe(3);
    expect(surpriseLevel(5.99)).toBe(3);
    expect(surpriseLevel(6)).toBe(4);
    expect(surpriseLevel(40)).toBe(4);
    expect(surpriseLevel(Number.POSITIVE_INFINITY)).toBe(4);
    expect(surpriseLevel(Number.NaN)).toBe(4);
    // Monotonic: more surprise never gives a lighter tint.
    let previous = 0;
    for (let s = 0; s < 10; s += 0.1) {
      expect(surpriseLevel(s)).toBeGreaterThanOrEqual(previous);
      previous = surpriseLevel(s);
    }
  });

  it('have a legend naming each level in nats and as a probability', () => {
    const legend = surpriseLegend();
    expect(legend.map((stop) => stop.level)).toEqual([0, 1, 2, 3, 4]);
    expect(legend[0]).toEqual({ level: 0, nats: '< 1 nat', probability: 'p > 37 %' });
    expect(legend[2]!.nats).toBe('2.5–4 nats');
    expect(legend[4]).toEqual({ level: 4, nats: '≥ 6 nats', probability: 'p < 0.25 %' });
    expect(SURPRISE_BOUNDS).toHaveLength(4);
  });

  it('format probabilities for people', () => {
    expect(formatProbability(0.3679)).toBe('37 %');
    expect(formatProbability(0.0821)).toBe('8.2 %');
    expect(formatProbability(0.0025)).toBe('0.25 %');
    expect(formatProbability(1)).toBe('100 %');
  });

  it('describe known and unknown words in their tooltip', () => {
    expect(describeToken({ token: 'whale', known: true, p: 0.05, surprise: 2.9957 })).toBe(
      '“whale”: p = 5 %, surprise 3.0 nats',
    );
    expect(describeToken({ token: 'zebra', known: false, p: 0.1, surprise: 2.3 })).toMatch(
      /^“zebra” is not in the vocabulary/,
    );
  });

  it('cut the text at the token offsets, keeping every space and line break', () => {
    const text = 'Call me  Ishmael.\nSome';
    const tokens = [
      { start: 0, end: 4 },
      { start: 5, end: 7 },
      { start: 9, end: 16 },
      { start: 16, end: 17 },
      { start: 18, end: 22 },
    ];
    const pieces = piecesOf(text, tokens);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces).toEqual([
      { text: 'Call', token: 0 },
      { text: ' ', token: null },
      { text: 'me', token: 1 },
      { text: '  ', token: null },
      { text: 'Ishmael', token: 2 },
      { text: '.', token: 3 },
      { text: '\n', token: null },
      { text: 'Some', token: 4 },
    ]);
    // Offsets from another text (a stale answer) never garble what is shown.
    expect(piecesOf('abc', [{ start: 1, end: 9 }])).toEqual([{ text: 'abc', token: null }]);
  });
});

/** Timers the test advances by hand, and answers it resolves in any order. */
function harness() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let nextTimer = 1;
  const fakeTimers = {
    setTimeout: (fn: () => void, ms: number) => {
      const id = nextTimer++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id: unknown) => void timers.delete(id as number),
  };
  const advance = (ms: number): void => {
    now += ms;
    for (const [id, timer] of [...timers]) {
      if (timer.at <= now) {
        timers.delete(id);
        timer.fn();
      }
    }
  };
  const asked: { input: string; resolve: (answer: string) => void }[] = [];
  const applied: string[] = [];
  const requester = latestWins<string, string>({
    debounceMs: 50,
    timers: fakeTimers,
    fetch: (input) => new Promise((resolve) => asked.push({ input, resolve })),
    apply: (answer) => applied.push(answer),
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { requester, advance, asked, applied, settle };
}

describe('latest-wins requests', () => {
  it('debounce typing: only the text after a 50 ms pause is asked', () => {
    const { requester, advance, asked } = harness();
    requester.request('c');
    advance(20);
    requester.request('ca');
    advance(20);
    requester.request('cal');
    advance(49);
    expect(asked).toHaveLength(0);
    advance(1);
    expect(asked.map((a) => a.input)).toEqual(['cal']);
  });

  it('keep one question in flight and ask only the newest one next', async () => {
    const { requester, asked, applied, settle } = harness();
    requester.requestNow('a');
    requester.requestNow('ab');
    requester.requestNow('abc');
    expect(asked.map((a) => a.input)).toEqual(['a']);
    asked[0]!.resolve('answer a');
    await settle();
    expect(applied).toEqual(['answer a']);
    expect(asked.map((a) => a.input)).toEqual(['a', 'abc']);
    asked[1]!.resolve('answer abc');
    await settle();
    expect(applied).toEqual(['answer a', 'answer abc']);
  });

  it('never let a stale answer overwrite a newer one, and drop everything after cancel', async () => {
    const { requester, asked, applied, settle } = harness();
    requester.requestNow('old');
    requester.cancel();
    requester.requestNow('new');
    asked[1]!.resolve('answer new');
    await settle();
    asked[0]!.resolve('answer old');
    await settle();
    expect(applied).toEqual(['answer new']);
    requester.requestNow('later');
    requester.cancel();
    asked[2]!.resolve('answer later');
    await settle();
    expect(applied).toEqual(['answer new']);
  });

  it('keep going after a failed question', async () => {
    const applied: string[] = [];
    let calls = 0;
    const requester = latestWins<string, string>({
      debounceMs: 0,
      fetch: (input) =>
        ++calls === 1 ? Promise.reject(new Error('down')) : Promise.resolve(input),
      apply: (answer) => applied.push(answer),
    });
    requester.requestNow('x');
    requester.requestNow('y');
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(applied).toEqual(['y']);
  });
});

describe('the language settings form', () => {
  const defaults: LanguageDefaultsValue = {
    spec: {
      ...DEFAULT_FORECAST_SPEC,
      layers: [256],
      lookback: 35,
      budget: { kind: 'epochs', epochs: 20 },
    },
    embeddingDim: 128,
    corpus: { minCount: 2, maxVocab: 10_000, keepCase: false },
    minutes: 9,
    bidirectionalReason: 'a language model cannot be bidirectional',
    samples: [],
  };

  it('starts from the engine’s defaults with a time budget', () => {
    const form = defaultForm(defaults);
    expect(form).toMatchObject({ embeddingDim: 128, budget: 'minutes', minutes: 9 });
    expect(form.spec).toEqual(defaults.spec);
    expect(form.spec).not.toBe(defaults.spec);
  });

  it('restores stored fields one by one and never a bidirectional spec', () => {
    const base = defaultForm(defaults);
    const stored = JSON.stringify({
      ...base,
      spec: { ...base.spec, bidirectional: true, layers: [64, 64] },
      embeddingDim: 'lots',
      minutes: 2,
    });
    const form = parseForm(stored, base);
    expect(form.spec.layers).toEqual([64, 64]);
    expect(form.spec.bidirectional).toBe(false);
    expect(form.embeddingDim).toBe(128);
    expect(form.minutes).toBe(2);
    expect(parseForm('{not json', base)).toEqual(base);
    expect(parseForm(null, base)).toEqual(base);
  });

  it('asks for minutes or for the epochs alone', () => {
    const form = defaultForm(defaults);
    expect(trainRequest(form, 'corpus:1', 'wasm')).toMatchObject({
      corpusId: 'corpus:1',
      minutes: 9,
      embeddingDim: 128,
      backend: 'wasm',
    });
    expect(trainRequest({ ...form, budget: 'epochs' }, 'c', 'auto').minutes).toBeNull();
  });

  it('notices changed vocabulary options', () => {
    const a = { minCount: 2, maxVocab: 100, keepCase: false };
    expect(corpusOptionsDiffer(a, { ...a })).toBe(false);
    expect(corpusOptionsDiffer(a, { ...a, keepCase: true })).toBe(true);
  });

  it('keeps the live loss curve when a run ends, with the run’s evaluations on it', () => {
    const live = [
      { step: 1, loss: 9, valPerplexity: null },
      { step: 2, loss: 8, valPerplexity: 3000 },
      { step: 3, loss: 7, valPerplexity: 3000 },
    ];
    const evaluations = [
      { step: 2, loss: 8.1, valPerplexity: 2900 },
      { step: 4, loss: 6.5, valPerplexity: 800 },
    ];
    expect(mergeHistory(live, evaluations)).toEqual([
      { step: 1, loss: 9, valPerplexity: null },
      { step: 2, loss: 8, valPerplexity: 2900 },
      { step: 3, loss: 7, valPerplexity: null },
      { step: 4, loss: 6.5, valPerplexity: 800 },
    ]);
    // An opened project has no live points: its own history is the curve.
    expect(mergeHistory([], evaluations)).toEqual(evaluations);
  });

  it('measures progress by steps or by the time budget, whichever is further', () => {
    expect(runPercent(null, 60)).toBe(0);
    expect(runPercent({ step: 10, totalSteps: 100, elapsedSeconds: 30 }, 60)).toBe(50);
    expect(runPercent({ step: 90, totalSteps: 100, elapsedSeconds: 30 }, 60)).toBe(90);
    expect(runPercent({ step: 10, totalSteps: 100, elapsedSeconds: 30 }, null)).toBe(10);
    expect(runPercent({ step: 10, totalSteps: 100, elapsedSeconds: 90 }, 60)).toBe(100);
  });
});
