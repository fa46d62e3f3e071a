import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventOf } from '../../src-main/contract/api-contract';
import type { DataSettingsValue, RunResultValue } from '../../src-main/contract/train-schemas';
import { AppState } from '../../src-main/handlers/app-state';
import { createHandlers } from '../../src-main/handlers/create-handlers';
import { dispatch } from '../../src-main/handlers/dispatch';
import { RunHistory } from '../../src-main/handlers/run-history';
import { rowTimes } from '../../src-main/handlers/analysis-handlers';
import { WorkerHost } from '../../src-main/worker/worker-host';
import { selectBackend } from '../../src-main/engine/backend/select-backend';
import { TUTORIAL_SINE_SPEC, type ModelSpec } from '../../src-main/engine/model/model-spec';
import { trainForecaster } from '../../src-main/engine/forecast/train-forecaster';
import { predictRecursive } from '../../src-main/engine/forecast/predict-series';
import { foldBounds } from '../../src-main/engine/forecast/analysis/backtest';
import { hashSeries } from '../../src-main/engine/forecast/forecaster-project';
import { disposeModel } from '../../src-main/engine/model/dispose-model';
import { readCsvText } from '../../src-main/engine/data/csv';
import { REPO_ROOT } from '../sample-files';

const SPEC: ModelSpec = {
  ...TUTORIAL_SINE_SPEC,
  layers: [6],
  lookback: 12,
  budget: { kind: 'steps', steps: 60 },
  seed: 3,
};
const DATA: DataSettingsValue = {
  transform: 'auto',
  scaling: 'zscore',
  testFraction: 0.2,
  valFraction: 0.1,
  season: null,
  horizon: 6,
  intervals: 0.9,
};

interface Emitted {
  event: EventName;
  payload: unknown;
}

/** Handlers over a real worker, with the events they emit collected and awaitable. */
function makeApp(host: WorkerHost, dir: string) {
  const events: Emitted[] = [];
  const waiters: { event: EventName; resolve: (payload: unknown) => void }[] = [];
  const state = new AppState();
  const history = new RunHistory({ file: join(dir, 'projects', 'run-history.json') });
  const handlers = createHandlers({
    host,
    state,
    history,
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
  return { handlers, state, history, events, call, next };
}

async function train(app: ReturnType<typeof makeApp>, spec = SPEC): Promise<RunResultValue> {
  const done = app.next('train:done');
  await app.call('train:start', { datasetId: 'sample:co2', spec, data: DATA, backend: 'cpu' });
  return (await done).result;
}

describe('forecast analysis through the handlers and the worker', () => {
  const host = new WorkerHost({
    entry: new URL('../../src-main/worker/worker-entry.ts', import.meta.url),
  });
  const dir = mkdtempSync(join(tmpdir(), 'rnn-analysis-'));
  let app: ReturnType<typeof makeApp>;
  let run: RunResultValue;

  beforeAll(async () => {
    await selectBackend('cpu');
    app = makeApp(host, dir);
    await app.call('samples:load', { id: 'co2' });
    run = await train(app);
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('forecasts closed loop from an origin with the numbers the engine gives in-process', async () => {
    const series = app.state.datasets.get('sample:co2')!.series;
    const origin = run.test.startRow + 10;
    const remote = await app.call<{
      origin: number;
      times: number[];
      actual: number[];
      predicted: number[];
    }>('forecast:closed-loop', { runId: run.runId, origin, horizon: 8 });

    const local = await trainForecaster(series, SPEC, {
      split: { testFraction: DATA.testFraction, valFraction: DATA.valFraction },
      scaling: DATA.scaling,
      transform: DATA.transform,
    });
    const expected = predictRecursive(local.model, local.prepared, origin, 8);
    disposeModel(local.model);

    expect(remote.origin).toBe(origin);
    expect(remote.predicted).toEqual(Array.from(expected));
    expect(remote.actual).toEqual(Array.from(series.target.values.slice(origin, origin + 8)));
    expect(remote.times).toEqual(Array.from(series.times!.slice(origin, origin + 8)));
  });

  it('runs past the end of the data, with times on the series grid and only the actuals that exist', async () => {
    const n = run.split.n;
    const remote = await app.call<{ times: number[]; actual: number[]; predicted: number[] }>(
      'forecast:closed-loop',
      { runId: run.runId, origin: n - 2, horizon: 5 },
    );
    expect(remote.predicted).toHaveLength(5);
    expect(remote.actual).toHaveLength(2);
    // CO2 ends in 2020-04: the forecast covers 2020-03 … 2020-07.
    expect(remote.times.map((t) => new Date(t).toISOString().slice(0, 7))).toEqual([
      '2020-03',
      '2020-04',
      '2020-05',
      '2020-06',
      '2020-07',
    ]);
    // From the end itself, the closed loop is the run's own future forecast.
    const fromEnd = await app.call<{ predicted: number[] }>('forecast:closed-loop', {
      runId: run.runId,
      origin: n,
      horizon: DATA.horizon,
    });
    expect(fromEnd.predicted).toEqual(run.future.values);
  });

  it('refuses an origin without enough rows before it, as an error value', async () => {
    const result = await dispatch(app.handlers, 'forecast:closed-loop', {
      runId: run.runId,
      origin: 3,
      horizon: 4,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_OPTIONS' } });
    expect(result.ok || result.error.message).toMatch(/can start at rows 1[234] to 746 \(got 3\)/);
  });

  it('exports the engine CSV, which re-imports with the run’s numbers', async () => {
    const { csv } = await app.call<{ csv: string }>('forecast:csv', { runId: run.runId });
    const table = await readCsvText(csv);
    expect(table.columns.map((c) => c.name)).toEqual([
      'time',
      'actual',
      'predicted',
      'lower',
      'upper',
      'persistence',
      'autoArima',
    ]);
    const column = (name: string) => table.columns.find((c) => c.name === name)!;
    const tests = run.test.actual.length;
    expect(table.rowCount).toBe(tests + run.future.values.length);
    const actual = column('actual').numbers!;
    const predicted = column('predicted').numbers!;
    const lower = column('lower').numbers!;
    for (let i = 0; i < tests; i++) {
      expect(actual[i]).toBe(run.test.actual[i]);
      expect(predicted[i]).toBe(run.test.predicted[i]);
      expect(lower[i]).toBe(run.intervals!.lower[i]);
    }
    expect(predicted[tests]).toBe(run.future.values[0]);
    const arima = column('autoArima').numbers!;
    expect(arima[0]).toBe(run.baselines.autoArima!.predicted[0]);
    expect(arima[tests]).toBe(run.baselines.autoArima!.future[0]);
    expect(Number.isNaN(actual[tests]!)).toBe(true);
    expect(column('time').kind).toBe('date');
    expect(column('time').times![0]).toBe(run.test.times![0]);
  });

  it('backtests the run in the worker with fold progress and bounds that never leak the future', async () => {
    const done = app.next('backtest:done');
    const { jobId } = await app.call<{ jobId: string }>('backtest:start', {
      runId: run.runId,
      folds: 3,
      retrain: true,
    });
    const { result } = await done;
    expect(result.jobId).toBe(jobId);
    expect(result.cancelled).toBe(false);
    const expected = foldBounds(run.split.n, 3, DATA.testFraction);
    expect(result.folds.map((f) => [f.testStart, f.testEnd])).toEqual(
      expected.map((b) => [b.testStart, b.testEnd]),
    );
    for (const fold of result.folds) {
      expect(fold.trainEnd).toBeLessThanOrEqual(fold.testStart);
      expect(fold.trainEnd).toBe(fold.testStart);
      expect(fold.metrics.rmse).toBeGreaterThan(0);
      expect(fold.persistence.rmse).toBeGreaterThan(0);
      expect(fold.startTime).toBe(
        app.state.datasets.get('sample:co2')!.series.times![fold.testStart],
      );
    }
    expect(result.overall).not.toBeNull();
    const progress = app.events
      .filter((e) => e.event === 'backtest:progress')
      .map((e) => e.payload as EventOf<'backtest:progress'>);
    expect(progress.every((p) => p.jobId === jobId && p.folds === 3)).toBe(true);
    expect([...new Set(progress.map((p) => p.fold))]).toEqual([1, 2, 3]);
    expect(progress.some((p) => p.progress !== null && p.progress.step > 0)).toBe(true);
    expect(app.state.backtest).toBeNull();
  });

  it('stops a backtest on request and reports only the folds that finished', async () => {
    const long: ModelSpec = { ...SPEC, budget: { kind: 'steps', steps: 100_000 } };
    const done = app.next('backtest:done');
    const { jobId } = await app.call<{ jobId: string }>('backtest:start', {
      datasetId: 'sample:co2',
      spec: { ...SPEC, budget: { kind: 'steps', steps: 400 } },
      data: DATA,
      folds: 3,
      retrain: true,
    });
    // Training is refused while the backtest holds the worker.
    const busy = await dispatch(app.handlers, 'train:start', {
      datasetId: 'sample:co2',
      spec: long,
      data: DATA,
      backend: 'cpu',
    });
    expect(busy).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    // Stop while the second fold trains: the first fold is kept, the half-trained second is not.
    for (;;) {
      const progress = await app.next('backtest:progress');
      if (progress.jobId === jobId && progress.fold === 2 && progress.progress !== null) break;
    }
    expect(await app.call('backtest:stop', { jobId })).toEqual({ stopping: true });
    const { result } = await done;
    expect(result.cancelled).toBe(true);
    expect(result.folds.map((f) => f.fold)).toEqual([1]);
    expect(result.overall).not.toBeNull();
    expect(await app.call('backtest:stop', { jobId })).toEqual({ stopping: false });
  });

  it('records every finished run in a history file that a new session reads back', async () => {
    await app.history.flush();
    const rows = await app.call<
      { runId: string; dataHash: string; seed: number; available: boolean; source: string }[]
    >('history:list', {});
    const row = rows.find((r) => r.runId === run.runId)!;
    const series = app.state.datasets.get('sample:co2')!.series;
    expect(row).toMatchObject({
      seed: 3,
      dataHash: hashSeries(series),
      available: true,
      source: 'trained',
      datasetName: 'Mauna Loa CO₂ (monthly)',
      backend: { name: 'cpu' },
      persistence: run.baselines.persistence.metrics,
      metrics: run.metrics,
    });
    expect(row).toHaveProperty('versions.tfjs');
    const file = join(dir, 'projects', 'run-history.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1 });

    // A new session (new process state) lists the run from the file, no longer in memory.
    const later = new RunHistory({ file });
    const listed = await later.list(() => false);
    expect(listed.find((r) => r.runId === run.runId)).toMatchObject({
      available: false,
      dataHash: row.dataHash,
    });
  });

  it('saves the history of runs on the data in the project, and an opened project brings it back', async () => {
    const second = await train(app, { ...SPEC, seed: 4 });
    await app.history.flush();
    const { path } = await app.call<{ path: string }>('project:save', { runId: second.runId });
    const saved = JSON.parse(readFileSync(join(path, 'project.json'), 'utf8')) as {
      extras: { result: { history: { runId: string }[] } };
    };
    expect(saved.extras.result.history.map((r) => r.runId).sort()).toEqual(
      [run.runId, second.runId].sort(),
    );

    // Another machine: a fresh history file, the project opened there.
    const elsewhere = makeApp(host, mkdtempSync(join(tmpdir(), 'rnn-analysis-other-')));
    const opened = await elsewhere.call<{ run: RunResultValue }>('project:open', { path });
    await elsewhere.history.flush();
    const rows = await elsewhere.call<{ runId: string; available: boolean; seed: number }[]>(
      'history:list',
      {},
    );
    expect(rows).toHaveLength(2);
    // The project's run is listed under its id in this session, and can be reopened.
    expect(rows.find((r) => r.seed === 4)).toMatchObject({
      runId: opened.run.runId,
      available: true,
    });
    expect(rows.find((r) => r.seed === 3)).toMatchObject({ runId: run.runId, available: false });
  });

  it('moves an unreadable history file aside instead of overwriting it', async () => {
    const file = join(dir, 'broken-history.json');
    writeFileSync(file, '{ not json');
    const history = new RunHistory({ file });
    expect(await history.list(() => true)).toEqual([]);
    expect(existsSync(file)).toBe(false);
    const rows = await app.history.list(() => true);
    await history.add({ ...rows[0]!, runId: 'copy' });
    expect(JSON.parse(readFileSync(file, 'utf8')).runs).toHaveLength(1);
  });
});

describe('rowTimes', () => {
  const series = {
    times: Float64Array.from([0, 10, 20]),
    frequency: null,
    target: { name: 'y', values: Float64Array.from([1, 2, 3]) },
    features: [],
  };
  it('takes the series times, then continues at the median spacing past the end', () => {
    expect(rowTimes(series, 1, 2)).toEqual([10, 20]);
    expect(rowTimes(series, 2, 3)).toEqual([20, 30, 40]);
    expect(rowTimes(series, 3, 2)).toEqual([30, 40]);
    expect(rowTimes({ ...series, times: null }, 0, 2)).toBeNull();
  });
});
