import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { chartSurfaceSize, openApp, openTab, parseCount, squash, type OpenedApp } from './app-page';
import { ROOT, launchBrowser, screenshot, startApp, type RunningApp } from './harness';

/** 30 daily rows, the 16th of which (line 17 of the file) lost a field. */
function raggedCsv(): string {
  const lines = ['date,temperature,humidity'];
  for (let day = 1; day <= 30; day += 1) {
    const date = `2024-03-${String(day).padStart(2, '0')}`;
    lines.push(day === 16 ? `${date},11.5` : `${date},${(10 + day / 10).toFixed(1)},${60 + day}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Is the whole of the element inside the window, where the user is looking? */
async function isInView(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  if (box === null || viewport === null) return false;
  return (
    box.y >= 0 &&
    box.x >= 0 &&
    box.y + box.height <= viewport.height &&
    box.x + box.width <= viewport.width
  );
}

/** Bad files show the engine's error inside the wizard, and the app goes on working after them. */
describe('broken CSV files', () => {
  let app: RunningApp;
  let browser: Browser;
  let opened: OpenedApp;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    opened = await openApp(browser, app);
    await openTab(opened.page, 'Data');
  });
  afterAll(async () => {
    await opened?.context.close();
    await browser?.close();
    await app?.stop();
  });

  it('a ragged row: the import fails with CSV_RAGGED at line 17, shown in the wizard', async () => {
    const { page } = opened;
    await page.getByTestId('csv-input').setInputFiles({
      name: 'ragged.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(raggedCsv()),
    });
    const wizard = page.getByTestId('import-wizard');
    await wizard.getByRole('heading', { name: 'Import ragged.csv' }).waitFor();
    await wizard.getByRole('button', { name: 'Import “temperature”' }).click();

    const alert = wizard.getByRole('alert');
    await alert.waitFor();
    const text = squash(await alert.textContent());
    expect(text).toContain('The import failed');
    expect(squash(await alert.locator('.badge.danger').textContent())).toBe('CSV_RAGGED');
    expect(text).toContain('line 17');
    expect(text).toContain(
      'Ragged row: line 17 has 2 fields, expected 3 (date, temperature, humidity)',
    );
    expect(await isInView(page, alert)).toBe(true);
    // The wizard stays open with the user's choices, ready for a fixed file or other options.
    expect(await wizard.getByRole('button', { name: 'Import “temperature”' }).isEnabled()).toBe(
      true,
    );
    await screenshot(page, 'broken-csv-1-ragged-row');
  });

  it('a binary file: the preview fails with CSV_BINARY, shown in the wizard', async () => {
    const { page } = opened;
    // An image saved with a .csv name, as happens with a mislabelled download.
    await page.getByTestId('csv-input').setInputFiles({
      name: 'readings.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(join(ROOT, 'resources/icons/32x32.png')),
    });
    const wizard = page.getByTestId('import-wizard');
    await wizard.getByRole('heading', { name: 'Import readings.csv' }).waitFor();
    const alert = wizard.getByRole('alert');
    await alert.waitFor();
    const text = squash(await alert.textContent());
    expect(text).toContain('This file could not be read');
    expect(squash(await alert.locator('.badge.danger').textContent())).toBe('CSV_BINARY');
    expect(text).toContain('This is not a CSV text file');
    expect(await isInView(page, alert)).toBe(true);
    // Nothing to preview, so nothing to import.
    expect(await wizard.getByRole('table').count()).toBe(0);
    expect(await wizard.getByRole('button', { name: /^Import/ }).count()).toBe(0);
    await screenshot(page, 'broken-csv-2-binary-file');
  });

  it('keeps working: the CO2 sample loads afterwards', async () => {
    const { page, errors } = opened;
    await page.getByRole('button', { name: 'Use Mauna Loa CO₂ (monthly)' }).click();
    const panel = page.getByTestId('dataset-panel');
    await panel.waitFor();
    expect(await page.getByTestId('import-wizard').count()).toBe(0);
    expect(squash(await panel.getByRole('heading', { level: 2 }).textContent())).toBe(
      'Mauna Loa CO₂ (monthly)',
    );
    const badges = (await panel.locator('.card-header .badge').allTextContents()).map(squash);
    expect(parseCount(badges[0]!)).toBe(746);
    expect(badges[1]).toBe('monthly');
    expect(squash(await panel.textContent())).toContain('1958-03-01 – 2020-04-01');
    const chart = await chartSurfaceSize(panel.getByRole('img', { name: /^CO2 over time/ }));
    expect(chart.width).toBeGreaterThan(300);
    expect(await page.getByRole('banner').textContent()).toContain('Mauna Loa CO₂ (monthly)');
    await screenshot(page, 'broken-csv-3-co2-after-errors');
    expect(errors).toEqual([]);
  });
});
