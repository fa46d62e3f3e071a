// Pure logic: no DOM needed, so skip the cost of starting jsdom.
// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { BacktestResultValue } from '../../src-main/contract/analysis-schemas';
import { BacktestStore } from '../../src-renderer/lib/stores/backtest-store.svelte';
import { ClosedLoopStore } from '../../src-renderer/lib/stores/closed-loop-store.svelte';
import { HistoryStore } from '../../src-renderer/lib/stores/history-store.svelte';
import { FakeApi } from './helpers/fake-api';
import { makeRun } from './helpers/fixtures';

const RESULT: BacktestResultValue = {
  jobId: 'j1',
  folds: [],
  retrain: false,
  overall: null,
  cancelled: false,
  seconds: 1,
};

describe('BacktestStore', () => {
  it('starts with the chosen folds, follows its own job’s progress and shows the result', async () => {
    const api = new FakeApi().handle('backtest:start', () => ({
      ok: true,
      value: { jobId: 'j1' },
    }));
    const store = new BacktestStore(api);
    store.folds = 4;
    store.retrain = true;
    expect(await store.start('run-1')).toBe(true);
    expect(api.calls[0]).toEqual({
      channel: 'backtest:start',
      request: { runId: 'run-1', folds: 4, retrain: true },
    });
    expect(store.phase).toBe('running');
    api.emit('backtest:progress', { jobId: 'other', fold: 3, folds: 4, progress: null });
    expect(store.progress).toBeNull();
    api.emit('backtest:progress', { jobId: 'j1', fold: 2, folds: 4, progress: null });
    expect(store.progress?.fold).toBe(2);
    api.emit('backtest:done', { jobId: 'j1', result: RESULT });
    expect(store.phase).toBe('finished');
    expect(store.result).toEqual(RESULT);
    expect(store.retrained).toBe(true);
    // Another run on screen: the result is forgotten; the same run keeps it.
    store.forget('run-1');
    expect(store.result).toEqual(RESULT);
    store.forget('run-2');
    expect(store.result).toBeNull();
    store.dispose();
    expect(api.listenerCount('backtest:done')).toBe(0);
  });

  it('keeps events that arrive before the job id, and stops on request', async () => {
    let release: (() => void) | undefined;
    const api = new FakeApi()
      .handle(
        'backtest:start',
        () =>
          new Promise((resolve) => {
            release = () => resolve({ ok: true, value: { jobId: 'j1' } });
          }),
      )
      .handle('backtest:stop', () => ({ ok: true, value: { stopping: true } }));
    const store = new BacktestStore(api);
    const started = store.start('run-1');
    api.emit('backtest:progress', { jobId: 'j1', fold: 1, folds: 3, progress: null });
    release!();
    await started;
    expect(store.progress?.fold).toBe(1);
    await store.stop();
    expect(store.phase).toBe('stopping');
    expect(api.calls.at(-1)).toEqual({ channel: 'backtest:stop', request: { jobId: 'j1' } });
    api.emit('backtest:done', { jobId: 'j1', result: { ...RESULT, cancelled: true } });
    expect(store.phase).toBe('finished');
    expect(store.result?.cancelled).toBe(true);
  });

  it('shows a refusal (the engine is busy) as an error', async () => {
    const api = new FakeApi().handle('backtest:start', () => ({
      ok: false,
      error: { code: 'BUSY', message: 'a model is training' },
    }));
    const store = new BacktestStore(api);
    expect(await store.start('run-1')).toBe(false);
    expect(store.phase).toBe('failed');
    expect(store.error?.code).toBe('BUSY');
  });
});

describe('ClosedLoopStore', () => {
  it('starts into the test rows and drops answers to requests the user moved past', async () => {
    const pending: ((origin: number) => void)[] = [];
    const api = new FakeApi().handle(
      'forecast:closed-loop',
      (request) =>
        new Promise((resolve) =>
          pending.push(() =>
            resolve({
              ok: true,
              value: { origin: request.origin, times: null, actual: [], predicted: [1] },
            }),
          ),
        ),
    );
    const run = makeRun();
    const store = new ClosedLoopStore(api);
    store.prepare(run);
    // The run's horizon from 12 rows into the test part, here its end (4 test rows from row 80).
    expect(store.horizon).toBe(2);
    expect(store.origin).toBe(84);
    store.origin = 81;
    store.prepare(run); // the same run again keeps the user's choice
    expect(store.origin).toBe(81);

    const first = store.load(run);
    store.origin = 83;
    const second = store.load(run);
    pending[1]!(0);
    await second;
    pending[0]!(0);
    await first;
    expect(store.result?.origin).toBe(83);
    expect(store.loading).toBe(false);
    // The request is clamped to the rows the run has (4 test rows from row 80).
    store.origin = 500;
    void store.load(run);
    expect(api.calls.at(-1)!.request).toEqual({ runId: 'run-1', origin: 84, horizon: 2 });
  });
});

describe('HistoryStore', () => {
  it('lists the engine’s runs, and says why when it cannot', async () => {
    const api = new FakeApi().handle('history:list', () => ({ ok: true, value: [] }));
    const store = new HistoryStore(api);
    await store.refresh();
    expect(store.rows).toEqual([]);
    expect(store.error).toBeNull();
    const broken = new HistoryStore(new FakeApi());
    await broken.refresh();
    expect(broken.error?.code).toBe('NOT_HANDLED');
  });
});
