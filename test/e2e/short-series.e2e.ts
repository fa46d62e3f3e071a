import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTab, squash } from './app-page';
import { useOpenedApp } from './app-suite';
import { ROOT, screenshot } from './harness';

const DEATHS = join(ROOT, 'test/fixtures/timeseries/us-accidental-deaths.csv');

/**
 * A 72-row monthly series with the default settings (a 90 % band, a year ahead): too few rows to
 * calibrate the band, which the Forecast view must say instead of drawing ±Infinity and claiming
 * coverage; AutoARIMA and the model beside it.
 */
describe('a short monthly series, trained with the defaults', () => {
  const { opened } = useOpenedApp();

  it('imports, trains and shows a forecast with no infinite band and the reason', async () => {
    const { page, errors } = opened();
    await openTab(page, 'Data');
    await page.getByTestId('csv-input').setInputFiles(DEATHS);
    const wizard = page.getByTestId('import-wizard');
    await wizard.getByRole('heading', { name: 'Import us-accidental-deaths.csv' }).waitFor();
    await wizard.getByRole('button', { name: /^Import “deaths”/ }).click();
    await page.getByTestId('dataset-panel').waitFor({ timeout: 30_000 });

    await openTab(page, 'Train');
    await page.getByRole('button', { name: 'Start training' }).click();
    const outcome = page.getByTestId('run-outcome');
    await outcome.waitFor({ timeout: 120_000 });
    await outcome.getByRole('button', { name: /See the forecast/ }).click();
    await page.getByRole('heading', { name: 'Forecast on the test rows' }).waitFor();

    const main = squash(await page.getByRole('main').textContent());
    expect(main).not.toMatch(/Infinity|coverage 100/);
    expect(squash(await page.getByTestId('interval-note').textContent())).toMatch(
      /^No prediction interval: too few rows to calibrate/,
    );
    expect(await page.getByTestId('metrics-table').textContent()).toMatch(
      /ARIMA\(0,1,1\)\(0,1,1\)\[12\]/,
    );
    await screenshot(page, 'short-series-forecast');
    expect(errors).toEqual([]);
  });
});
