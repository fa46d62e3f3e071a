import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  RUN_TIMEOUT_MS,
  chartSurfaceSize,
  openTab,
  parseCount,
  parseMetric,
  squash,
  waitForBackend,
  waitForText,
  type PageGlobals,
} from './app-page';
import { useOpenedApp } from './app-suite';
import { screenshot } from './harness';

const CO2 = 'Mauna Loa CO₂ (monthly)';

/** The forecast view's numbers: RMSE of the model and of each baseline, as shown. */
async function metricTexts(page: Page): Promise<Record<string, string>> {
  const table = page.getByTestId('metrics-table');
  await table.waitFor();
  const rows = table.locator('tbody tr');
  const texts: Record<string, string> = {};
  for (let i = 0; i < (await rows.count()); i += 1) {
    const label = squash(await rows.nth(i).locator('th .label').textContent());
    texts[label] = squash(await rows.nth(i).locator('td[data-metric="rmse"]').textContent());
  }
  return texts;
}

function storedSettings(page: Page): Promise<string | null> {
  return page.evaluate(() =>
    (globalThis as unknown as PageGlobals).localStorage.getItem('rnn-studio.settings.v1'),
  );
}

/**
 * The "Done when" on real data: the CO2 sample trained to a forecast with its RMSE and the
 * baselines, saved as a project, and everything still there after a reload.
 */
describe('the CO2 sample: a short run, its forecast, save, reload', () => {
  const { opened, app } = useOpenedApp();
  let before: Record<string, string>;

  it('loads the CO2 sample and sets a short run with two years ahead, in the dark theme', async () => {
    const { page } = opened();
    await openTab(page, 'Data');
    await page.getByRole('button', { name: `Use ${CO2}` }).click();
    const panel = page.getByTestId('dataset-panel');
    await panel.getByRole('heading', { name: CO2 }).waitFor();
    expect(parseCount(await panel.locator('.card-header .badge').first().textContent())).toBe(746);
    await panel.getByLabel('Forecast ahead', { exact: true }).fill('24');

    await openTab(page, 'Designer');
    await page
      .getByRole('group', { name: 'Step presets' })
      .getByRole('button', { name: 'Quick' })
      .click();
    // The segmented control styles its label; the radio inside is what a click on it checks.
    const gru = page.getByRole('radio', { name: 'GRU' });
    await page.locator('label').filter({ has: gru }).click();
    expect(await gru.isChecked()).toBe(true);
    // A GRU has 3 gates where an LSTM has 4: 3 × 30 × (1 + 30 + 1) + 3 × 30 × (30 + 30 + 1) + 31.
    expect(parseCount(await waitForText(page.getByTestId('designer-total'), /8.401/))).toBe(8401);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await screenshot(page, 'co2-1-designer-gru-quick');
  });

  it('trains to a forecast: predicted against actual, the RMSE and the baselines', async () => {
    const { page } = opened();
    await openTab(page, 'Train');
    await waitForText(page.getByRole('main'), /300 steps, batch 32/);
    await page.getByRole('button', { name: 'Start training' }).click();
    const outcome = page.getByTestId('run-outcome');
    await outcome.waitFor({ timeout: RUN_TIMEOUT_MS });
    expect(squash(await outcome.textContent())).toMatch(
      /(Training finished|Stopped early).* \d+ steps in .* backend wasm/,
    );
    await screenshot(page, 'co2-2-trained');

    await outcome.getByRole('button', { name: /See the forecast/ }).click();
    await page.getByRole('heading', { name: 'Forecast on the test rows' }).waitFor();
    const chart = await chartSurfaceSize(page.getByTestId('forecast-chart'));
    expect(chart.width).toBeGreaterThan(300);
    expect(chart.height).toBeGreaterThan(200);
    expect(squash(await page.getByRole('main').textContent())).toMatch(
      /2 × GRU \(30, 30\), lookback 10 · 150 test rows/,
    );

    before = await metricTexts(page);
    const model = parseMetric(before['Model (GRU)'] ?? null);
    const persistence = parseMetric(before['Persistence'] ?? null);
    const seasonal = parseMetric(before['Seasonal naive'] ?? null);
    // CO2 in ppm: a trend plus a yearly swing of a few ppm; a forecast is off by ppm, not hundreds.
    for (const value of [model, persistence, seasonal]) {
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThan(50);
    }
    expect(await page.getByTestId('metrics-table').textContent()).toContain('season 12');
    // AutoARIMA beside the model, with the order it chose on the rows before the test part.
    const arima = parseMetric(before['AutoARIMA'] ?? null);
    expect(arima).toBeGreaterThan(0.2);
    expect(arima).toBeLessThan(1);
    expect(await page.getByTestId('metrics-table').textContent()).toMatch(
      /ARIMA\(\d,1,\d\)\(\d,1,\d\)\[12\]/,
    );
    await expect.poll(() => page.getByTestId('arima-badge').textContent()).toMatch(/AutoARIMA/);
    await screenshot(page, 'co2-3-forecast');
  });

  it('saves the project', async () => {
    const { page } = opened();
    await page.getByRole('button', { name: 'Save project' }).click();
    const saved = await waitForText(page.getByText(/^Saved to /), /^Saved to /);
    expect(saved).toContain(app().dataDir);
    const projects = page.getByRole('region', { name: 'Saved projects' });
    await projects.getByRole('listitem').first().waitFor();
    expect(await projects.getByRole('listitem').count()).toBe(1);
    // Named after the dataset, made safe for a folder name.
    expect(await projects.textContent()).toMatch(/Mauna-Loa-CO/);
    // Each project says what it holds (forecast or language model).
    expect(await projects.getByTestId('project-kind').textContent()).toBe('Forecast');
    await screenshot(page, 'co2-4-saved');
  });

  it('reloads to the same screen: theme, view, spec, data settings, dataset and run', async () => {
    const { page, errors } = opened();
    const stored = await storedSettings(page);
    await page.reload();
    await waitForBackend(page);
    expect(await storedSettings(page)).toBe(stored);

    // The forecast view, dark, with the same run and the same numbers.
    await page.getByRole('tab', { name: 'Forecast', selected: true }).waitFor();
    expect(
      await page.evaluate(
        () => (globalThis as unknown as PageGlobals).document.documentElement.dataset.theme,
      ),
    ).toBe('dark');
    await waitForText(page.getByRole('banner'), new RegExp(CO2.replace(/[()]/g, '\\$&')));
    const chart = await chartSurfaceSize(page.getByTestId('forecast-chart'));
    expect(chart.width).toBeGreaterThan(300);
    expect(await metricTexts(page)).toEqual(before);
    expect(
      await page.getByRole('region', { name: 'Saved projects' }).getByRole('listitem').count(),
    ).toBe(1);
    await screenshot(page, 'co2-5-reloaded-forecast');

    await openTab(page, 'Designer');
    expect(await page.getByRole('radio', { name: 'GRU' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Training steps', { exact: true }).inputValue()).toBe('300');

    await openTab(page, 'Data');
    const panel = page.getByTestId('dataset-panel');
    await panel.getByRole('heading', { name: CO2 }).waitFor();
    expect(parseCount(await panel.locator('.card-header .badge').first().textContent())).toBe(746);
    expect(await panel.getByLabel('Forecast ahead', { exact: true }).inputValue()).toBe('24');
    await screenshot(page, 'co2-6-reloaded-data');
    expect(errors).toEqual([]);
  });
});
