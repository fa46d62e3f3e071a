import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../src-renderer/App.svelte';
import { AppState } from '../../src-renderer/lib/stores/app-state.svelte';
import type { HistoryRowValue } from '../../src-main/contract/analysis-schemas';
import { fakeEngine } from './helpers/app-fakes';
import { makeRun } from './helpers/fixtures';
import { TUTORIAL_SINE_SPEC } from '../../src-renderer/lib/presets';

// jsdom has no canvas: the charts are not drawn here (their options are tested on their own).
vi.mock('../../src-renderer/lib/charts/echarts-attachment.svelte', () => ({
  echarts: () => () => undefined,
}));

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const RUN = makeRun({
  covariatesNote:
    'feature columns (precipitation, wind) are unknown past the end of the data and are held at their last observed values',
  horizonErrors: [
    { step: 1, mae: 0.1, rmse: 0.2, origins: 3, persistenceMae: 1, persistenceRmse: 1 },
    { step: 2, mae: 1.5, rmse: 1.6, origins: 3, persistenceMae: 1, persistenceRmse: 1.2 },
  ],
  intervals: {
    level: 0.9,
    method: 'split conformal',
    calibratedOn: 'validation',
    coverage: 0.75,
    halfWidths: [0.3, 0.5],
    lower: [0.8, 1.8, 2.6, 3.9],
    upper: [1.4, 2.4, 3.2, 4.5],
    futureLower: [],
    futureUpper: [],
  },
  warnings: ['The model is no better than persistence.'],
});

function row(runId: string, available: boolean, rmse: number): HistoryRowValue {
  return {
    runId,
    createdAt: `2026-01-0${runId.length}T10:00:00.000Z`,
    datasetId: 'sine',
    datasetName: 'Sine wave (tutorial)',
    dataHash: 'abcdef0123456789',
    spec: TUTORIAL_SINE_SPEC,
    seed: 42,
    backend: { name: 'wasm', version: '4.22.0', fallbackReason: null },
    versions: { tfjs: '4.22.0' },
    status: 'completed',
    steps: 300,
    seconds: 12,
    metrics: { rmse, mae: rmse, mape: null, smape: 1, mase: 1 },
    persistence: { rmse: 1, mae: 1, mape: null, smape: 1, mase: 1 },
    source: 'trained',
    available,
  };
}

describe('the forecast view', () => {
  it('shows the warnings, the interval method and coverage, the inputs, and the analysis panels', async () => {
    const api = fakeEngine().handle('forecast:closed-loop', (request) => ({
      ok: true,
      value: { origin: request.origin, times: null, actual: [1, 2], predicted: [1, 3] },
    }));
    const app = new AppState(api, localStorage);
    render(App, { app });
    await app.start();
    app.training.show(RUN);
    app.go('forecast');
    await waitFor(() => screen.getByRole('heading', { name: 'Forecast on the test rows' }));

    expect(screen.getByText('The model is no better than persistence.')).toBeTruthy();
    const interval = screen.getByTestId('interval-note').textContent ?? '';
    expect(interval).toMatch(/90 % interval by split conformal prediction/);
    expect(interval).toMatch(/validation rows/);
    expect(screen.getByText('coverage 75.0 %')).toBeTruthy();
    expect(screen.getByTestId('covariates-note').textContent).toMatch(
      /held at their last observed values/,
    );
    expect(screen.getByTestId('horizon-error-card').textContent).toMatch(
      /beats persistence up to 1\s+step ahead/,
    );
    for (const what of ['the forecast', 'the open and closed loop chart']) {
      expect(screen.getByRole('group', { name: `Export ${what}` })).toBeTruthy();
    }
    expect(screen.getByRole('button', { name: 'Export the forecast as CSV' })).toBeTruthy();

    // The closed-loop panel asks for a forecast over the run's horizon (from the end here: the
    // fixture has only 4 test rows); the user moves the origin to the first test row.
    await waitFor(() =>
      expect(api.calls.find((c) => c.channel === 'forecast:closed-loop')?.request).toEqual({
        runId: 'run-1',
        origin: 84,
        horizon: 2,
      }),
    );
    await fireEvent.input(screen.getByLabelText('Origin row'), { target: { value: '80' } });
    await waitFor(() =>
      expect(screen.getByTestId('closed-loop-panel').textContent).toMatch(
        /0\.1\s+one step ahead and\s+0\.5\s+in closed loop/,
      ),
    );
    const horizon = screen.getByLabelText('Steps ahead') as HTMLInputElement;
    await fireEvent.input(horizon, { target: { value: '3' } });
    await waitFor(() =>
      expect(api.calls.filter((c) => c.channel === 'forecast:closed-loop').at(-1)?.request).toEqual(
        { runId: 'run-1', origin: 80, horizon: 3 },
      ),
    );
    expect(screen.getByRole('button', { name: 'Run backtest' })).toBeTruthy();
  });

  it('lists the run history and opens a run that is still in memory', async () => {
    const other = makeRun({ runId: 'run-22' });
    const api = fakeEngine()
      .handle('history:list', () => ({
        ok: true,
        value: [row('run-22', true, 0.5), row('run-333', false, 2)],
      }))
      .handle('run:get', () => ({ ok: true, value: other }));
    const app = new AppState(api, localStorage);
    render(App, { app });
    await app.start();
    app.go('runs');
    const table = await screen.findByTestId('run-history');
    expect(table.textContent).toMatch(/abcdef01/);
    // A run from an earlier session is a record only: no Open button, and the reason on hover.
    expect(screen.getByTitle(/^From an earlier session/).textContent).toBe('record');
    expect(screen.getAllByRole('button', { name: /^Open the run of/ })).toHaveLength(1);
    expect(table.textContent).toMatch(/0\.50/);
    await fireEvent.click(screen.getByRole('button', { name: /^Open the run of/ }));
    await waitFor(() => expect(app.settings.view).toBe('forecast'));
    expect(app.training.result?.runId).toBe('run-22');
    expect(app.settings.lastRunId).toBe('run-22');
  });
});
