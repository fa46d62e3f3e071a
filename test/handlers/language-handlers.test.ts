import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventOf } from '../../src-main/contract/api-contract';
import type {
  CorpusSummaryValue,
  LanguageDefaultsValue,
  LanguageRunValue,
  NextWordsValue,
  SurpriseValue,
} from '../../src-main/contract/language-schemas';
import { AppState } from '../../src-main/handlers/app-state';
import { createHandlers } from '../../src-main/handlers/create-handlers';
import { dispatch } from '../../src-main/handlers/dispatch';
import { RunHistory } from '../../src-main/handlers/run-history';
import { TUTORIAL_SINE_SPEC, type ModelSpec } from '../../src-main/engine/model/model-spec';
import { WorkerHost } from '../../src-main/worker/worker-host';
import { REPO_ROOT } from '../sample-files';

/** A tiny text with a learnable pattern: ~1 000 tokens, a vocabulary of a few dozen words. */
const SENTENCES = [
  'the cat sat on the mat.',
  'the dog sat on the log.',
  'a cat saw the dog.',
  'the dog saw a cat.',
  'call me ishmael.',
  'the whale swam in the sea.',
];
const TEXT = Array.from({ length: 40 }, (_, i) => SENTENCES[(i * 7) % SENTENCES.length]).join(' ');

const SPEC: ModelSpec = {
  ...TUTORIAL_SINE_SPEC,
  layers: [12],
  optimizer: 'adam',
  learningRate: 0.02,
  clipNorm: 5,
  lookback: 8,
  batchSize: 8,
  budget: { kind: 'steps', steps: 30 },
  earlyStopping: null,
  seed: 5,
};
const OPTIONS = { minCount: 1, maxVocab: 1000, keepCase: false };

interface Emitted {
  event: EventName;
  payload: unknown;
}

function makeApp(host: WorkerHost, dir: string) {
  const events: Emitted[] = [];
  const waiters: { event: EventName; resolve: (payload: unknown) => void }[] = [];
  const state = new AppState();
  const handlers = createHandlers({
    host,
    state,
    history: new RunHistory({ file: join(dir, 'run-history.json') }),
    backend: 'cpu',
    resourcesDir: join(REPO_ROOT, 'resources'),
    projectsDir: join(dir, 'projects'),
    transport: 'web',
    appVersion: '0.0.0-test',
    emit: <E extends EventName>(event: E, payload: EventOf<E>) => {
      events.push({ event, payload });
      for (const w of waiters.filter((w) => w.event === event)) w.resolve(payload);
    },
  });
  const call = async <T>(channel: string, payload: unknown): Promise<T> => {
    const result = await dispatch(handlers, channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  const next = <E extends EventName>(event: E) =>
    new Promise<EventOf<E>>((resolve) =>
      waiters.push({ event, resolve: resolve as (payload: unknown) => void }),
    );
  return { handlers, state, events, call, next };
}

describe('the language model through the handlers and the worker', () => {
  const host = new WorkerHost({
    entry: new URL('../../src-main/worker/worker-entry.ts', import.meta.url),
  });
  const dir = mkdtempSync(join(tmpdir(), 'rnn-language-'));
  let app: ReturnType<typeof makeApp>;
  let corpus: CorpusSummaryValue;
  let run: LanguageRunValue;

  beforeAll(async () => {
    app = makeApp(host, dir);
    corpus = await app.call('lm:corpus', {
      source: { text: TEXT, name: 'tiny.txt' },
      options: OPTIONS,
    });
    const done = app.next('lm:done');
    await app.call('lm:train', {
      corpusId: corpus.id,
      spec: SPEC,
      embeddingDim: 8,
      minutes: null,
      backend: 'cpu',
    });
    run = (await done).result;
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the engine’s defaults and its reason to refuse a bidirectional model', async () => {
    const defaults = await app.call<LanguageDefaultsValue>('lm:defaults', {});
    expect(defaults.spec.bidirectional).toBe(false);
    expect(defaults.bidirectionalReason).toMatch(/cannot be bidirectional/);
    expect(defaults.samples.map((s) => s.id)).toEqual(['moby-dick']);
    expect(defaults.samples[0]!.attribution).toMatch(/public domain/i);
    const refused = await dispatch(app.handlers, 'lm:train', {
      corpusId: corpus.id,
      spec: { ...SPEC, bidirectional: true },
      embeddingDim: 8,
      minutes: null,
      backend: 'cpu',
    });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'INVALID_SPEC', message: defaults.bidirectionalReason },
    });
  });

  it('summarises a text: tokens, vocabulary, unknown rate and an excerpt', () => {
    expect(corpus.name).toBe('tiny.txt');
    expect(corpus.attribution).toBeNull();
    expect(corpus.tokens.train + corpus.tokens.val).toBeGreaterThan(200);
    expect(corpus.tokens.val).toBe(Math.round((corpus.tokens.train + corpus.tokens.val) * 0.1));
    expect(corpus.vocabSize).toBeGreaterThan(10);
    expect(corpus.unkRate).toBe(0);
    expect(TEXT.startsWith(corpus.excerpt.replace(/…$/, ''))).toBe(true);
  });

  it('trains a few steps with progress events: the n-gram baseline first, then perplexity', () => {
    const progress = app.events
      .filter((e) => e.event === 'lm:progress')
      .map((e) => e.payload as EventOf<'lm:progress'>);
    expect(progress[0]).toMatchObject({ phase: 'preparing', progress: null });
    const training = progress.filter((p) => p.phase === 'training');
    expect(training.length).toBeGreaterThan(0);
    expect(training.every((p) => p.baselinePerplexity !== null && p.baselinePerplexity > 1)).toBe(
      true,
    );
    expect(run.status).toBe('completed');
    expect(run.steps).toBe(30);
    expect(run.vocabSize).toBe(corpus.vocabSize);
    expect(run.perplexity).toBeGreaterThan(1);
    expect(run.perplexity!).toBeLessThan(run.vocabSize);
    expect(run.baselinePerplexity).toBe(training.at(-1)!.baselinePerplexity);
    const last = run.history.at(-1)!;
    expect(last.valPerplexity).toBeCloseTo(Math.exp(last.valLoss!), 6);
    expect(app.state.active).toBeNull();
  });

  it('answers next-word probabilities that sum to 1 and the surprise of every token', async () => {
    const text = 'the cat sat on the';
    const all = await app.call<NextWordsValue>('lm:next', {
      runId: run.runId,
      text,
      topK: 100,
      temperature: 1,
    });
    expect(all.text).toBe(text);
    expect(all.words).toHaveLength(run.vocabSize);
    expect(all.words.reduce((sum, w) => sum + w.p, 0)).toBeCloseTo(1, 4);
    expect(all.tokens.map((t) => t.token)).toEqual(['the', 'cat', 'sat', 'on', 'the']);
    for (const token of all.tokens) {
      expect(text.slice(token.start, token.end)).toBe(token.token);
      expect(token.known).toBe(true);
      expect(token.surprise).toBeCloseTo(-Math.log(token.p), 5);
    }
    // After temperature the top-k still come most probable first, and they sum to at most 1.
    const hot = await app.call<NextWordsValue>('lm:next', {
      runId: run.runId,
      text,
      topK: 3,
      temperature: 2,
    });
    expect(hot.words).toHaveLength(3);
    expect(hot.words[0]!.p).toBeGreaterThanOrEqual(hot.words[1]!.p);
    expect(hot.words[0]!.p).toBeLessThan(all.words[0]!.p);

    // The bars alone (the view asks for the tints apart), and the tints alone: the same numbers.
    const barsOnly = await app.call<NextWordsValue>('lm:next', {
      runId: run.runId,
      text,
      topK: 100,
      temperature: 1,
      surprise: false,
    });
    expect(barsOnly.words).toEqual(all.words);
    expect(barsOnly.tokens).toEqual([]);
    const tints = await app.call<SurpriseValue>('lm:surprise', { runId: run.runId, text });
    expect(tints).toMatchObject({ text, tokens: all.tokens });
  });

  it('marks words outside the vocabulary as unknown', async () => {
    const answer = await app.call<NextWordsValue>('lm:next', {
      runId: run.runId,
      text: 'the zebra sat',
      topK: 5,
      temperature: 1,
    });
    expect(answer.tokens.map((t) => [t.token, t.known])).toEqual([
      ['the', true],
      ['zebra', false],
      ['sat', true],
    ]);
  });

  it('generates exactly the words asked for, the same with the same seed', async () => {
    const request = { runId: run.runId, text: 'the dog', words: 7, temperature: 1, seed: 3 };
    const a = await app.call<{ text: string; tokens: string[] }>('lm:generate', request);
    const b = await app.call<{ text: string; tokens: string[] }>('lm:generate', request);
    expect(a.tokens).toHaveLength(7);
    expect(a.text.startsWith('the dog')).toBe(true);
    expect(a).toEqual(b);
    expect(a.tokens).not.toContain('<unk>');
  });

  it('saves and opens a project with the identical next-word distribution', async () => {
    const { path } = await app.call<{ path: string }>('lm:save', { runId: run.runId });
    expect(path.startsWith(join(dir, 'projects'))).toBe(true);
    // The project list says what the folder holds, so it is opened as a language model.
    const listed = await app.call<{ path: string; kind: string }[]>('project:list', {});
    expect(listed.find((p) => p.path === path)?.kind).toBe('language');
    const { run: opened } = await app.call<{ run: LanguageRunValue }>('lm:open', { path });
    expect(opened.runId).not.toBe(run.runId);
    expect({ ...opened, runId: run.runId, corpusId: run.corpusId }).toEqual(run);
    const ask = (runId: string) =>
      app.call<NextWordsValue>('lm:next', { runId, text: 'a cat saw', topK: 8, temperature: 0.7 });
    const [before, after] = await Promise.all([ask(run.runId), ask(opened.runId)]);
    expect(after.words).toEqual(before.words);
    expect(after.tokens).toEqual(before.tokens);
  });

  it('refuses questions while a model trains, and stops a run on request', async () => {
    const done = app.next('lm:done');
    const { runId } = await app.call<{ runId: string }>('lm:train', {
      corpusId: corpus.id,
      spec: { ...SPEC, budget: { kind: 'steps', steps: 100_000 } },
      embeddingDim: 8,
      minutes: null,
      backend: 'cpu',
    });
    const busy = await dispatch(app.handlers, 'lm:next', { runId: run.runId, text: 'the' });
    expect(busy.ok === false && busy.error.code).toBe('BUSY');
    const forecast = await dispatch(app.handlers, 'train:stop', { runId: 'other' });
    expect(forecast).toEqual({ ok: true, value: { stopping: false } });
    expect(await app.call('lm:stop', { runId })).toEqual({ stopping: true });
    const stopped = (await done).result;
    expect(stopped.runId).toBe(runId);
    expect(stopped.status).toBe('cancelled');
  });

  it('loads the bundled Moby Dick with its attribution, and reads a text file by path', async () => {
    const moby = await app.call<CorpusSummaryValue>('lm:corpus', {
      source: { sample: 'moby-dick' },
      options: { minCount: 2, maxVocab: 10_000, keepCase: false },
    });
    expect(moby.name).toBe('Moby Dick');
    expect(moby.attribution).toMatch(/Melville/);
    expect(moby.excerpt).toMatch(/Call me Ishmael/);
    expect(moby.vocabSize).toBeGreaterThan(8000);
    expect(moby.vocabSize).toBeLessThanOrEqual(10_001);
    expect(moby.tokens.train).toBeGreaterThan(200_000);

    const file = join(dir, 'notes.txt');
    writeFileSync(file, `\uFEFF${TEXT}`);
    const fromPath = await app.call<CorpusSummaryValue>('lm:corpus', {
      source: { path: file },
      options: OPTIONS,
    });
    expect(fromPath).toMatchObject({ name: 'notes.txt', vocabSize: corpus.vocabSize });
    writeFileSync(file, 'abc\u0000def');
    const binary = await dispatch(app.handlers, 'lm:corpus', {
      source: { path: file },
      options: OPTIONS,
    });
    expect(binary.ok === false && binary.error.message).toMatch(/binary/);
  });

  it('answers next-word bars from the text’s Kneser–Ney trigram before any training', async () => {
    const moby = await app.call<CorpusSummaryValue>('lm:corpus', {
      source: { sample: 'moby-dick' },
      options: { minCount: 2, maxVocab: 10_000, keepCase: false },
    });
    // The same trigram and perplexity the lm command reports as its baseline (README: 189.4).
    expect(moby.ngram!.perplexity).toBeCloseTo(189.4, 0);
    const next = await app.call<NextWordsValue>('lm:next', {
      runId: moby.ngram!.runId,
      text: 'Call me',
      topK: 5,
      temperature: 1,
      surprise: true,
    });
    // "call me ishmael" is in the book once: a trigram discounts it below what follows "me".
    expect(next.words.map((w) => w.word)).toEqual([',', '.', 'a', 'to', 'an']);
    expect(next.words[0]!.p).toBeGreaterThan(0.05);
    for (let i = 1; i < next.words.length; i++) {
      expect(next.words[i]!.p).toBeLessThanOrEqual(next.words[i - 1]!.p);
    }
    expect(next.tokens.map((t) => t.token)).toEqual(['call', 'me']);
    // Temperature sharpens the same distribution: the top word only gains.
    const cold = await app.call<NextWordsValue>('lm:next', {
      runId: moby.ngram!.runId,
      text: 'Call me',
      topK: 1,
      temperature: 0.5,
      surprise: false,
    });
    expect(cold.words[0]!.word).toBe(next.words[0]!.word);
    expect(cold.words[0]!.p).toBeGreaterThan(next.words[0]!.p);
    const generated = await app.call<{ tokens: string[] }>('lm:generate', {
      runId: moby.ngram!.runId,
      text: 'the white',
      words: 5,
      temperature: 1,
      seed: 3,
    });
    expect(generated.tokens).toHaveLength(5);
    // A trigram is no project to save.
    const save = await dispatch(app.handlers, 'lm:save', {
      runId: moby.ngram!.runId,
      path: join(dir, 'ngram-project'),
    });
    expect(save.ok).toBe(false);
  });
});
