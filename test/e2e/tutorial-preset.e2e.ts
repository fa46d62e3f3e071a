import { describe, expect, it } from 'vitest';
import {
  RUN_TIMEOUT_MS,
  chartSurfaceSize,
  openTab,
  parseCount,
  parseMetric,
  recordTrainingProgress,
  squash,
  waitForAttribute,
  waitForText,
} from './app-page';
import { useOpenedApp } from './app-suite';
import { screenshot } from './harness';

/**
 * The tutorial's sine experiment as a new user does it: the preset, a short budget, a run, and
 * its forecast against the baselines.
 */
describe('the "Tutorial: sine wave" preset, trained to a forecast', () => {
  const { opened } = useOpenedApp();

  it('loads the preset: 11,191 parameters with each layer’s formula', async () => {
    const { page } = opened();
    await openTab(page, 'Designer');
    await page
      .getByRole('group', { name: 'Presets' })
      .getByRole('button', { name: 'Tutorial: sine wave' })
      .click();

    const total = page.getByTestId('designer-total');
    expect(parseCount(await waitForText(total, /11.191/))).toBe(11_191);
    expect(parseCount(await page.getByTestId('total-params').textContent())).toBe(11_191);

    const rows = page.getByTestId('param-table').locator('tbody tr');
    await waitForText(rows.nth(2), /31/);
    expect(await rows.count()).toBe(3);
    const layers = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        params: tr.querySelector('[data-testid="layer-params"]')?.textContent ?? '',
        formula: tr.querySelector('.formula')?.textContent ?? '',
      })),
    );
    expect(layers.map((layer) => parseCount(layer.params))).toEqual([3840, 7320, 31]);
    // The formulas with the numbers filled in: LSTM 4 gates, 1 input then 30, the dense layer.
    expect(squash(layers[0]!.formula)).toMatch(/4 × 30 × \(1 \+ 30 \+ 1\) = 3840$/);
    expect(squash(layers[1]!.formula)).toMatch(/4 × 30 × \(30 \+ 30 \+ 1\) = 7320$/);
    expect(squash(layers[2]!.formula)).toMatch(/\(30 \+ 1\) × 1 = 31$/);

    // The tutorial's exact settings are in the form.
    expect(await page.getByRole('radio', { name: 'LSTM' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Layer 1', { exact: true }).inputValue()).toBe('30');
    expect(await page.getByLabel('Layer 2', { exact: true }).inputValue()).toBe('30');
    expect(await page.getByLabel('Lookback', { exact: true }).inputValue()).toBe('10');
    expect(await page.getByLabel('Optimiser', { exact: true }).inputValue()).toBe('adagrad');
    expect(await page.getByLabel('Learning rate', { exact: true }).inputValue()).toBe('0.1');
    expect(await page.getByLabel('Batch size', { exact: true }).inputValue()).toBe('32');
    expect(await page.getByLabel('Training steps', { exact: true }).inputValue()).toBe('10000');
    // The tutorial trains its full budget: no early stopping (the forecaster default has it).
    expect(
      await page.getByRole('checkbox', { name: 'Early stopping on validation loss' }).isChecked(),
    ).toBe(false);
    // The preset also loads the tutorial's data.
    await waitForText(page.getByRole('banner'), /Sine wave \(tutorial\)/);
    await screenshot(page, 'tutorial-1-designer-preset');
  });

  it('switches to the Quick budget of 300 steps from the form', async () => {
    const { page } = opened();
    await page
      .getByRole('group', { name: 'Step presets' })
      .getByRole('button', { name: 'Quick' })
      .click();
    expect(await page.getByLabel('Training steps', { exact: true }).inputValue()).toBe('300');
    await waitForText(page.getByRole('main'), /300 steps/);
    // Only the budget changed: the network is still the tutorial's.
    expect(parseCount(await page.getByTestId('designer-total').textContent())).toBe(11_191);
    await screenshot(page, 'tutorial-2-designer-quick-budget');
  });

  it('trains on the sine sample with a moving progress bar and the WebAssembly badge', async () => {
    const { page } = opened();
    await openTab(page, 'Train');
    const progress = page.getByTestId('train-progress');
    expect(squash(await progress.getByTestId('backend-badge').textContent())).toBe('WebAssembly');
    await waitForText(page.getByRole('main'), /Sine wave \(tutorial\)\s*\(11.000 rows\)/);

    const progressSeen = await recordTrainingProgress(page);
    await page.getByRole('button', { name: 'Start training' }).click();
    await page.getByRole('button', { name: 'Stop' }).waitFor({ timeout: 15_000 });
    // Start gave way to Stop, and the keyboard focus went with it (not back to <body>).
    const focused = () =>
      page.evaluate(
        () =>
          (
            globalThis as unknown as {
              document: { activeElement: { textContent: string | null } | null };
            }
          ).document.activeElement?.textContent?.trim() ?? '',
      );
    expect(await focused()).toBe('Stop');
    const bar = page.getByRole('progressbar', { name: 'Training progress' });
    // The first live update, caught on screen while the run goes on.
    await waitForAttribute(bar, 'aria-valuenow', (value) => Number(value) > 0, RUN_TIMEOUT_MS);
    await screenshot(page, 'tutorial-3-training');

    const outcome = page.getByTestId('run-outcome');
    await outcome.waitFor({ timeout: RUN_TIMEOUT_MS });
    const seen = await progressSeen();
    expect(seen.some((value) => value > 0 && value < 100)).toBe(true);
    expect(seen.at(-1)).toBe(100);
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    expect(squash(await outcome.textContent())).toMatch(/Training finished/);
    expect(squash(await outcome.textContent())).toMatch(
      /300 steps in .* 11.191 parameters · backend wasm/,
    );
    expect(squash(await progress.textContent())).toMatch(/Step 300 \/ 300/);
    expect(squash(await progress.getByTestId('backend-badge').textContent())).toBe('WebAssembly');
    // The loss curves are drawn.
    const loss = await chartSurfaceSize(page.getByRole('img', { name: /loss by step/ }));
    expect(loss.width).toBeGreaterThan(100);
    await screenshot(page, 'tutorial-4-trained');
  });

  it('shows the forecast: a drawn chart, the model’s RMSE and the baselines', async () => {
    const { page, errors } = opened();
    await page.getByRole('button', { name: /See the forecast/ }).click();
    await page.getByRole('tab', { name: 'Forecast', selected: true }).waitFor();

    const chart = page.getByTestId('forecast-chart');
    const size = await chartSurfaceSize(chart);
    expect(size.width).toBeGreaterThan(300);
    expect(size.height).toBeGreaterThan(200);

    const table = page.getByTestId('metrics-table');
    const rmse = (row: RegExp) =>
      table
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: row }) })
        .locator('td[data-metric="rmse"]');
    const model = parseMetric(await rmse(/^Model \(LSTM\)/).textContent());
    const persistence = parseMetric(await rmse(/^Persistence/).textContent());
    const seasonal = parseMetric(await rmse(/^Seasonal naive/).textContent());
    // A sine wave is smooth: every forecast is close, and none is NaN.
    for (const value of [model, persistence, seasonal]) {
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
    expect(model).toBeGreaterThan(0);
    await screenshot(page, 'tutorial-5-forecast');
    expect(errors).toEqual([]);
  });
});
