import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartSurfaceSize, openTab, parseCount, squash, waitForText } from './app-page';
import { useOpenedApp } from './app-suite';
import { ROOT, screenshot } from './harness';

const SEATTLE = join(ROOT, 'resources/samples/seattle-weather.csv');

/** A real CSV from disk through the file input, the wizard's choices, and the imported dataset. */
describe('importing seattle-weather.csv through the wizard', () => {
  const { opened } = useOpenedApp();

  it('previews the file: the first rows, the detected format and a role per column', async () => {
    const { page } = opened();
    await openTab(page, 'Data');
    await page.getByTestId('csv-input').setInputFiles(SEATTLE);

    const wizard = page.getByTestId('import-wizard');
    await wizard.getByRole('heading', { name: 'Import seattle-weather.csv' }).waitFor();
    await wizard.getByRole('table').waitFor();

    // The header row names the columns; the first data rows are the file's, cell by cell.
    const table = wizard.getByRole('table');
    const heads = await table.locator('thead th .column-name').allTextContents();
    expect(heads).toEqual(['date', 'precipitation', 'temp_max', 'temp_min', 'wind', 'weather']);
    const bodyRows = table.locator('tbody tr');
    expect(await bodyRows.count()).toBeGreaterThanOrEqual(5);
    expect((await bodyRows.nth(0).locator('td').allTextContents()).map(squash)).toEqual([
      '2012-01-01',
      '0.0',
      '12.8',
      '5.0',
      '4.7',
      'drizzle',
    ]);
    expect((await bodyRows.nth(1).locator('td').allTextContents()).map(squash)).toEqual([
      '2012-01-02',
      '10.9',
      '10.6',
      '2.8',
      '4.5',
      'rain',
    ]);

    // The detected dialect, each part an editable control.
    expect(await wizard.getByLabel('Delimiter', { exact: true }).inputValue()).toBe(',');
    expect(await wizard.getByLabel('Decimal mark', { exact: true }).inputValue()).toBe('.');
    expect(
      await wizard.getByRole('checkbox', { name: 'First row holds the names' }).isChecked(),
    ).toBe(true);

    // Kinds and the first guess at roles: the date column is the time axis.
    const role = (column: string) => wizard.getByLabel(`Role of ${column}`, { exact: true });
    expect(await role('date').inputValue()).toBe('date');
    expect(await role('weather').inputValue()).toBe('ignore');
    // The proposed target: temp_max, not the first number (precipitation, zero on many days).
    expect(await role('temp_max').inputValue()).toBe('target');
    expect(await role('precipitation').inputValue()).toBe('ignore');
    await screenshot(page, 'csv-import-1-preview');
  });

  it('takes temp_max as the target and date as the date, then imports', async () => {
    const { page } = opened();
    const wizard = page.getByTestId('import-wizard');
    const role = (column: string) => wizard.getByLabel(`Role of ${column}`, { exact: true });

    // Only one target: the column that held it before is ignored again (features are opt-in).
    await role('temp_min').selectOption('target');
    expect(await role('temp_max').inputValue()).toBe('ignore');
    await role('temp_max').selectOption('target');
    await role('date').selectOption('date');
    expect(await role('temp_max').inputValue()).toBe('target');
    expect(await role('date').inputValue()).toBe('date');
    for (const other of ['precipitation', 'temp_min', 'wind']) {
      expect(await role(other).inputValue()).toBe('ignore');
    }
    await waitForText(wizard, /Dates from date/);
    await screenshot(page, 'csv-import-2-roles');

    await wizard.getByRole('button', { name: 'Import “temp_max”' }).click();
    const panel = page.getByTestId('dataset-panel');
    await panel.waitFor({ timeout: 30_000 });
    expect(await wizard.count()).toBe(0);
  });

  it('shows the dataset: 1461 daily rows of temp_max with a preview chart', async () => {
    const { page, errors } = opened();
    const panel = page.getByTestId('dataset-panel');
    expect(squash(await panel.getByRole('heading', { level: 2 }).textContent())).toBe(
      'seattle-weather.csv',
    );
    const badges = (await panel.locator('.card-header .badge').allTextContents()).map(squash);
    expect(badges).toHaveLength(2);
    expect(parseCount(badges[0]!)).toBe(1461);
    expect(badges[0]).toMatch(/rows$/);
    expect(badges[1]).toBe('daily');
    const text = squash(await panel.textContent());
    expect(text).toContain('2012-01-01 – 2015-12-31');
    expect(text).toMatch(/Target temp_max/);
    expect(text).toMatch(/Features none/);
    expect(text).toMatch(/Season 7 rows/);

    const chart = await chartSurfaceSize(page.getByRole('img', { name: /^temp_max over time/ }));
    expect(chart.width).toBeGreaterThan(300);
    expect(chart.height).toBeGreaterThan(200);
    // The header names the dataset models now train on.
    await waitForText(page.getByRole('banner'), /seattle-weather\.csv/);
    await screenshot(page, 'csv-import-3-dataset');
    expect(errors).toEqual([]);
  });
});
