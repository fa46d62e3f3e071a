// Pure logic: no DOM needed, so skip the cost of starting jsdom.
// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { ProgressValue } from '../../src-main/contract/train-schemas';
import { DEFAULT_DATA_SETTINGS, TUTORIAL_SINE_SPEC } from '../../src-renderer/lib/presets';
import { TrainingStore } from '../../src-renderer/lib/stores/training-store.svelte';
import type { Timers } from '../../src-renderer/lib/stores/throttle';
import { FakeApi } from './helpers/fake-api';
import { makeRun } from './helpers/fixtures';

const REQUEST = {
  datasetId: 'sine',
  spec: TUTORIAL_SINE_SPEC,
  data: DEFAULT_DATA_SETTINGS,
  backend: 'auto' as const,
};

function progress(step: number, loss: number): ProgressValue {
  return {
    step,
    totalSteps: 100,
    epoch: 1,
    totalEpochs: 1,
    loss,
    valLoss: null,
    samplesPerSecond: 1000,
    elapsedSeconds: step / 10,
    etaSeconds: (100 - step) / 10,
  };
}

/** Time stands still unless the test moves it; a pending timer fires when its time comes. */
function manualTimers(): Timers & { advance(ms: number): void } {
  let now = 0;
  const pending: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      const timer = { at: now + ms, fn };
      pending.push(timer);
      return timer;
    },
    clearTimeout: (handle) => {
      const i = pending.indexOf(handle as (typeof pending)[number]);
      if (i >= 0) pending.splice(i, 1);
    },
    advance(ms) {
      now += ms;
      for (const timer of pending.filter((t) => t.at <= now)) {
        pending.splice(pending.indexOf(timer), 1);
        timer.fn();
      }
    },
  };
}

describe('TrainingStore', () => {
  it('publishes live progress at most every 200 ms and then the finished run', async () => {
    const api = new FakeApi().handle('train:start', () => ({ ok: true, value: { runId: 'r1' } }));
    const timers = manualTimers();
    const store = new TrainingStore(api, timers);
    expect(await store.start(REQUEST)).toBe(true);
    expect(store.phase).toBe('running');

    api.emit('train:progress', { runId: 'r1', progress: progress(1, 0.9) });
    expect(store.history).toHaveLength(1);
    for (let step = 2; step <= 40; step++) {
      api.emit('train:progress', { runId: 'r1', progress: progress(step, 1 / step) });
    }
    // Throttled: nothing new is drawn until the interval has passed...
    expect(store.history).toHaveLength(1);
    timers.advance(200);
    // ...then everything that arrived is there at once.
    expect(store.history).toHaveLength(40);
    expect(store.progress?.step).toBe(40);

    // Events of another run are not ours.
    api.emit('train:progress', { runId: 'other', progress: progress(99, 5) });
    timers.advance(1000);
    expect(store.history).toHaveLength(40);

    const run = makeRun({ runId: 'r1' });
    api.emit('train:done', { runId: 'r1', result: run });
    expect(store.phase).toBe('finished');
    expect(store.result).toBe(run);
    expect(store.history).toEqual(run.history);
    store.dispose();
    expect(api.listenerCount('train:progress')).toBe(0);
  });

  it('keeps events that arrive before train:start has answered', async () => {
    const api = new FakeApi();
    const store = new TrainingStore(api, manualTimers());
    api.handle('train:start', () => {
      api.emit('train:progress', { runId: 'early', progress: progress(3, 0.5) });
      return { ok: true, value: { runId: 'early' } };
    });
    await store.start(REQUEST);
    expect(store.history).toEqual([{ step: 3, loss: 0.5, valLoss: null }]);
  });

  it('stops on request and keeps the model the run finishes with', async () => {
    const api = new FakeApi()
      .handle('train:start', () => ({ ok: true, value: { runId: 'r2' } }))
      .handle('train:stop', () => ({ ok: true, value: { stopping: true } }));
    const store = new TrainingStore(api, manualTimers());
    await store.start(REQUEST);
    await store.stop();
    expect(store.phase).toBe('stopping');
    api.emit('train:progress', { runId: 'r2', progress: progress(40, 0.3) });
    api.emit('train:done', {
      runId: 'r2',
      result: makeRun({
        runId: 'r2',
        status: 'cancelled',
        message: 'Stopped at step 40.',
        history: [],
      }),
    });
    expect(store.phase).toBe('finished');
    expect(store.result?.status).toBe('cancelled');
    // Stopped before its first recorded point: what was seen live stays on screen.
    expect(store.history).toEqual([{ step: 40, loss: 0.3, valLoss: null }]);
    expect(store.progress?.step).toBe(40);
  });

  it('reports a refused start and a failed run as errors', async () => {
    const refused = new FakeApi().handle('train:start', () => ({
      ok: false,
      error: { code: 'DATA_TOO_SHORT', message: 'use a shorter lookback' },
    }));
    const store = new TrainingStore(refused, manualTimers());
    expect(await store.start(REQUEST)).toBe(false);
    expect(store.phase).toBe('failed');
    expect(store.error?.code).toBe('DATA_TOO_SHORT');

    const api = new FakeApi().handle('train:start', () => ({ ok: true, value: { runId: 'r3' } }));
    const failing = new TrainingStore(api, manualTimers());
    await failing.start(REQUEST);
    api.emit('train:failed', {
      runId: 'r3',
      error: { code: 'WORKER_CRASHED', message: 'restarted' },
    });
    expect(failing.phase).toBe('failed');
    expect(failing.error?.message).toBe('restarted');
  });
});
