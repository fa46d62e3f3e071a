import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  RUN_TIMEOUT_MS,
  chartSurfaceSize,
  openApp,
  openTab,
  pageWidths,
  type OpenedApp,
  type PageGlobals,
} from './app-page';
import { ROOT, launchBrowser, screenshot, startApp, type RunningApp } from './harness';

/** The smallest window the app supports. */
const SMALL = { width: 1024, height: 700 };
const VIEWS = ['Designer', 'Data', 'Train', 'Forecast'] as const;
type Theme = 'light' | 'dark';

interface Overflow {
  page: { scrollWidth: number; innerWidth: number };
  /** <main> scrolls on its own under the fixed header: it must not scroll sideways either. */
  main: { scrollWidth: number; clientWidth: number };
}

async function overflow(page: Page): Promise<Overflow> {
  const main = await page.getByRole('main').evaluate((element) => ({
    scrollWidth: element.scrollWidth,
    clientWidth: element.clientWidth,
  }));
  return { page: await pageWidths(page), main };
}

function expectNoHorizontalOverflow(state: string, measured: Overflow): void {
  expect(measured.page.scrollWidth, `${state}: the page scrolls sideways`).toBeLessThanOrEqual(
    measured.page.innerWidth,
  );
  expect(measured.main.scrollWidth, `${state}: <main> scrolls sideways`).toBeLessThanOrEqual(
    measured.main.clientWidth,
  );
}

function currentTheme(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () => (globalThis as unknown as PageGlobals).document.documentElement.dataset.theme,
  );
}

/** Both themes, every view, at 1024×700: screenshots of each, and nothing wider than the window. */
describe('themes and the 1024×700 layout', () => {
  let app: RunningApp;
  let browser: Browser;
  let opened: OpenedApp;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    opened = await openApp(browser, app, { viewport: SMALL, colorScheme: 'light' });
  });
  afterAll(async () => {
    await opened?.context.close();
    await browser?.close();
    await app?.stop();
  });

  it('trains a very short run first, so that every view has something to show', async () => {
    const { page } = opened;
    await openTab(page, 'Designer');
    const steps = page.getByLabel('Training steps', { exact: true });
    await steps.fill('40');
    expect(await steps.inputValue()).toBe('40');
    await openTab(page, 'Train');
    await page.getByRole('button', { name: 'Start training' }).click();
    await page.getByTestId('run-outcome').waitFor({ timeout: RUN_TIMEOUT_MS });
    // The default spec stops early when validation loss stalls: either way the run has a model.
    expect(await page.getByTestId('run-outcome').textContent()).toMatch(
      /(Training finished|Stopped early)[\s\S]*\b\d+ steps in/,
    );
  });

  for (const theme of ['light', 'dark'] as const satisfies readonly Theme[]) {
    it(`${theme}: every view fits 1024×700`, async () => {
      const { page } = opened;
      if ((await currentTheme(page)) !== theme) {
        await page.getByRole('button', { name: `Switch to ${theme} theme` }).click();
      }
      expect(await currentTheme(page)).toBe(theme);
      const other = theme === 'dark' ? 'light' : 'dark';
      await page.getByRole('button', { name: `Switch to ${other} theme` }).waitFor();

      for (const view of VIEWS) {
        await openTab(page, view);
        if (view === 'Data') await page.getByTestId('dataset-panel').waitFor();
        if (view === 'Forecast') {
          const chart = await chartSurfaceSize(page.getByTestId('forecast-chart'));
          expect(chart.width).toBeGreaterThan(300);
          await page.getByTestId('metrics-table').waitFor();
        }
        if (view === 'Train') await page.getByRole('img', { name: /loss by step/ }).waitFor();
        expectNoHorizontalOverflow(`${theme} ${view}`, await overflow(page));
        await screenshot(page, `theme-${theme}-${view.toLowerCase()}`);
      }

      // The import wizard is the widest screen: a table with a select per column.
      await openTab(page, 'Data');
      await page
        .getByTestId('csv-input')
        .setInputFiles(join(ROOT, 'resources/samples/seattle-weather.csv'));
      const wizard = page.getByTestId('import-wizard');
      await wizard.getByRole('table').waitFor();
      expectNoHorizontalOverflow(`${theme} import wizard`, await overflow(page));
      await screenshot(page, `theme-${theme}-import-wizard`);
      await wizard.getByRole('button', { name: 'Cancel' }).click();
      await page.getByTestId('dataset-panel').waitFor();
    });
  }

  it('the two themes really differ, and the app reported no errors', async () => {
    const { page, errors } = opened;
    const background = () =>
      page.evaluate(() => {
        const g = globalThis as unknown as PageGlobals & {
          getComputedStyle(element: unknown): { backgroundColor: string };
          document: { body: unknown };
        };
        return g.getComputedStyle(g.document.body).backgroundColor;
      });
    expect(await currentTheme(page)).toBe('dark');
    const dark = await background();
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    expect(await currentTheme(page)).toBe('light');
    expect(await background()).not.toBe(dark);
    expect(errors).toEqual([]);
  });
});
