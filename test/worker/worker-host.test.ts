import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerHost } from '../../src-main/worker/worker-host';
import { selectBackend } from '../../src-main/engine/backend/select-backend';
import { TUTORIAL_SINE_SPEC, type ModelSpec } from '../../src-main/engine/model/model-spec';
import { trainForecaster } from '../../src-main/engine/forecast/train-forecaster';
import { evaluateForecaster } from '../../src-main/engine/forecast/evaluate-forecaster';
import type { TimeSeries } from '../../src-main/engine/data/time-series';
import type { TrainProgress } from '../../src-main/engine/train/train-progress';
import { EngineError } from '../../src-main/engine/util/engine-error';
import { disposeModel } from '../../src-main/engine/model/dispose-model';

// The worker runs the TypeScript source through tsx, as in development; the app runs the build.
const ENTRY = new URL('../../src-main/worker/worker-entry.ts', import.meta.url);

function series(n = 300): TimeSeries {
  const values = new Float64Array(n);
  for (let t = 0; t < n; t++) values[t] = 5 + Math.sin((2 * Math.PI * t) / 12) + 0.01 * t;
  return { times: null, frequency: null, target: { name: 'y', values }, features: [] };
}

const SPEC: ModelSpec = {
  ...TUTORIAL_SINE_SPEC,
  layers: [6],
  lookback: 12,
  budget: { kind: 'steps', steps: 60 },
  seed: 3,
};

describe('the training worker', () => {
  const host = new WorkerHost({ entry: ENTRY });
  beforeAll(async () => {
    await selectBackend('cpu');
  });
  afterAll(async () => {
    await host.close();
  });

  it('trains with the same numbers as in-process, relaying progress', async () => {
    const progress: TrainProgress[] = [];
    const job = host.run(
      'forecast',
      { backend: 'cpu', series: series(), spec: SPEC, evaluate: { horizon: 5 } },
      (p) => progress.push(p),
    );
    const remote = await job.result;
    const local = await trainForecaster(series(), SPEC);
    const evaluation = evaluateForecaster(local.model, local.prepared, { horizon: 5 });
    disposeModel(local.model);
    expect(remote.backend.name).toBe('cpu');
    expect(remote.outcome.steps).toBe(60);
    expect(Array.from(remote.evaluation.predicted)).toEqual(Array.from(evaluation.predicted));
    expect(remote.evaluation.metrics).toEqual(evaluation.metrics);
    expect(Array.from(remote.evaluation.future)).toEqual(Array.from(evaluation.future));
    // auto trained two candidates (on AutoARIMA and on the naive base) of 60 steps each, as one
    // progress bar; the outcome is the kept one's.
    expect(remote.outcome.message).toMatch(/Two candidates were trained/);
    expect(progress.at(-1)!.step).toBe(120);
    expect(progress.at(-1)!.totalSteps).toBe(120);
  });

  it('cancels a running job, which resolves with the weights it had', async () => {
    const job = host.run(
      'forecast',
      {
        backend: 'cpu',
        series: series(),
        spec: { ...SPEC, budget: { kind: 'steps', steps: 100_000 } },
      },
      (p) => {
        if (p.step >= 20) job.cancel();
      },
    );
    const result = await job.result;
    expect(result.outcome.status).toBe('cancelled');
    expect(result.outcome.steps).toBeGreaterThanOrEqual(20);
    expect(result.outcome.steps).toBeLessThan(100_000);
  });

  it('imports unix timestamps, in the unit the request forces', async () => {
    const text = 'ts,v\n1700000000,1\n1700003600,2\n1700007200,3\n';
    const request = {
      source: { text },
      target: 'v',
      features: [],
      date: 'ts',
      fill: 'linear' as const,
    };
    const auto = await host.run('import', request).result;
    expect(auto.series.times![0]).toBe(1_700_000_000_000);
    expect(auto.series.frequency?.label).toBe('hourly');
    const forced = await host.run('import', { ...request, dateUnit: 'ms' as const }).result;
    expect(forced.series.times![0]).toBe(1_700_000_000);
  });

  it('reports an engine error as a value with its code', async () => {
    const job = host.run('forecast', { backend: 'cpu', series: series(15), spec: SPEC });
    await expect(job.result).rejects.toMatchObject({ code: 'DATA_TOO_SHORT' });
  });

  it('fails the job of a worker that dies, then runs the next job on a fresh one', async () => {
    const crash = host.run('crash', {});
    const error: unknown = await crash.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('WORKER_CRASHED');
    expect(host.restarts).toBe(1);
    const next = await host.run('forecast', { backend: 'cpu', series: series(), spec: SPEC })
      .result;
    expect(next.outcome.steps).toBe(60);
  });
});
