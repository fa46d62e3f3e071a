import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { ECElementEvent } from 'echarts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../src-renderer/App.svelte';
import { AppState } from '../../src-renderer/lib/stores/app-state.svelte';
import type {
  CorpusSummaryValue,
  LanguageDefaultsValue,
  LanguageRunValue,
  NextWordsValue,
} from '../../src-main/contract/language-schemas';
import type { Result } from '../../src-main/contract/result';
import { DEFAULT_FORECAST_SPEC } from '../../src-renderer/lib/presets';
import { fakeEngine } from './helpers/app-fakes';
import { makeRun } from './helpers/fixtures';

// jsdom has no canvas: charts are not drawn (their options are tested on their own), but the click
// handler each chart is given is kept, so a test can click a bar.
const charts = vi.hoisted(() => ({ clicks: [] as ((params: ECElementEvent) => void)[] }));
vi.mock('../../src-renderer/lib/charts/echarts-attachment.svelte', () => ({
  echarts:
    (_option: unknown, _theme: unknown, onClick?: (params: ECElementEvent) => void) => () => {
      if (onClick) charts.clicks.push(onClick);
    },
}));

afterEach(() => {
  cleanup();
  localStorage.clear();
  charts.clicks.length = 0;
});

const SPEC = { ...DEFAULT_FORECAST_SPEC, layers: [256], lookback: 35 };
const DEFAULTS: LanguageDefaultsValue = {
  spec: { ...SPEC, optimizer: 'adam', learningRate: 0.003, budget: { kind: 'epochs', epochs: 20 } },
  embeddingDim: 128,
  corpus: { minCount: 2, maxVocab: 10_000, keepCase: false },
  minutes: 9,
  bidirectionalReason:
    'a language model cannot be bidirectional: predicting the next word must not read the words after it (turn bidirectional off)',
  samples: [
    {
      id: 'moby-dick',
      name: 'Moby Dick',
      description: 'Herman Melville’s novel',
      attribution: 'Herman Melville, Moby Dick; public domain',
    },
  ],
};
const CORPUS: CorpusSummaryValue = {
  id: 'corpus:1',
  name: 'Moby Dick',
  attribution: 'Herman Melville, Moby Dick; public domain',
  characters: 1_200_000,
  tokens: { train: 228_000, val: 25_000 },
  vocabSize: 9139,
  unkRate: 0.048,
  excerpt: 'CHAPTER 1. Loomings. Call me Ishmael.',
  options: DEFAULTS.corpus,
};
const RUN: LanguageRunValue = {
  runId: 'run-1',
  corpusId: 'corpus:1',
  corpusName: 'Moby Dick',
  spec: DEFAULTS.spec,
  embeddingDim: 128,
  corpusOptions: DEFAULTS.corpus,
  backend: { name: 'wasm', version: '4.22.0', fallbackReason: null },
  status: 'completed',
  message: 'Trained 100 steps.',
  steps: 100,
  epochs: 1,
  seconds: 60,
  minutes: 1,
  paramCount: 3_000_000,
  vocabSize: 9139,
  tokens: CORPUS.tokens,
  unkRate: 0.048,
  perplexity: 170,
  baselinePerplexity: 189,
  history: [{ step: 50, epoch: 1, loss: 6, valLoss: 5.3, valPerplexity: 200 }],
};

/** A next-word answer: bars named after the text, every token known except "zebra". */
function answerFor(text: string): NextWordsValue {
  const tokens = [...text.matchAll(/\S+/g)].map((m) => ({
    token: m[0],
    start: m.index,
    end: m.index + m[0].length,
    known: m[0] !== 'zebra',
    p: 0.01,
    surprise: m[0] === 'me' ? 0.5 : 4.6,
  }));
  const last = tokens.at(-1)?.token ?? '';
  return {
    text,
    words: [
      { word: last === 'me' ? 'ishmael' : 'the', p: 0.4, unknown: false },
      { word: ',', p: 0.2, unknown: false },
      { word: '<unk>', p: 0.1, unknown: true },
    ],
    tokens,
    engineMs: 3,
  };
}

function languageEngine() {
  const pending: { text: string; resolve: (r: Result<NextWordsValue>) => void }[] = [];
  const api = fakeEngine()
    .handle('lm:defaults', () => ({ ok: true, value: DEFAULTS }))
    .handle('lm:corpus', () => ({ ok: true, value: CORPUS }))
    .handle('lm:train', () => ({ ok: true, value: { runId: 'run-1' } }))
    .handle(
      'lm:next',
      (request) => new Promise((resolve) => pending.push({ text: request.text, resolve })),
    )
    .handle('lm:surprise', (request) => {
      const { text, tokens } = answerFor(request.text);
      return { ok: true, value: { text, tokens, engineMs: 2 } };
    })
    .handle('lm:generate', (request) => ({
      ok: true,
      value: { text: `${request.text} and the whale`, tokens: ['and', 'the', 'whale'] },
    }));
  /** Answers the question waiting longest (as the engine would) and lets the UI update. */
  const answer = async (): Promise<string> => {
    const question = pending.shift();
    if (question === undefined) throw new Error('no question is waiting');
    question.resolve({ ok: true, value: answerFor(question.text) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    return question.text;
  };
  return { api, pending, answer };
}

async function openLanguageView(api: ReturnType<typeof languageEngine>['api']): Promise<AppState> {
  const app = new AppState(api, localStorage);
  render(App, { app });
  await app.start();
  await fireEvent.click(screen.getByRole('tab', { name: 'Language' }));
  await screen.findByRole('button', { name: /Moby Dick/ });
  return app;
}

async function trainModel(app: AppState, api: ReturnType<typeof languageEngine>['api']) {
  await fireEvent.click(screen.getByRole('button', { name: /Moby Dick/ }));
  await screen.findByTestId('lm-corpus-summary');
  await fireEvent.click(screen.getByRole('button', { name: 'Train' }));
  await waitFor(() => expect(app.language.runId).toBe('run-1'));
  api.emit('lm:progress', {
    runId: 'run-1',
    phase: 'preparing',
    progress: null,
    valPerplexity: null,
    baselinePerplexity: 189,
    vocabSize: 9139,
    maxSeconds: 60,
  });
  api.emit('lm:done', { runId: 'run-1', result: RUN });
}

describe('the Language view', () => {
  it('shows the sample’s attribution, the engine’s settings and why bidirectional is off', async () => {
    const { api } = languageEngine();
    await openLanguageView(api);
    await fireEvent.click(screen.getByRole('button', { name: /Moby Dick/ }));
    expect((await screen.findByTestId('lm-attribution')).textContent).toContain('public domain');
    expect(screen.getByTestId('lm-corpus-summary').textContent).toContain('9,139');
    const bidirectional = screen.getByRole('checkbox', {
      name: 'Bidirectional',
    }) as HTMLInputElement;
    expect(bidirectional.disabled).toBe(true);
    expect(bidirectional.checked).toBe(false);
    expect(screen.getByText(DEFAULTS.bidirectionalReason)).toBeTruthy();
    expect((screen.getByLabelText('Sequence length') as HTMLInputElement).value).toBe('35');
    expect((screen.getByLabelText('Embedding size') as HTMLInputElement).value).toBe('128');
    expect((screen.getByLabelText('Minutes of training') as HTMLInputElement).value).toBe('9');
    expect(api.calls.find((c) => c.channel === 'lm:corpus')?.request).toEqual({
      source: { sample: 'moby-dick' },
      options: DEFAULTS.corpus,
    });
  });

  it('trains, then turns typing into next-word bars and tinted words, latest answer last', async () => {
    const { api, pending, answer } = languageEngine();
    const app = await openLanguageView(api);
    const box = screen.getByLabelText('Type a sentence') as HTMLTextAreaElement;
    expect(box.disabled).toBe(true);
    await trainModel(app, api);
    expect(api.calls.find((c) => c.channel === 'lm:train')?.request).toMatchObject({
      corpusId: 'corpus:1',
      minutes: 9,
      embeddingDim: 128,
    });
    await waitFor(() => expect(box.disabled).toBe(false));
    expect(screen.getByTestId('lm-perplexity').textContent).toContain('170');
    expect(screen.getByTestId('lm-baseline').textContent).toContain('189');
    expect(screen.getByTestId('lm-outcome').textContent).toContain('beats the n-gram baseline');
    // A finished run asks at once what opens a sentence.
    expect(await answer()).toBe('');

    await fireEvent.input(box, { target: { value: 'call' } });
    await waitFor(() => expect(pending).toHaveLength(1));
    // While that question is out, keep typing: only the newest text is asked next.
    await fireEvent.input(box, { target: { value: 'call m' } });
    await fireEvent.input(box, { target: { value: 'call me' } });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(pending).toHaveLength(1);
    expect(await answer()).toBe('call');
    await waitFor(() => expect(pending).toHaveLength(1));
    expect(await answer()).toBe('call me');
    const lmNext = api.calls.filter((c) => c.channel === 'lm:next').map((c) => c.request);
    expect(lmNext.map((r) => (r as { text: string }).text)).toEqual(['', 'call', 'call me']);

    const bars = await screen.findByTestId('lm-bars');
    await waitFor(() => expect(bars.dataset.text).toBe('call me'));
    expect(bars.dataset.words).toBe('ishmael|,|<unk>');
    expect(bars.getAttribute('aria-label')).toContain('ishmael 40 %');
    // The tints come apart from the bars, once typing pauses.
    const reading = screen.getByTestId('lm-reading');
    await waitFor(() => expect(reading.querySelectorAll('.token')).toHaveLength(2));
    const tokens = [...reading.querySelectorAll('.token')];
    expect(tokens.map((t) => [t.textContent, t.className.match(/s\d/)?.[0]])).toEqual([
      ['call', 's3'],
      ['me', 's0'],
    ]);
    expect(lmNext.every((r) => (r as { surprise: boolean }).surprise === false)).toBe(true);
    const tinted = api.calls.filter((c) => c.channel === 'lm:surprise');
    expect(tinted.map((c) => (c.request as { text: string }).text)).toEqual(['', 'call me']);
    expect(screen.getByTestId('lm-latency').textContent).toMatch(/answered in \d+ ms/);
  });

  it('appends a clicked bar’s word, marks unknown words, and generates', async () => {
    const { api, pending, answer } = languageEngine();
    const app = await openLanguageView(api);
    await trainModel(app, api);
    await answer();
    const box = screen.getByLabelText('Type a sentence') as HTMLTextAreaElement;
    await fireEvent.input(box, { target: { value: 'the zebra and me ' } });
    await waitFor(() => expect(pending).toHaveLength(1));
    await answer();
    const unknown = await waitFor(() => {
      const found = screen.getByTestId('lm-reading').querySelector('[data-unknown]');
      expect(found).not.toBeNull();
      return found!;
    });
    expect(unknown.textContent).toBe('zebra');
    expect(unknown.getAttribute('title')).toMatch(/not in the vocabulary/);

    // The chart's click handler: a bar of the series, then the unknown word (ignored).
    const click = charts.clicks.at(-1)!;
    click({ componentType: 'series', dataIndex: 0 } as ECElementEvent);
    click({ componentType: 'series', dataIndex: 2 } as ECElementEvent);
    await waitFor(() => expect(box.value).toBe('the zebra and me ishmael'));
    await answer();
    // A word from the keyboard: the chips under the bars.
    await fireEvent.click(screen.getByRole('button', { name: ',' }));
    await waitFor(() => expect(box.value).toBe('the zebra and me ishmael,'));
    await answer();

    await fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(box.value).toBe('the zebra and me ishmael, and the whale'));
    const generate = api.calls.find((c) => c.channel === 'lm:generate')!.request;
    expect(generate).toMatchObject({ runId: 'run-1', words: 20, temperature: 1, topK: 10 });
  });

  it('saves the model and opens a saved one, which reads at once', async () => {
    const { api, pending, answer } = languageEngine();
    const saved = {
      name: 'moby-dick-lm-2026-01-01-10-00-00',
      path: '/p/moby-lm',
      savedAt: '',
      kind: 'language' as const,
    };
    api
      .handle('project:list', () => ({
        ok: true,
        value: [
          saved,
          { name: 'co2-2026', path: '/p/co2', savedAt: '', kind: 'forecast' as const },
        ],
      }))
      .handle('lm:save', () => ({ ok: true, value: { path: saved.path } }))
      .handle('lm:open', () => ({ ok: true, value: { run: { ...RUN, runId: 'opened' } } }));
    const app = await openLanguageView(api);
    const list = await screen.findByRole('heading', { name: 'Saved models' });
    // Only language models are offered here, not forecasting projects.
    expect(list.closest('section')!.textContent).toContain(saved.name);
    expect(list.closest('section')!.textContent).not.toContain('co2-2026');
    await fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    await waitFor(() => expect(app.language.run?.runId).toBe('opened'));
    expect(api.calls.find((c) => c.channel === 'lm:open')?.request).toEqual({ path: '/p/moby-lm' });
    await waitFor(() => expect(pending).toHaveLength(1));
    await answer();
    expect((screen.getByLabelText('Type a sentence') as HTMLTextAreaElement).disabled).toBe(false);
    await fireEvent.click(screen.getByRole('button', { name: 'Save model' }));
    expect(await screen.findByText(`Saved to ${saved.path}`)).toBeTruthy();
  });

  it('asks again when temperature or k change', async () => {
    const { api, pending, answer } = languageEngine();
    const app = await openLanguageView(api);
    await trainModel(app, api);
    await answer();
    await fireEvent.input(screen.getByRole('slider', { name: /Top k/ }), {
      target: { value: '3' },
    });
    await waitFor(() => expect(pending).toHaveLength(1));
    await answer();
    const last = api.calls.filter((c) => c.channel === 'lm:next').at(-1)!.request;
    expect(last).toMatchObject({ topK: 3, temperature: 1 });
  });

  it('saves the language model from the menu on this view, not the forecasting run', async () => {
    const { api, answer } = languageEngine();
    api
      .handle('lm:save', () => ({ ok: true, value: { path: '/p/moby-lm' } }))
      .handle('project:save', () => ({ ok: true, value: { path: '/p/forecast' } }));
    const app = await openLanguageView(api);
    // A forecasting run is on screen elsewhere: the menu must still save the language model here.
    app.training.show(makeRun({ runId: 'forecast-run' }));
    api.emit('menu:command', { command: 'save-project', path: null });
    await waitFor(() => expect(app.notice?.text).toMatch(/no language model to save yet/));
    expect(api.calls.some((c) => c.channel === 'project:save')).toBe(false);

    await trainModel(app, api);
    await answer().catch(() => undefined);
    api.emit('menu:command', { command: 'save-project', path: null });
    await waitFor(() => expect(app.notice?.text).toBe('Saved the language model to /p/moby-lm'));
    expect(api.calls.find((c) => c.channel === 'lm:save')?.request).toEqual({ runId: 'run-1' });
    expect(api.calls.some((c) => c.channel === 'project:save')).toBe(false);
  });

  it('lists saved projects with their kind and opens each as what it holds', async () => {
    const { api } = languageEngine();
    api
      .handle('project:list', () => ({
        ok: true,
        value: [
          { name: 'moby-dick-lm-1', path: '/p/moby-lm', savedAt: '', kind: 'language' as const },
          { name: 'co2-2026', path: '/p/co2', savedAt: '', kind: 'forecast' as const },
        ],
      }))
      .handle('lm:open', () => ({ ok: true, value: { run: { ...RUN, runId: 'opened' } } }));
    const app = new AppState(api, localStorage);
    render(App, { app });
    await app.start();
    await fireEvent.click(screen.getByRole('tab', { name: 'Forecast' }));
    const list = await screen.findByRole('region', { name: 'Saved projects' });
    expect(
      [...list.querySelectorAll('li')].map((li) =>
        [li.querySelector('.name')?.textContent, li.querySelector('.badge')?.textContent].join(
          ': ',
        ),
      ),
    ).toEqual(['moby-dick-lm-1: Language model', 'co2-2026: Forecast']);
    await fireEvent.click(screen.getByRole('button', { name: 'Open moby-dick-lm-1' }));
    await waitFor(() => expect(app.language.run?.runId).toBe('opened'));
    expect(app.settings.view).toBe('language');
    expect(api.calls.some((c) => c.channel === 'project:open')).toBe(false);
  });
});
